// The scenario's heading and the start line above the panes: the scenario's name (a one-line
// text field styled as the heading, wrapping like one: the open example's title, or the
// user's own; main.js keeps it in the model), then one line for a
// newcomer: what the open example shows, "See why" (the result), Examples, Paste your error →
// Import. And the links to the result.

import { EXAMPLES } from './examples.js';

/** Each example's scenario name, and the line that introduces it. */
const LEADS = new Map(
  EXAMPLES.map((ex) => {
    let name = '';
    try {
      name = JSON.parse(ex.text).name || '';
    } catch {
      // an example always parses (tests/browser); no lead otherwise
    }
    return [name, ex.lead];
  }),
);

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
  $('start-import').addEventListener('click', () => ctx.openImport());
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
    const text = LEADS.get(model.name) || '';
    if (lead.textContent !== text) lead.textContent = text;
    fit();
  }

  return { show };
}
