// The parts of a scenario an embed shows (each policy or SCP/RCP level, each request) and the
// height of the compact view (the iframe), shared by the <iam-playground> element and the
// page's "Copy embed snippet" (which writes that height on the iframe, for hosts that run no
// script).

import { kindLabel } from '../src/scenario.js';
import { t as pageT } from '../src/i18n/index.js';

const POLICY_KINDS = ['identity', 'permissionsBoundary', 'session', 'resource', 'scp', 'rcp'];
const LIST_KINDS = new Set(['identity', 'scp', 'rcp']);

/**
 * The editable parts of a scenario: each policy (or SCP/RCP level) and each request, with the
 * place it goes back to. A policy given as a JSON string is shown as its document. Labels are
 * in the language of `t` (the page's by default; an embed passes its own).
 */
export function partsOf(scenario, t = pageT) {
  const parts = [];
  const policies = scenario.policies && typeof scenario.policies === 'object' ? scenario.policies : {};
  for (const kind of POLICY_KINDS) {
    const value = policies[kind];
    if (value === undefined || value === null) continue;
    const list = LIST_KINDS.has(kind) && Array.isArray(value) ? value : [value];
    list.forEach((item, i) => {
      let shown = item;
      if (typeof item === 'string') {
        try {
          shown = JSON.parse(item);
        } catch {
          shown = item;
        }
      }
      const name = item && typeof item === 'object' && typeof item.name === 'string' ? item.name : '';
      const values = { kind: kindLabel(kind, t), n: String(i + 1), name };
      const key = list.length > 1 ? (name ? 'part.policyNNamed' : 'part.policyN') : name ? 'part.policyNamed' : 'part.policy';
      parts.push({
        pane: 'policies',
        label: t(key, values),
        path: LIST_KINDS.has(kind) && Array.isArray(value) ? ['policies', kind, i] : ['policies', kind],
        text: JSON.stringify(shown, null, 2),
      });
    });
  }
  if (Array.isArray(scenario.requests)) {
    scenario.requests.forEach((r, i) => {
      parts.push({ pane: 'request', label: t('part.requestN', { n: String(i + 1) }), path: ['requests', i], text: JSON.stringify(r, null, 2) });
    });
  } else if (scenario.request !== undefined) {
    parts.push({ pane: 'request', label: t('part.request'), path: ['request'], text: JSON.stringify(scenario.request, null, 2) });
  }
  return parts;
}

// The compact view's measures (embed.css and the editor's theme): an editor line is 21 px
// (0.875rem at line-height 1.5) and an editor is at most 14rem high; a part's label 22 px.
const LINE = 21;
const EDITOR_MAX = 224;
const LABEL = 22;
const GAP = 8;
/** Characters on an editor line before it wraps, in a frame about 600 px wide. */
const LINE_CHARS = 72;
/** The frame never asks for less or more than this without script (it scrolls inside). */
export const FRAME_MIN = 240;
export const FRAME_MAX = 640;

/**
 * The height in CSS pixels of embed.html showing `scenario` (parsed) in the compact view, for
 * the snippet's `height` attribute: the decision first (one block per request, a line per
 * deciding statement when `answer` is given), then each part's editor, clamped to
 * [FRAME_MIN, FRAME_MAX]. iam-playground-frames.js replaces it with the measured height on
 * hosts that run it.
 */
export function compactHeight(scenario, answer) {
  const requests = answer && Array.isArray(answer.requests) && answer.requests.length ? answer.requests : [{}];
  let verdict = 0;
  for (const r of requests) {
    const summaryLines = Math.max(1, Math.ceil(String(r.summary || '').length / 90));
    verdict += 22 + 19 * summaryLines + 19 * (r.matchedStatements ? r.matchedStatements.length : 0) + 6;
  }
  let inputs = 0;
  for (const part of partsOf(scenario)) {
    const lines = part.text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / LINE_CHARS)), 0);
    inputs += LABEL + Math.min(lines * LINE + 8, EDITOR_MAX) + GAP;
  }
  // The element's padding and border, the gaps, and the footer line.
  const total = 14 + verdict + GAP + inputs + 26;
  return Math.max(FRAME_MIN, Math.min(FRAME_MAX, Math.round(total)));
}
