// The result pane: the decision in words and a symbol, the layer that decided, the statements
// that decided (click to jump), the evaluation flow, the per-statement and per-condition
// explanation, the request context, the decoded authorization message and the diagnostics.

import { h, append, replace, rich } from './dom.js';
import { renderFlow } from './flow.js';
import { DECISION_TEXT, LAYER_SHORT, SEVERITY_TEXT, yesNo } from './words.js';
import { diagnosticView, replaceButton, allDiagnostics } from './diagnostic-view.js';

/** Statements listed before a "show the others" button, per policy. */
const STATEMENTS_SHOWN = 50;

const policyKey = (ref) => `${ref.kind}:${ref.index}:${ref.position ?? ''}`;

/** The name of a statement: its Sid, or its number. */
function statementTitle(s) {
  return s.sid ? s.sid : `statement ${s.statementIndex + 1}`;
}

function sym(text) {
  return h('span', { class: 'sym', 'aria-hidden': 'true' }, text);
}

/** "✓ words" with the symbol hidden from screen readers. */
function mark({ symbol, word, cls }) {
  return h('span', { class: `mark ${cls || ''}` }, sym(symbol), ' ', word);
}

/**
 * Creates the renderer. `ctx` gives:
 *   jump(location)       go to the place a location points at
 *   where(location)      words for where it is ("EC2 full access, line 3, column 7"), or ''
 *   policyLabel(ref, answer)  the label of a policy reference
 *   addContextKey(key)   add a key to the request
 *   correct(d)           write the correction a diagnostic names ("did you mean")
 *   onSelectRequest(i)   show another request
 *   verdictLine          (optional) an element for the decision in one line, shown while the
 *                        decision box is scrolled out of the result's own scroll area
 */
export function createResultPane(container, ctx) {
  // Which collapsible blocks the user opened or closed, kept across re-evaluations.
  const openState = new Map();

  function details(key, defaultOpen, summary, ...body) {
    const open = openState.has(key) ? openState.get(key) : defaultOpen;
    const el = h('details', { dataset: { key }, open }, h('summary', null, summary), ...body);
    el.addEventListener('toggle', () => openState.set(key, el.open));
    return el;
  }

  /** Like details(), but the body is built only when first opened (thousands of statements). */
  function lazyDetails(key, defaultOpen, summary, buildBody) {
    const el = details(key, defaultOpen, summary);
    let built = false;
    const build = () => {
      if (built || !el.open) return;
      built = true;
      append(el, [buildBody()]);
    };
    el.addEventListener('toggle', build);
    build();
    return el;
  }

  function jumpButton(location, text, extra = {}) {
    return h('button', { type: 'button', class: 'link', onclick: () => ctx.jump(location), ...extra }, text);
  }

  function decisionBlock(answer, selected) {
    if (answer.status !== 'evaluated' || !answer.decision) {
      const errors = answer.diagnostics.filter((d) => d.severity === 'error').length;
      return h(
        'div',
        { id: 'decision', class: 'decision invalid', dataset: { status: 'invalid' } },
        h('span', { class: 'decision-symbol', 'aria-hidden': 'true' }, '✖'),
        h(
          'div',
          { class: 'decision-text' },
          h('p', { class: 'decision-word' }, 'No decision'),
          h('p', { class: 'decision-sub' }, `The scenario has ${errors === 1 ? 'an error' : `${errors} errors`}. Fix ${errors === 1 ? 'it' : 'them'} to see a decision (see the diagnostics below).`),
        ),
      );
    }
    const d = DECISION_TEXT[answer.decision];
    const many = answer.requests.length > 1;
    const result = answer.requests[selected];
    const lines = [];
    if (many) {
      const denied = answer.requests.filter((r) => r.decision !== 'Allow').length;
      lines.push(
        h(
          'p',
          { class: 'decision-sub' },
          answer.decision === 'Allow'
            ? `All ${answer.requests.length} requests are allowed.`
            : `${denied} of ${answer.requests.length} requests ${denied === 1 ? 'is' : 'are'} denied${answer.decision === 'ExplicitDeny' ? ', at least one explicitly' : ''}.`,
        ),
      );
    } else if (result) {
      lines.push(h('p', { class: 'decision-sub summary' }, rich(result.summary)));
      lines.push(h('p', { class: 'decided-by' }, 'Decided by ', h('strong', null, LAYER_SHORT[result.decidedBy] || result.decidedBy), '. ', d.detail));
    }
    return h(
      'div',
      { id: 'decision', class: `decision ${d.cls}`, dataset: { decision: answer.decision } },
      h('span', { class: 'decision-symbol', 'aria-hidden': 'true' }, d.symbol),
      h('div', { class: 'decision-text' }, h('p', { class: 'decision-word' }, d.word), ...lines),
    );
  }

  function requestList(answer, selected) {
    if (answer.requests.length < 2) return null;
    return h(
      'ol',
      { class: 'request-list', 'aria-label': 'Decision per request' },
      answer.requests.map((r, i) => {
        const d = DECISION_TEXT[r.decision];
        return h(
          'li',
          { class: i === selected ? 'current' : '' },
          h(
            'button',
            { type: 'button', class: `request-pick ${d.cls}`, 'aria-current': i === selected ? 'true' : null, onclick: () => ctx.onSelectRequest(i), dataset: { requestDecision: r.decision } },
            h('span', { class: 'req-n' }, `${i + 1}`),
            ' ',
            h('code', null, r.request.action),
            ' on ',
            h('code', { class: 'resource' }, r.request.resource),
            ' ',
            mark(d),
          ),
        );
      }),
    );
  }

  function selectedHeader(answer, result, selected) {
    if (answer.requests.length < 2) return null;
    const d = DECISION_TEXT[result.decision];
    return h(
      'div',
      { class: `request-decision ${d.cls}`, dataset: { requestDecision: result.decision } },
      h('h3', null, `Request ${selected + 1}: `, mark(d)),
      h('p', { class: 'summary' }, rich(result.summary)),
      h('p', { class: 'decided-by' }, 'Decided by ', h('strong', null, LAYER_SHORT[result.decidedBy] || result.decidedBy), '.'),
    );
  }

  function decidingStatements(answer, result) {
    const list = result.matchedStatements || [];
    const heading =
      result.decision === 'ExplicitDeny'
        ? 'The Deny statements that applied'
        : result.decision === 'Allow'
          ? 'The Allow statements that granted access'
          : 'Statements that decided';
    const body = list.length
      ? h(
        'ul',
        { class: 'deciding' },
        list.map((s) =>
          h(
            'li',
            null,
            h(
              'button',
              { type: 'button', class: `chip effect-${s.effect.toLowerCase()}`, onclick: () => ctx.jump(s.location), title: 'Show this statement in its editor' },
              h('span', { class: 'effect' }, s.effect),
              ' ',
              h('strong', null, statementTitle(s)),
              ' in ',
              ctx.policyLabel(s.policy, answer),
            ),
          ),
        ),
      )
      : h('p', { class: 'muted' }, result.decision === 'ImplicitDeny' ? 'No statement allows this request: the denial comes from the absence of an Allow.' : 'None.');
    return h('section', { class: 'block' }, h('h3', null, heading), body);
  }

  function elementRow(name, m) {
    if (!m) return null;
    const yn = yesNo(m.matched);
    return [
      h('dt', null, m.element && m.element !== '(none)' ? m.element : name),
      h(
        'dd',
        null,
        mark(yn),
        m.matchedValue && !m.detail ? [' ', h('code', null, m.matchedValue)] : null,
        m.detail ? h('span', { class: 'detail' }, ' — ', rich(m.detail)) : null,
        m.location ? [' ', jumpButton(m.location, 'show', { 'aria-label': `Show the ${name} element in its editor` })] : null,
      ),
    ];
  }

  function conditionList(conditions) {
    return h(
      'ol',
      { class: 'conditions' },
      conditions.map((c) =>
        h(
          'li',
          { class: `condition ${c.outcome ? 'holds' : 'fails'}` },
          h(
            'div',
            { class: 'cond-head' },
            jumpButton(c.location, c.operator, { class: 'link mono', title: 'Show this condition in its editor' }),
            ' ',
            h('code', { class: 'cond-key' }, c.key),
            ' ',
            mark(yesNo(c.outcome, 'holds', 'fails')),
          ),
          c.reason ? h('p', { class: 'reason' }, rich(c.reason)) : null,
          h(
            'dl',
            { class: 'cond-values' },
            h('dt', null, 'Request'),
            h(
              'dd',
              null,
              c.keyPresent && c.requestValues
                ? h('ul', { class: 'values' }, c.requestValues.map((v) => h('li', null, h('code', null, v))))
                : h('span', { class: 'missing' }, sym('∅'), ' not in the request'),
              c.valueSource ? h('span', { class: 'source' }, `(${c.valueSource === 'derived' ? 'derived by the playground' : 'from the request'})`) : null,
            ),
            h('dt', null, 'Policy'),
            h(
              'dd',
              null,
              h(
                'ul',
                { class: 'values' },
                c.values.map((v) =>
                  h(
                    'li',
                    null,
                    mark(yesNo(v.matched, 'matches', 'no match')),
                    ' ',
                    h('code', null, v.value),
                    v.resolved !== undefined && v.resolved !== v.value ? [' → ', h('code', null, v.resolved)] : null,
                    v.note ? h('span', { class: 'note' }, ' (', rich(v.note), ')') : null,
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function explanation(answer, result, selected) {
    const groups = new Map();
    for (const s of result.statements || []) {
      const key = policyKey(s.policy);
      if (!groups.has(key)) groups.set(key, { policy: s.policy, statements: [] });
      groups.get(key).statements.push(s);
    }
    const matched = new Set((result.matchedStatements || []).map((s) => `${policyKey(s.policy)}#${s.statementIndex}`));
    const statementBlock = (s) => {
      const key = `${policyKey(s.policy)}#${s.statementIndex}`;
      const isMatched = matched.has(key);
      const applies = yesNo(s.applies, 'applies', 'does not apply');
      return lazyDetails(
        `req${selected}:stmt:${key}`,
        isMatched,
        [
          h('span', { class: `effect effect-${s.effect.toLowerCase()}` }, s.effect),
          ' ',
          h('strong', null, statementTitle(s)),
          ' ',
          mark(applies),
          isMatched ? h('span', { class: 'gate-badge decided-badge' }, sym('◆ '), 'decided') : null,
        ],
        () =>
          h(
            'div',
            { class: `stmt ${s.applies ? 'applies' : 'not-applies'}` },
            h(
              'p',
              { class: 'stmt-actions' },
              jumpButton(s.location, 'Show this statement in its editor'),
              h(
                'button',
                { type: 'button', class: 'small', title: 'See the decision as if this statement were deleted', onclick: () => ctx.setStatementSwitch(s, true) },
                'Switch off (what if)',
              ),
            ),
            h(
              'dl',
              { class: 'elements' },
              elementRow('Action', s.action),
              elementRow('Resource', s.resource),
              elementRow('Principal', s.principal),
              h('dt', null, 'Condition'),
              h('dd', null, s.conditions.length ? mark(yesNo(s.conditionsMet, 'all hold', 'not all hold')) : 'none'),
            ),
            s.conditions.length ? conditionList(s.conditions) : null,
          ),
      );
    };
    const blocks = [...groups.values()].map(({ policy, statements }) => {
      // Long policies: the statements that apply and the first ones; the rest on request.
      const first = statements.filter((s, i) => i < STATEMENTS_SHOWN || s.applies || matched.has(`${policyKey(s.policy)}#${s.statementIndex}`));
      const rest = statements.filter((s) => !first.includes(s));
      const section = h('section', { class: 'policy-explained' }, h('h4', null, ctx.policyLabel(policy, answer)), first.map(statementBlock));
      if (rest.length) {
        const more = h('button', { type: 'button', class: 'small' }, `Show the other ${rest.length} statements`);
        more.addEventListener('click', () => more.replaceWith(...rest.map(statementBlock)));
        section.appendChild(more);
      }
      return section;
    });
    return details(
      `req${selected}:explanation`,
      true,
      h('h3', { class: 'inline' }, 'Explanation: every statement'),
      blocks.length ? blocks : h('p', { class: 'muted' }, 'No statements were considered.'),
    );
  }

  function passRoleNote(result) {
    const note = result.passRoleNote;
    if (!note) return null;
    return h(
      'aside',
      { class: 'note-block', 'aria-label': 'Why iam:PassRole exists' },
      h('p', null, h('strong', null, 'Why iam:PassRole? '), rich(note.summary)),
      h('p', null, rich(note.explanation)),
      note.learnMore && /^https:\/\//.test(note.learnMore)
        ? h('p', null, h('a', { href: note.learnMore, target: '_blank', rel: 'noopener noreferrer' }, 'AWS documentation: passing a role to a service'))
        : null,
    );
  }

  function disabledStatements(answer, result, selected) {
    const list = result.disabledStatements || [];
    if (!list.length) return null;
    return details(
      `req${selected}:disabled`,
      true,
      h('h3', { class: 'inline' }, `Switched off (${list.length} statement${list.length === 1 ? '' : 's'})`),
      h('p', { class: 'hint' }, 'Switched off (the scenario’s ', h('code', null, 'whatIf'), '): these statements took no part in the decision. Whether they would apply:'),
      h(
        'ul',
        { class: 'disabled-statements' },
        list.map((s) =>
          h(
            'li',
            null,
            h('span', { class: `effect effect-${s.effect.toLowerCase()}` }, s.effect),
            ' ',
            jumpButton(s.location, statementTitle(s)),
            ` in ${ctx.policyLabel(s.policy, answer)}: `,
            mark(yesNo(s.applies, 'would apply', 'would not apply')),
            ' ',
            h('button', { type: 'button', class: 'small', onclick: () => ctx.setStatementSwitch(s, false) }, 'Switch back on'),
          ),
        ),
      ),
    );
  }

  function contextBlock(result, selected) {
    const ctxKeys = result.context || [];
    const derived = ctxKeys.filter((k) => k.source === 'derived');
    const supplied = ctxKeys.filter((k) => k.source !== 'derived');
    const table = (rows, caption) =>
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'context-table' },
          h('caption', null, caption),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'Value(s)'), h('th', { scope: 'col' }, 'From'))),
          h(
            'tbody',
            null,
            rows.map((k) =>
              h(
                'tr',
                null,
                h('td', null, h('code', null, k.key)),
                h('td', null, h('ul', { class: 'values' }, k.values.map((v) => h('li', null, h('code', null, v)))), k.multivalued ? h('span', { class: 'note' }, ' (multivalued)') : null),
                h('td', null, k.source === 'derived' ? `derived${k.derivedFrom ? ` from ${k.derivedFrom}` : ''}` : 'the request'),
              ),
            ),
          ),
        ),
      );
    const missing = result.missingContextKeys || [];
    return details(
      `req${selected}:context`,
      missing.some((m) => m.couldChangeDecision),
      h('h3', { class: 'inline' }, `Request context (${derived.length} derived key${derived.length === 1 ? '' : 's'})`),
      derived.length ? table(derived, 'Derived by the playground from the principal, action and resource') : h('p', { class: 'muted' }, 'No derived keys.'),
      supplied.length ? table(supplied, 'Supplied in the request') : null,
      missing.length
        ? h(
          'div',
          { class: 'missing-keys' },
          h('h4', null, 'Keys the conditions use that the request does not supply'),
          h(
            'ul',
            null,
            missing.map((m) =>
              h(
                'li',
                null,
                h('code', null, m.key),
                m.couldChangeDecision ? h('span', { class: 'gate-badge warn' }, sym('⚠ '), 'could change the decision') : null,
                ' ',
                h('button', { type: 'button', class: 'small', onclick: () => ctx.addContextKey(m.key) }, `Add ${m.key} to the request`),
              ),
            ),
          ),
        )
        : null,
    );
  }

  function authorizationMessage(result, selected) {
    const text = JSON.stringify(result.authorizationMessage, null, 2);
    const copy = h('button', { type: 'button', class: 'small' }, 'Copy');
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(text);
        copy.textContent = 'Copied';
      } catch {
        copy.textContent = 'Copy failed: select the text';
      }
      setTimeout(() => (copy.textContent = 'Copy'), 1500);
    });
    return details(
      `req${selected}:authmsg`,
      false,
      h('h3', { class: 'inline' }, 'Decoded authorization message'),
      h('p', { class: 'hint' }, 'What ', h('code', null, 'aws sts decode-authorization-message'), ' would show for this request.'),
      copy,
      // Focusable: it scrolls, and the keyboard must reach it (axe scrollable-region-focusable).
      h('pre', { class: 'json', tabindex: '0', 'aria-label': 'The decoded authorization message, as JSON' }, h('code', null, text)),
    );
  }

  function diagnosticsBlock(answer) {
    // The engine's and, once the catalog is loaded, the lint findings beside them.
    const list = allDiagnostics(answer);
    const counts = {};
    for (const d of list) counts[d.severity] = (counts[d.severity] || 0) + 1;
    const summary = list.length
      ? Object.entries(counts).map(([sev, n]) => `${n} ${SEVERITY_TEXT[sev]?.word || sev}${n === 1 ? '' : 's'}`).join(', ')
      : 'none';
    const shown = list.slice(0, 500);
    return details(
      'diagnostics',
      list.some((d) => d.severity === 'error' || d.severity === 'securityWarning'),
      h('h3', { class: 'inline' }, `Diagnostics (${summary})`),
      list.length
        ? h(
          'ol',
          { class: 'diagnostics' },
          shown.map((d) => {
            const content = diagnosticView(d, { where: ctx.where(d.location) });
            const fix = replaceButton(d, ctx.correct);
            return h(
              'li',
              { class: `diag ${d.severity}`, dataset: { code: d.code } },
              d.location ? h('button', { type: 'button', class: 'diag-jump', onclick: () => ctx.jump(d.location) }, content) : h('div', { class: 'diag-jump' }, content),
              fix ? h('div', { class: 'diag-actions' }, fix) : null,
            );
          }),
        )
        : h('p', { class: 'muted' }, 'No errors or warnings.'),
      list.length > shown.length ? h('p', { class: 'muted' }, `… and ${list.length - shown.length} more.`) : null,
    );
  }

  // The decision and what decided it, then the slots other panels fill (fixes.js: what an
  // import found, the checks of a bundle, the Fix section), then the details. The slots stay in
  // place across renders.
  const decisionHost = h('div', { class: 'decision-host' });
  const slots = h('div', { class: 'result-slots' });
  const detailsHost = h('div', { class: 'result-details' });
  // What the page shows before the first answer (Loading the engine…) stays until it comes.
  append(decisionHost, [...container.childNodes]);
  replace(container, decisionHost, slots, detailsHost);
  const slotEls = new Map();

  /** The element of slot `name`, created at the end of the slots on first use. */
  function slot(name) {
    if (!slotEls.has(name)) {
      const el = h('div', { class: 'result-slot', dataset: { slot: name } });
      slotEls.set(name, el);
      slots.appendChild(el);
    }
    return slotEls.get(name);
  }

  // The one-line verdict at the top of the result column: shown (class `shown`) while the
  // decision box is out of the column's view, so an edit made down in the explanation (a what-if
  // switch) shows its decision. Its box is kept either way: showing it moves nothing.
  const line = ctx.verdictLine;
  let decisionInView = true;
  const observer = line
    ? new IntersectionObserver(
      (entries) => {
        decisionInView = entries[entries.length - 1].isIntersecting;
        line.classList.toggle('shown', !decisionInView);
      },
      { root: container.closest('.result'), threshold: 0 },
    )
    : null;
  function showLine(answer) {
    if (!line) return;
    const d = answer?.status === 'evaluated' ? DECISION_TEXT[answer.decision] : null;
    replace(line, d ? [h('span', { class: 'sym' }, d.symbol), ' ', d.word] : [h('span', { class: 'sym' }, '✖'), ' No decision']);
    line.className = `result-verdict ${d ? d.cls : 'invalid'}${decisionInView ? '' : ' shown'}`;
    observer.disconnect();
    const box = decisionHost.querySelector('#decision');
    if (box) observer.observe(box);
  }

  /** Renders the answer of `view`; `view.selected` is the request shown in detail. */
  function show({ answer, selected }) {
    if (!answer) return;
    const sel = Math.min(selected, Math.max(0, answer.requests.length - 1));
    const result = answer.requests[sel];
    const invalid = answer.status !== 'evaluated';
    slots.hidden = false;
    replace(decisionHost, decisionBlock(answer, sel));
    showLine(answer);
    if (invalid) {
      replace(detailsHost, diagnosticsBlock(answer));
      return;
    }
    if (!result) {
      replace(detailsHost);
      return;
    }
    // The verdict, the request it is about (with several) and the statements that decided it
    // come first, above the slots, so they stay on screen however long a fix is.
    append(decisionHost, [requestList(answer, sel), selectedHeader(answer, result, sel), decidingStatements(answer, result)]);
    replace(
      detailsHost,
      h(
        'section',
        { class: 'block' },
        h('h3', null, 'Evaluation flow'),
        renderFlow(result, { onStatement: (s) => ctx.jump(s.location), statementName: (s) => statementTitle(s) }),
      ),
      passRoleNote(result),
      explanation(answer, result, sel),
      disabledStatements(answer, result, sel),
      contextBlock(result, sel),
      authorizationMessage(result, sel),
      diagnosticsBlock(answer),
    );
  }

  /** Shows a message instead of a result (engine failure, size limit); the slots are hidden. */
  function renderMessage(title, text) {
    slots.hidden = true;
    replace(detailsHost);
    replace(
      decisionHost,
      h(
        'div',
        { id: 'decision', class: 'decision invalid', dataset: { status: 'message' } },
        h('span', { class: 'decision-symbol', 'aria-hidden': 'true' }, 'ℹ'),
        h('div', { class: 'decision-text' }, h('p', { class: 'decision-word' }, title), h('p', { class: 'decision-sub' }, text)),
      ),
    );
  }

  return { show, renderMessage, slot };
}
