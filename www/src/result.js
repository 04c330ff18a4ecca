// The result pane: the decision in words and a symbol, the layer that decided, the statements
// that decided (click to jump), the evaluation flow, the per-statement and per-condition
// explanation, the request context, the decoded authorization message and the diagnostics.

import { h, append, replace, rich } from './dom.js';
import { renderFlow } from './flow.js';
import { decisionText, layerShort, severityText, yesNo } from './words.js';
import { t, tp, tx } from './i18n/index.js';
import { diagnosticView, replaceButton, allDiagnostics } from './diagnostic-view.js';

/** Statements listed before a "show the others" button, per policy. */
const STATEMENTS_SHOWN = 50;

/**
 * An answer explaining more statements than this is long: the page shows its decision first
 * and builds the rest in tasks of their own (the other panels: main.js; a request's details:
 * here).
 */
export const LONG_ANSWER_STATEMENTS = 500;
/** The diagnostics listed (the count says how many more), drawn this many per task. */
const DIAGNOSTICS_SHOWN = 500;
const DIAGNOSTICS_PER_TASK = 100;

const policyKey = (ref) => `${ref.kind}:${ref.index}:${ref.position ?? ''}`;

/** The name of a statement: its Sid, or its number. */
function statementTitle(s) {
  return s.sid ? s.sid : t('result.statementN', { n: String(s.statementIndex + 1) });
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
    const head = h('summary', null, summary);
    const el = h('details', { dataset: { key }, open }, head, ...body);
    // The state is recorded when the summary is clicked, not only on `toggle`: that event
    // comes a task after the click, and an answer drawn in between (one arriving from the
    // worker) would be built with the state from before the click, the click lost. A click
    // listener runs before the summary's default action, so the new state is the opposite of
    // the present one; a click on a control inside the summary does not toggle it.
    head.addEventListener('click', (event) => {
      const inner = event.target instanceof Element && event.target.closest('a, button, input, select, textarea, label');
      if (!event.defaultPrevented && !(inner && inner !== head && head.contains(inner))) openState.set(key, !el.open);
    });
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
          h('p', { class: 'decision-word' }, t('decision.none')),
          h('p', { class: 'decision-sub' }, tp('result.errors', errors)),
        ),
      );
    }
    const d = decisionText(answer.decision);
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
            ? t('result.allAllowed', { total: String(answer.requests.length) })
            : tp(answer.decision === 'ExplicitDeny' ? 'result.deniedExplicitly' : 'result.denied', denied, { total: String(answer.requests.length) }),
        ),
      );
    } else if (result) {
      lines.push(h('p', { class: 'decision-sub summary' }, rich(result.summary)));
      lines.push(h('p', { class: 'decided-by' }, tx('result.decidedByDetail', { layer: h('strong', null, layerShort(result.decidedBy)), detail: d.detail })));
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
      { class: 'request-list', 'aria-label': t('result.perRequest') },
      answer.requests.map((r, i) => {
        const d = decisionText(r.decision);
        return h(
          'li',
          { class: i === selected ? 'current' : '' },
          h(
            'button',
            { type: 'button', class: `request-pick ${d.cls}`, 'aria-current': i === selected ? 'true' : null, onclick: () => ctx.onSelectRequest(i), dataset: { requestDecision: r.decision } },
            h('span', { class: 'req-n' }, `${i + 1}`),
            ' ',
            tx('result.actionOn', { action: h('code', null, r.request.action), resource: h('code', { class: 'resource' }, r.request.resource) }),
            ' ',
            mark(d),
          ),
        );
      }),
    );
  }

  function selectedHeader(answer, result, selected) {
    if (answer.requests.length < 2) return null;
    const d = decisionText(result.decision);
    return h(
      'div',
      { class: `request-decision ${d.cls}`, dataset: { requestDecision: result.decision } },
      h('h3', null, tx('result.requestN', { n: String(selected + 1), decision: mark(d) })),
      h('p', { class: 'summary' }, rich(result.summary)),
      h('p', { class: 'decided-by' }, tx('result.decidedBy', { layer: h('strong', null, layerShort(result.decidedBy)) })),
    );
  }

  function decidingStatements(answer, result) {
    const list = result.matchedStatements || [];
    const heading =
      result.decision === 'ExplicitDeny'
        ? t('result.denyStatements')
        : result.decision === 'Allow'
          ? t('result.allowStatements')
          : t('result.decidingStatements');
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
              { type: 'button', class: `chip effect-${s.effect.toLowerCase()}`, onclick: () => ctx.jump(s.location), title: t('result.showStatement') },
              tx('result.statementIn', { effect: h('span', { class: 'effect' }, s.effect), statement: h('strong', null, statementTitle(s)), policy: h('span', null, ctx.policyLabel(s.policy, answer)) }),
            ),
          ),
        ),
      )
      : h('p', { class: 'muted' }, result.decision === 'ImplicitDeny' ? t('result.noAllow') : t('result.none'));
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
        m.location ? [' ', jumpButton(m.location, t('result.show'), { 'aria-label': t('result.showElement', { element: name }) })] : null,
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
            jumpButton(c.location, c.operator, { class: 'link mono', title: t('result.showCondition') }),
            ' ',
            h('code', { class: 'cond-key' }, c.key),
            ' ',
            mark(yesNo(c.outcome, t('cond.holds'), t('cond.fails'))),
          ),
          c.reason ? h('p', { class: 'reason' }, rich(c.reason)) : null,
          h(
            'dl',
            { class: 'cond-values' },
            h('dt', null, t('cond.request')),
            h(
              'dd',
              null,
              c.keyPresent && c.requestValues
                ? h('ul', { class: 'values' }, c.requestValues.map((v) => h('li', null, h('code', null, v))))
                : h('span', { class: 'missing' }, sym('∅'), ' ', t('cond.notInRequest')),
              c.valueSource ? h('span', { class: 'source' }, c.valueSource === 'derived' ? t('cond.derived') : t('cond.fromRequest')) : null,
            ),
            h('dt', null, t('cond.policy')),
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
                    mark(yesNo(v.matched, t('match.yes'), t('match.noMatch'))),
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
      const applies = yesNo(s.applies, t('stmt.applies'), t('stmt.notApplies'));
      return lazyDetails(
        `req${selected}:stmt:${key}`,
        isMatched,
        [
          h('span', { class: `effect effect-${s.effect.toLowerCase()}` }, s.effect),
          ' ',
          h('strong', null, statementTitle(s)),
          ' ',
          mark(applies),
          isMatched ? h('span', { class: 'gate-badge decided-badge' }, sym('◆ '), t('stmt.decided')) : null,
        ],
        () =>
          h(
            'div',
            { class: `stmt ${s.applies ? 'applies' : 'not-applies'}` },
            h(
              'p',
              { class: 'stmt-actions' },
              jumpButton(s.location, t('result.showStatement')),
              h(
                'button',
                { type: 'button', class: 'small', title: t('stmt.switchOffTitle'), onclick: () => ctx.setStatementSwitch(s, true) },
                t('stmt.switchOff'),
              ),
            ),
            h(
              'dl',
              { class: 'elements' },
              elementRow('Action', s.action),
              elementRow('Resource', s.resource),
              elementRow('Principal', s.principal),
              h('dt', null, 'Condition'),
              h('dd', null, s.conditions.length ? mark(yesNo(s.conditionsMet, t('cond.allHold'), t('cond.notAllHold'))) : t('cond.none')),
            ),
            s.conditions.length ? conditionList(s.conditions) : null,
          ),
      );
    };
    const blocks = [...groups.values()].map(({ policy, statements }) => {
      // Long policies: the statements that apply and the first ones; the rest on request.
      const first = statements.filter((s, i) => i < STATEMENTS_SHOWN || s.applies || matched.has(`${policyKey(s.policy)}#${s.statementIndex}`));
      const shown = new Set(first);
      const rest = statements.filter((s) => !shown.has(s));
      const section = h('section', { class: 'policy-explained' }, h('h4', null, ctx.policyLabel(policy, answer)), first.map(statementBlock));
      if (rest.length) {
        const more = h('button', { type: 'button', class: 'small' }, tp('result.showOthers', rest.length));
        more.addEventListener('click', () => more.replaceWith(...rest.map(statementBlock)));
        section.appendChild(more);
      }
      return section;
    });
    return details(
      `req${selected}:explanation`,
      true,
      h('h3', { class: 'inline' }, t('result.explanation')),
      blocks.length ? blocks : h('p', { class: 'muted' }, t('result.noStatements')),
    );
  }

  function passRoleNote(result) {
    const note = result.passRoleNote;
    if (!note) return null;
    return h(
      'aside',
      { class: 'note-block', 'aria-label': t('passrole.label') },
      h('p', null, h('strong', null, t('passrole.why')), ' ', rich(note.summary)),
      h('p', null, rich(note.explanation)),
      note.learnMore && /^https:\/\//.test(note.learnMore)
        ? h('p', null, h('a', { href: note.learnMore, target: '_blank', rel: 'noopener noreferrer' }, t('passrole.docs')))
        : null,
    );
  }

  function disabledStatements(answer, result, selected) {
    const list = result.disabledStatements || [];
    if (!list.length) return null;
    return details(
      `req${selected}:disabled`,
      true,
      h('h3', { class: 'inline' }, tp('whatif.heading', list.length)),
      h('p', { class: 'hint' }, tx('whatif.hint', { field: h('code', null, 'whatIf') })),
      h(
        'ul',
        { class: 'disabled-statements' },
        list.map((s) =>
          h(
            'li',
            null,
            h('span', { class: `effect effect-${s.effect.toLowerCase()}` }, s.effect),
            ' ',
            tx('whatif.item', { statement: jumpButton(s.location, statementTitle(s)), policy: h('span', null, ctx.policyLabel(s.policy, answer)), applies: mark(yesNo(s.applies, t('whatif.wouldApply'), t('whatif.wouldNotApply'))) }),
            ' ',
            h('button', { type: 'button', class: 'small', onclick: () => ctx.setStatementSwitch(s, false) }, t('whatif.on')),
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
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('context.key')), h('th', { scope: 'col' }, t('context.values')), h('th', { scope: 'col' }, t('context.from')))),
          h(
            'tbody',
            null,
            rows.map((k) =>
              h(
                'tr',
                null,
                h('td', null, h('code', null, k.key)),
                h('td', null, h('ul', { class: 'values' }, k.values.map((v) => h('li', null, h('code', null, v)))), k.multivalued ? h('span', { class: 'note' }, ' ', t('context.multivalued')) : null),
                h('td', null, k.source === 'derived' ? (k.derivedFrom ? t('context.derivedFrom', { from: k.derivedFrom }) : t('context.derived')) : t('context.theRequest')),
              ),
            ),
          ),
        ),
      );
    const missing = result.missingContextKeys || [];
    return details(
      `req${selected}:context`,
      missing.some((m) => m.couldChangeDecision),
      h('h3', { class: 'inline' }, tp('context.heading', derived.length)),
      derived.length ? table(derived, t('context.derivedCaption')) : h('p', { class: 'muted' }, t('context.noDerived')),
      supplied.length ? table(supplied, t('context.suppliedCaption')) : null,
      missing.length
        ? h(
          'div',
          { class: 'missing-keys' },
          h('h4', null, t('context.missing')),
          h(
            'ul',
            null,
            missing.map((m) =>
              h(
                'li',
                null,
                h('code', null, m.key),
                m.couldChangeDecision ? h('span', { class: 'gate-badge warn' }, sym('⚠ '), t('context.couldChange')) : null,
                ' ',
                h('button', { type: 'button', class: 'small', onclick: () => ctx.addContextKey(m.key) }, t('context.add', { key: m.key })),
              ),
            ),
          ),
        )
        : null,
    );
  }

  function authorizationMessage(result, selected) {
    const text = JSON.stringify(result.authorizationMessage, null, 2);
    const copy = h('button', { type: 'button', class: 'small' }, t('common.copy'));
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(text);
        copy.textContent = t('common.copied');
      } catch {
        copy.textContent = t('common.copyFailed');
      }
      setTimeout(() => (copy.textContent = t('common.copy')), 1500);
    });
    return details(
      `req${selected}:authmsg`,
      false,
      h('h3', { class: 'inline' }, t('authmsg.heading')),
      h('p', { class: 'hint' }, tx('authmsg.hint', { command: h('code', null, 'aws sts decode-authorization-message') })),
      copy,
      // Focusable: it scrolls, and the keyboard must reach it (axe scrollable-region-focusable).
      h('pre', { class: 'json', tabindex: '0', 'aria-label': t('authmsg.label') }, h('code', null, text)),
    );
  }

  function diagnosticsBlock(answer) {
    // The engine's and, once the catalog is loaded, the lint findings beside them.
    const list = allDiagnostics(answer);
    const counts = {};
    for (const d of list) counts[d.severity] = (counts[d.severity] || 0) + 1;
    const summary = list.length
      ? Object.entries(counts).map(([sev, n]) => (severityText(sev) ? tp(`diag.count.${sev}`, n) : `${n} ${sev}`)).join(t('diag.countSeparator'))
      : t('diag.countNone');
    const shown = list.slice(0, DIAGNOSTICS_SHOWN);
    const item = (d) => {
      const content = diagnosticView(d, { where: ctx.where(d.location) });
      const fix = replaceButton(d, ctx.correct);
      return h(
        'li',
        { class: `diag ${d.severity}`, dataset: { code: d.code } },
        d.location ? h('button', { type: 'button', class: 'diag-jump', onclick: () => ctx.jump(d.location) }, content) : h('div', { class: 'diag-jump' }, content),
        fix ? h('div', { class: 'diag-actions' }, fix) : null,
      );
    };
    // A long list (a long policy's lint) is drawn DIAGNOSTICS_PER_TASK items per task: 500 at
    // once held the page for 50-60 ms. A list replaced meanwhile stops.
    const ol = list.length ? h('ol', { class: 'diagnostics' }, shown.slice(0, DIAGNOSTICS_PER_TASK).map(item)) : null;
    const drawFrom = (from) => {
      if (from >= shown.length) return;
      setTimeout(() => {
        if (!ol.isConnected) return;
        append(ol, shown.slice(from, from + DIAGNOSTICS_PER_TASK).map(item));
        drawFrom(from + DIAGNOSTICS_PER_TASK);
      }, 0);
    };
    if (ol) drawFrom(DIAGNOSTICS_PER_TASK);
    return details(
      'diagnostics',
      list.some((d) => d.severity === 'error' || d.severity === 'securityWarning'),
      h('h3', { class: 'inline' }, t('diag.heading', { summary })),
      // With lint still to come, "no errors or warnings" would be said too early.
      ol || (answer.lintLater ? null : h('p', { class: 'muted' }, t('diag.noneLong'))),
      list.length > shown.length ? h('p', { class: 'muted' }, tp('diag.more', list.length - shown.length)) : null,
      answer.lintLater ? h('p', { class: 'muted', dataset: { lint: 'later' } }, t('diag.lintLater')) : null,
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
    const d = answer?.status === 'evaluated' ? decisionText(answer.decision) : null;
    replace(line, d ? [h('span', { class: 'sym' }, d.symbol), ' ', d.word] : [h('span', { class: 'sym' }, '✖'), ' ', t('decision.none')]);
    line.className = `result-verdict ${d ? d.cls : 'invalid'}${decisionInView ? '' : ' shown'}`;
    observer.disconnect();
    const box = decisionHost.querySelector('#decision');
    if (box) observer.observe(box);
  }

  // The details of a long result, waiting for their task.
  let detailsLater = 0;

  /**
   * Renders the answer of `view`; `view.selected` is the request shown in detail. The details
   * of a request explained in thousands of statements are built in a task after its decision
   * (the decision's task is long enough with the answer's arrival).
   */
  function show({ answer, selected }) {
    if (!answer) return;
    clearTimeout(detailsLater);
    detailsLater = 0;
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
    // The details in two parts: the flow and the explanation, then the rest.
    const parts = [
      () => [
        h(
          'section',
          { class: 'block' },
          h('h3', null, t('result.flow')),
          renderFlow(result, { onStatement: (s) => ctx.jump(s.location), statementName: (s) => statementTitle(s) }),
        ),
        passRoleNote(result),
        explanation(answer, result, sel),
      ],
      () => [disabledStatements(answer, result, sel), contextBlock(result, sel), authorizationMessage(result, sel), diagnosticsBlock(answer)],
    ];
    if ((result.statements?.length || 0) <= LONG_ANSWER_STATEMENTS) {
      replace(detailsHost, ...parts.flatMap((part) => part()));
      return;
    }
    // A long result's parts each in a task (and a frame) of their own. Until then the details
    // of the answer before are not shown under this one's decision.
    replace(detailsHost);
    const next = () => {
      detailsLater = 0;
      append(detailsHost, parts.shift()());
      if (parts.length) detailsLater = setTimeout(next, 0);
    };
    detailsLater = setTimeout(next, 0);
  }

  /**
   * Shows the answer's diagnostics again, now that its lint findings have come (main.js
   * lintWhenPaused): only the list is rebuilt, not the decision and the explanation. A list
   * not drawn yet (a long answer's details come in tasks) is built with them when its turn
   * comes.
   */
  function showLint({ answer }) {
    const shown = detailsHost.querySelector(':scope > details[data-key="diagnostics"]');
    if (shown) shown.replaceWith(diagnosticsBlock(answer));
  }

  /** Shows a message instead of a result (engine failure, size limit); the slots are hidden. */
  function renderMessage(title, text) {
    clearTimeout(detailsLater);
    detailsLater = 0;
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

  return { show, showLint, renderMessage, slot };
}
