// "Download scenario": the scenario as a .json file that names the format's JSON Schema in
// `$schema` (served next to the page as scenario.schema.json), so that an editor checks and
// completes it (docs/scenario-format.md, "JSON Schema").

import { h } from './dom.js';

/** The address of the JSON Schema served beside this page. */
export function schemaAddress() {
  return new URL('scenario.schema.json', location.href.split('#')[0]).href;
}

/**
 * `text` with `"$schema": url` as its first member, the rest byte for byte as written. Text
 * that is not a JSON object, or that names a schema already, is returned unchanged.
 */
export function withSchema(text, url) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return text;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || Object.hasOwn(doc, '$schema')) return text;
  const open = text.indexOf('{') + 1;
  const rest = text.slice(open);
  const indent = (rest.match(/^[ \t]*\r?\n([ \t]*)\S/) || [])[1] ?? '  ';
  const member = `\n${indent}"$schema": ${JSON.stringify(url)}`;
  return Object.keys(doc).length ? `${text.slice(0, open)}${member},${rest}` : `${text.slice(0, open)}${member}\n}${rest.slice(rest.indexOf('}') + 1)}`;
}

/** A file name from the scenario's name (`payroll-reader.json`). */
export function scenarioFileName(name) {
  const slug = String(name || '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${slug || 'scenario'}.json`;
}

/** Saves `text` (a scenario) as a file, with `$schema` set. */
export function downloadScenario(text, name) {
  const url = URL.createObjectURL(new Blob([withSchema(text, schemaAddress())], { type: 'application/json' }));
  const a = h('a', { href: url, download: scenarioFileName(name) });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
