// The scenario's heading and the start line above the panes: the scenario's name (a one-line
// text field styled as the heading, wrapping like one: the open example's title, or the
// user's own; main.js keeps it in the model), then one line for a
// newcomer: what the open example shows, "See why" (the result), Examples, Paste your error →
// Import. And the links to the result.

import { EXAMPLES, exampleName } from './examples.js';
import { CATALOGS, t, tx } from './i18n/index.js';
import { h, replace } from './dom.js';

/**
 * The example whose scenario name (in either language) is `name`, for its lead. Asked each
 * time: the Japanese catalog arrives after this module is read (i18n/index.js loadLang).
 */
function exampleIdOf(name) {
  return EXAMPLES.find((ex) => name && (name === exampleName(ex) || name === CATALOGS.ja[`example.${ex.id}.name`]))?.id;
}

/**
 * `ctx` gives:
 *   openExamples()   opens the Examples menu
 *   openImport()     opens the Import dialog
 */
export function createIntro(ctx) {
  const $ = (id) => document.getElementById(id);
  const lead = $('start-lead');
  const title = $('scenario-name');
  // The title wraps instead of being cut: the field is as tall as its text.
  const fit = () => {
    title.style.height = 'auto';
    // scrollHeight is the text and padding; the height (border-box) adds the borders.
    title.style.height = `${title.scrollHeight + title.offsetHeight - title.clientHeight}px`;
  };
  // A new name is fitted before the next frame, not at once: reading its height lays out the
  // whole page, which then happens once, with the rest of what changed (the first decision).
  let fitting = 0;
  const fitSoon = () => {
    fitting ||= requestAnimationFrame(() => {
      fitting = 0;
      fit();
    });
  };
  title.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') e.preventDefault();
  });
  title.addEventListener('input', () => {
    if (/[\r\n]/.test(title.value)) title.value = title.value.replace(/[\r\n]+/g, ' ');
    fit();
  });
  let width = 0;
  new ResizeObserver(([entry]) => {
    if (entry.contentRect.width === width) return;
    width = entry.contentRect.width;
    fit();
  }).observe(title);
  $('start-examples').dataset.opensExamples = '';
  $('start-examples').addEventListener('click', () => ctx.openExamples());
  const importButton = h('button', { type: 'button', class: 'link', id: 'start-import', onclick: () => ctx.openImport() });
  const paste = () => {
    importButton.textContent = t('intro.import');
    replace($('start-paste'), tx('intro.paste', { import: importButton }));
  };
  paste();
  // Every link to the result (the skip link, the verdict bar, See why) shows its top and gives
  // it the focus, without touching the address bar (its fragment is the scenario's link).
  const showResult = (e) => {
    e.preventDefault();
    const result = $('result');
    result.scrollTo({ top: 0 });
    result.scrollIntoView({ block: 'start' });
    result.focus({ preventScroll: true });
  };
  for (const link of document.querySelectorAll('a[href="#result"]')) link.addEventListener('click', showResult);

  /** The lead says what the open example shows, while its name is the example's. */
  function show({ model }) {
    const id = exampleIdOf(model.name);
    const text = id ? t(`example.${id}.lead`) : '';
    if (lead.textContent !== text) lead.textContent = text;
    fitSoon();
  }

  /** The start line's words in the page's language (after a switch). */
  function relabel() {
    paste();
  }

  return { show, relabel };
}
