// The evaluation flow, drawn from the answer's `layers` (not a fixed image): the gates in AWS's
// order, each with its outcome as a symbol and words, the path taken and the gate that decided.
// For a cross-account request the gates of each account's side are drawn in their own lane.

import { h, rich } from './dom.js';
import { decisionText, layerName, layerStatusText } from './words.js';
import { t } from './i18n/index.js';

/** The name of one gate ("Service control policies (SCPs) · level 2: ou-prod"). */
export function gateName(layer) {
  const base = layerName(layer.layer);
  if ((layer.layer === 'scp' || layer.layer === 'rcp') && layer.level !== undefined) {
    const level = String(layer.level + 1);
    return layer.levelName ? t('flow.levelNamed', { layer: base, level, name: layer.levelName }) : t('flow.level', { layer: base, level });
  }
  return base;
}

/**
 * The index of the gate that decided: for a deny, the first gate of the deciding layer that did
 * not allow; for an allow, the last gate of the deciding layer.
 */
export function decidingGate(result) {
  const layers = result.layers || [];
  const of = layers.map((l, i) => [l, i]).filter(([l]) => l.layer === result.decidedBy);
  if (!of.length) return -1;
  if (result.decision === 'Allow') return of[of.length - 1][1];
  const denying = of.find(([l]) => l.status === 'explicitDeny' || l.status === 'implicitDeny');
  return (denying || of[0])[1];
}

/**
 * Renders the flow for one request result. `onStatement(statementRef)` jumps to a statement;
 * `statementName(statementRef)` names one.
 */
export function renderFlow(result, { onStatement, statementName }) {
  const layers = result.layers || [];
  const decided = decidingGate(result);
  const cross = !!result.request?.crossAccount;

  const gate = (layer, i) => {
    const status = layerStatusText(layer.layer, layer.status);
    const isDecided = i === decided;
    // A deny stops the evaluation at its gate; an allow passes every gate that must allow.
    const after = result.decision !== 'Allow' && decided >= 0 && i > decided;
    const classes = ['gate', `status-${status.cls}`];
    if (isDecided) classes.push('decided');
    if (after) classes.push('after');
    if (!layer.required && !isDecided) classes.push('optional');
    const notes = [];
    if (isDecided) notes.push(h('span', { class: 'gate-badge decided-badge' }, h('span', { 'aria-hidden': 'true' }, '◆ '), t('flow.decidedHere')));
    else if (after) notes.push(h('span', { class: 'gate-badge' }, t('flow.afterDecision')));
    else if (!layer.required) notes.push(h('span', { class: 'gate-badge' }, t('flow.notNeeded')));
    return h(
      'li',
      { class: classes.join(' '), dataset: { layer: layer.layer, status: layer.status, side: layer.side || '' } },
      h('span', { class: 'gate-step', 'aria-hidden': 'true' }, String(i + 1)),
      h(
        'div',
        { class: 'gate-body' },
        h('span', { class: 'gate-name' }, gateName(layer)),
        ' ',
        h('span', { class: 'gate-status' }, h('span', { class: 'sym', 'aria-hidden': 'true' }, status.symbol), ' ', status.word),
        notes.length ? [' ', notes] : null,
        layer.reason ? h('span', { class: 'gate-reason' }, rich(layer.reason)) : null,
        layer.statements?.length
          ? h(
            'span',
            { class: 'gate-statements' },
            layer.statements.map((s) =>
              h('button', { type: 'button', class: `chip effect-${(s.effect || '').toLowerCase()}`, onclick: () => onStatement(s), title: t('result.showStatement') }, statementName(s)),
            ),
          )
          : null,
      ),
    );
  };

  const d = decisionText(result.decision) || { symbol: '?', word: result.decision, cls: '' };
  const end = h(
    'div',
    { class: `flow-end ${d.cls}` },
    h('span', { class: 'sym', 'aria-hidden': 'true' }, d.symbol),
    ' ',
    h('span', null, t('flow.final', { decision: d.word })),
  );

  let body;
  if (cross) {
    const sides = [
      { side: 'principal', title: result.request.principalAccount ? t('flow.principalAccountId', { account: result.request.principalAccount }) : t('flow.principalAccount') },
      { side: 'resource', title: result.request.resourceAccount ? t('flow.resourceAccountId', { account: result.request.resourceAccount }) : t('flow.resourceAccount') },
    ];
    const shared = layers.map((l, i) => [l, i]).filter(([l]) => l.side !== 'principal' && l.side !== 'resource');
    body = h(
      'div',
      { class: 'flow-cross' },
      shared.length ? h('ol', { class: 'flow' }, shared.map(([l, i]) => gate(l, i))) : null,
      h(
        'div',
        { class: 'lanes' },
        sides.map(({ side, title }) =>
          h(
            'section',
            { class: `lane lane-${side}`, 'aria-label': title },
            h('h4', null, title),
            h('ol', { class: 'flow' }, layers.map((l, i) => [l, i]).filter(([l]) => l.side === side).map(([l, i]) => gate(l, i))),
          ),
        ),
      ),
      h('p', { class: 'hint' }, t('flow.crossHint')),
    );
  } else {
    body = h('ol', { class: 'flow' }, layers.map((l, i) => gate(l, i)));
  }
  return h('div', { class: 'flow-picture', role: 'group', 'aria-label': t('result.flow') }, body, end);
}
