// The one way the page shows a diagnostic (the engine's errors and warnings, lint findings, an
// import's errors): the severity as a symbol and a word, the message, the help and where it
// is. The result's diagnostics list, the policy cards, the request fields, the Import dialog
// and the editor tooltips all use it, so a diagnostic reads the same wherever it appears.

import { h, rich } from './dom.js';
import { severityText } from './words.js';
import { t, tx } from './i18n/index.js';

/** A severity in words, with a symbol (never colour alone): "⚠ warning". */
export function severityWord(severity) {
  const s = severityText(severity);
  return s ? `${s.symbol} ${s.word}` : severity;
}

/**
 * The parts of diagnostic `d` as nodes, to put in a list item, a button or a tooltip.
 * `where` is the words for its place ("EC2 full access, line 3, column 7"); `code` false
 * leaves the code out (a field's message, where it is noise).
 */
export function diagnosticView(d, { where = '', code = true } = {}) {
  const sev = severityText(d.severity) || { symbol: '•', word: d.severity || t('severity.note') };
  return [
    h('span', { class: `sev ${d.severity || ''}` }, h('span', { class: 'sym', 'aria-hidden': 'true' }, sev.symbol), ' ', sev.word),
    ' ',
    h('span', { class: 'message' }, where ? h('span', { class: 'where' }, t('diag.where', { where })) : null, rich(d.message)),
    d.help ? [' ', h('span', { class: 'help' }, tx('diag.help', { help: h('span', null, rich(d.help)) }))] : null,
    code && d.code ? [' ', h('span', { class: 'code' }, d.code)] : null,
  ];
}

/** A diagnostic as one block element (`class="diag SEVERITY"`), for a tooltip or a message list. */
export function diagnosticBlock(d, options, tag = 'div') {
  return h(tag, { class: `diag ${d.severity || ''}` }, diagnosticView(d, options));
}

/**
 * The one-click correction of a diagnostic whose help names one ("did you mean"): a button
 * that writes `d.replacement` in place of the text it points at (`onReplace(d)` does the
 * writing). Null when the diagnostic names no correction.
 */
export function replaceButton(d, onReplace) {
  if (typeof d.replacement !== 'string' || !onReplace) return null;
  return h(
    'button',
    { type: 'button', class: 'replace', dataset: { replacement: d.replacement }, onclick: () => onReplace(d) },
    // The words say what is replaced, so the button's name is its text (WCAG 2.5.3).
    typeof d.snippet === 'string'
      ? tx('diag.replace', { snippet: h('code', null, d.snippet), replacement: h('code', null, d.replacement) })
      : tx('diag.replaceWith', { replacement: h('code', null, d.replacement) }),
  );
}

/** Every diagnostic of an answer: the engine's and, beside them, the lint findings, by place. */
export function allDiagnostics(answer) {
  const list = [...(answer?.diagnostics || []), ...(answer?.lint || [])];
  const at = (d) => d.location?.start ?? Number.MAX_SAFE_INTEGER;
  return list.sort((a, b) => at(a) - at(b));
}
