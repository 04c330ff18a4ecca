// The examples gallery. The scenarios are the JSON files in www/examples/, bundled as text
// (esbuild's text loader), so each opens exactly as written; each is offered as a share link.

import { CATALOGS, t } from './i18n/index.js';
import ex1 from '../examples/1-passrole-ec2-full-access-only.json';
import ex2 from '../examples/2-passrole-allow-on-role.json';
import ex3 from '../examples/3-passrole-narrowed-to-ec2.json';
import ex3b from '../examples/3b-passrole-narrowed-lambda-denied.json';
import ex4 from '../examples/4-passrole-privilege-escalation.json';
import ex5 from '../examples/5-explicit-deny-wins.json';
import ex6 from '../examples/6-permissions-boundary.json';
import ex7 from '../examples/7-scp-allow-list.json';
import ex8 from '../examples/8-cross-account-bucket.json';
import ex9 from '../examples/9-vpc-endpoint-one-bucket.json';

/**
 * { id, text } in gallery order. Each example's words are in the catalog (i18n/en.js):
 * `example.ID.title` and `.blurb` (the gallery), `.lead` (the start line, intro.js) and `.name`
 * (the scenario's name, which exampleText() writes in the page's language).
 */
export const EXAMPLES = [
  { id: '1', text: ex1 },
  { id: '2', text: ex2 },
  { id: '3', text: ex3 },
  { id: '3b', text: ex3b },
  { id: '4', text: ex4 },
  { id: '5', text: ex5 },
  { id: '6', text: ex6 },
  { id: '7', text: ex7 },
  { id: '8', text: ex8 },
  { id: '9', text: ex9 },
];

/** The scenario's name in an example's text (the file's own, English). */
export function exampleName(ex) {
  try {
    return JSON.parse(ex.text).name || '';
  } catch {
    return '';
  }
}

/**
 * An example's text with its scenario name in the page's language; only the name's string
 * changes, so the rest opens exactly as written.
 */
export function exampleText(ex) {
  const name = exampleName(ex);
  const key = `example.${ex.id}.name`;
  const localized = t(key);
  if (!name || localized === key || localized === name) return ex.text;
  return ex.text.replace(JSON.stringify(name), JSON.stringify(localized));
}

/**
 * An example's scenario name (in either language) in the page's language; any other name as
 * it is (the user's own).
 */
export function localizedName(name) {
  for (const ex of EXAMPLES) {
    const key = `example.${ex.id}.name`;
    if (name && (name === exampleName(ex) || name === CATALOGS.ja[key] || name === CATALOGS.en[key])) return t(key);
  }
  return name;
}

/**
 * Artefacts to import (they open the Import dialog): { id }; words `example.ID.*`; their text
 * (importExampleText) is a chunk of its own, fetched on first use.
 */
export const IMPORT_EXAMPLES = [{ id: 'i1' }, { id: 'i2' }];

/** The text of artefact `id` of IMPORT_EXAMPLES. */
export function importExampleText(id) {
  return import('./import-examples.js').then(({ IMPORT_TEXTS }) => IMPORT_TEXTS[id]);
}
