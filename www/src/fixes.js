// The result pane's "what now" blocks, in a slot under the decision: what an import found (the
// layer AWS said denied, what it could not infer), the checks of a call bundle side by side
// (which one failed), and the Fix section (the smallest statement that allows a denied request,
// as a diff applied with one click; for an explicit deny the Deny statements; ranked near misses).
// Fix suggestions are asked for on demand: the engine evaluates several times to verify them.

import { h, replace, rich } from './dom.js';
import { decisionText } from './words.js';
import { formatWords, applyByteEdits } from './import-words.js';
import { t, tp, tx, pageLang } from './i18n/index.js';

const sym = (text) => h('span', { class: 'sym', 'aria-hidden': 'true' }, text);
const mark = ({ symbol, word, cls }) => h('span', { class: `mark ${cls || ''}` }, sym(symbol), ' ', word);

/** The kinds of fix that change the scenario (the others explain why there is none). */
const FIXABLE = new Set(['addStatements', 'correctAction']);

const NOTE_KINDS = new Set(['couldNotInfer', 'assumed', 'info', 'notAConditionKey']);
const NEW_POLICY_KINDS = new Set(['identity', 'permissionsBoundary', 'session', 'resource', 'scp', 'rcp']);

function statementTitle(s) {
  return s.sid ? s.sid : t('result.statementN', { n: String(s.statementIndex + 1) });
}

/** A unified diff as lines, each a text node in a span marked added, removed or context. */
export function diffView(diff) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return h(
    'pre',
    // Focusable: it scrolls sideways, and the keyboard must reach it (axe scrollable-region-focusable).
    { class: 'diff', tabindex: '0', 'aria-label': t('fix.diffLabel') },
    h(
      'code',
      null,
      lines.map((line) => {
        const cls = line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'ctx';
        return h('span', { class: `diff-line ${cls}` }, `${line}\n`);
      }),
    ),
  );
}

/**
 * Creates the blocks. `ctx` gives:
 *   engine                     the engine (its `call(op, arg)`)
 *   container                  its place (the result pane's `slot('fixes')`)
 *   jump(location)             go to a place of the evaluated scenario text
 *   where(location)            words for a place
 *   policyLabel(ref, answer)   the label of a policy reference
 *   loadScenarioText(text, source)
 *   announce(text)
 *   onSelectRequest(i)
 */
export function createFixes(ctx) {
  let importReport = null;
  let bundle = null; // { title, api, checks: [{label, action, resource}] }
  let fixes = null; // { text, report } for the evaluated text it was asked for
  let asking = null; // the text a request is running for
  let last = { answer: null, selected: 0, text: '' };

  function rerender() {
    if (last.answer) show(last);
  }

  function importBlock() {
    if (!importReport) return null;
    const r = importReport;
    const notes = r.notes || [];
    return h(
      'section',
      { class: 'block import-report', id: 'import-report', 'aria-label': t('report.label') },
      h(
        'div',
        { class: 'block-head' },
        h('h3', null, t('report.heading', { format: formatWords(r.format) })),
        h('button', { type: 'button', class: 'icon', 'aria-label': t('report.dismiss'), onclick: () => { importReport = null; rerender(); } }, '✕'),
      ),
      r.merged
        ? h(
          'p',
          { class: 'import-merged', dataset: { keptPolicies: String(r.merged.keptPolicies) } },
          tp('report.kept', r.merged.keptPolicies),
          ' ',
          tp(r.merged.removedExpect ? 'report.replacedExpect' : 'report.replaced', r.merged.replacedRequests),
        )
        : null,
      r.hint ? h('p', { class: 'import-hint' }, h('strong', null, t('report.awsSaid')), ' ', rich(r.hint.summary)) : null,
      notes.length
        ? h(
          'ul',
          { class: 'import-notes' },
          notes.map((n) => h('li', { dataset: { noteKind: n.kind } }, h('strong', null, t(`report.note.${NOTE_KINDS.has(n.kind) ? n.kind : 'info'}`)), ' ', rich(n.message))),
        )
        : null,
      r.merged ? null : h('p', { class: 'hint' }, t('report.addPolicies')),
    );
  }

  function checksTable(answer, selected) {
    const reqs = answer.requests || [];
    if (reqs.length < 2) return null;
    // The bundle's labels while the requests are still its checks.
    const labels = bundle && bundle.checks.length === reqs.length && bundle.checks.every((c, i) => c.action === reqs[i].request.action && c.resource === reqs[i].request.resource)
      ? bundle.checks.map((c) => c.label)
      : null;
    const failed = reqs.filter((r) => r.decision !== 'Allow');
    const caption = labels ? t('checks.captionBundle', { api: bundle.api, n: String(reqs.length) }) : t('checks.caption', { n: String(reqs.length) });
    const verdict = failed.length
      ? t('checks.fail', { failed: String(failed.length), n: String(reqs.length), actions: failed.map((r) => r.request.action).join(', ') })
      : t('checks.allAllowed', { n: String(reqs.length) });
    return h(
      'section',
      { class: 'block checks', id: 'checks', 'aria-label': t('checks.label') },
      h('h3', null, labels ? t('checks.bundle', { title: bundle.title }) : t('checks.heading')),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'checks-table' },
          h('caption', null, `${caption} · ${verdict}`),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('checks.check')), h('th', { scope: 'col' }, t('request.action.label')), h('th', { scope: 'col' }, t('request.resource.label')), h('th', { scope: 'col' }, t('checks.decision')))),
          h(
            'tbody',
            null,
            reqs.map((r, i) => {
              const d = decisionText(r.decision);
              const fails = r.decision !== 'Allow';
              return h(
                'tr',
                { class: `${fails ? 'failed' : 'passed'}${i === selected ? ' current' : ''}`, dataset: { checkDecision: r.decision, checkAction: r.request.action } },
                h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', 'aria-current': i === selected ? 'true' : null, onclick: () => ctx.onSelectRequest(i) }, `${i + 1}${labels ? ` ${labels[i]}` : ''}`)),
                h('td', null, h('code', null, r.request.action)),
                h('td', null, h('code', { class: 'resource' }, r.request.resource)),
                h('td', null, mark(d || { symbol: '?', word: r.decision }), fails ? h('strong', { class: 'failed-tag' }, ' ', t('checks.fails')) : null),
              );
            }),
          ),
        ),
      ),
    );
  }

  async function ask(text) {
    asking = text;
    rerender();
    let report;
    try {
      report = await ctx.engine.call('fixes', { text, lang: pageLang() });
    } catch (e) {
      report = { error: e.message };
    }
    if (asking !== text) return;
    asking = null;
    fixes = { text, report };
    rerender();
    ctx.announce(report.error ? t('fix.failedSaid') : t('fix.readySaid'));
    document.getElementById('fix-section')?.focus({ preventScroll: false });
  }

  async function apply(text, fixedScenario, edits, what) {
    const next = fixedScenario || applyByteEdits(text, edits);
    if (await ctx.loadScenarioText(next, 'fixed scenario')) {
      fixes = null;
      ctx.announce(what);
    }
  }

  function placementLine(p, answer) {
    const target = p.newPolicy
      ? t(`fix.newPolicy.${NEW_POLICY_KINDS.has(p.policyKind) ? p.policyKind : 'any'}`)
      : ctx.policyLabel({ kind: p.policyKind, index: p.policyIndex, position: p.policyPosition }, answer);
    return h(
      'li',
      null,
      tx('fix.add', { sid: h('code', null, p.sid), target: h('strong', null, target) }),
      ' ',
      rich(p.why),
      // Each condition of the statement, explained in one line (why it is narrowed so).
      p.conditions?.length
        ? h(
          'ul',
          { class: 'condition-lines', 'aria-label': t('fix.conditionsOf', { sid: p.sid }) },
          p.conditions.map((c) => h('li', { dataset: { conditionKey: c.key } }, h('span', { class: 'operator' }, c.operator), ' ', rich(c.message))),
        )
        : null,
    );
  }

  function nearMisses(list, answer) {
    if (!list?.length) return null;
    return h(
      'div',
      { class: 'near-misses' },
      h('h4', null, t('fix.nearMisses')),
      h(
        'ol',
        null,
        list.map((m) =>
          h(
            'li',
            { class: 'near-miss', dataset: { score: String(m.score) } },
            rich(m.summary),
            ' ',
            h('button', { type: 'button', class: 'link', onclick: () => ctx.jump(m.statement.location), 'aria-label': t('fix.showStatement', { statement: statementTitle(m.statement) }) }, t('result.show')),
            h(
              'ul',
              { class: 'differences' },
              (m.differences || []).map((d) =>
                h(
                  'li',
                  null,
                  h('span', { class: 'diff-element' }, d.element),
                  ': ',
                  rich(d.detail),
                  d.location ? [' ', h('button', { type: 'button', class: 'link', onclick: () => ctx.jump(d.location), 'aria-label': t('fix.showWhere', { where: ctx.where(d.location) }) }, t('result.show'))] : null,
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  /** A titled note for the answers that are not a statement to add. */
  function callout(cls, symbol, title, text, prefixes = []) {
    // The sentence may open with the title's own words ("This denial protects you: …"), in
    // either language.
    const prefix = prefixes.find((p) => text.startsWith(p));
    const body = prefix ? text.slice(prefix.length) : text;
    return h(
      'div',
      { class: `fix-callout ${cls}`, role: 'note' },
      h('p', { class: 'callout-title' }, sym(`${symbol} `), h('strong', null, title)),
      h('p', { class: 'fix-explanation' }, rich(body)),
    );
  }

  function verifiedLine(fix) {
    return fix.verified
      ? h('p', { class: 'verified yes', dataset: { verified: 'true' } }, sym('✓ '), t('fix.verified'))
      : h('p', { class: 'verified no', dataset: { verified: 'false' } }, sym('⚠ '), decisionText(fix.decisionAfter) ? t('fix.notVerified', { decision: decisionText(fix.decisionAfter).word }) : t('fix.notVerifiedSame'));
  }

  /** The change of an addStatements or correctAction fix: where, the diff, verified, Apply. */
  function changeParts(fix, report, text, answer) {
    const parts = [];
    if (fix.placements?.length) parts.push(h('ul', { class: 'placements' }, fix.placements.map((p) => placementLine(p, answer))));
    if (fix.diff) parts.push(diffView(fix.diff));
    parts.push(verifiedLine(fix));
    if (fix.edits?.length || fix.fixedScenario) {
      const all = report.requests.filter((r) => FIXABLE.has(r.kind) && (r.edits?.length || r.fixedScenario)).length;
      parts.push(
        h(
          'p',
          { class: 'fix-actions' },
          h(
            'button',
            { type: 'button', class: 'primary', dataset: { fixApply: String(fix.index) }, onclick: () => apply(text, fix.fixedScenario, fix.edits, fix.kind === 'correctAction' ? t('fix.correctedSaid') : t('fix.appliedSaid')) },
            fix.kind === 'correctAction' && !fix.placements?.length ? t('fix.correct') : t('fix.apply'),
          ),
          report.combined && all > 1
            ? h('button', { type: 'button', dataset: { fixApplyAll: '' }, onclick: () => apply(text, report.combined.fixedScenario, report.combined.edits, t('fix.allAppliedSaid')) }, t('fix.applyAll', { n: String(all) }))
            : null,
        ),
      );
    }
    return parts;
  }

  function fixBody(fix, report, text, answer) {
    const parts = [];
    if (fix.kind === 'protectsYou') {
      // Never a statement: allowing it would let the principal raise its own rights.
      parts.push(callout('protects-you', '☂', t('fix.protects'), fix.explanation, ['This denial protects you: ', 'この拒否はあなたを守っています: ']));
    } else if (fix.kind === 'expectedDenial') {
      parts.push(callout('lesson', '✎', t('fix.lesson'), fix.explanation));
    } else if (fix.kind === 'correctAction') {
      const c = fix.correction || {};
      parts.push(
        h(
          'div',
          { class: 'fix-callout correction', role: 'note' },
          h('p', { class: 'callout-title' }, sym('✎ '), h('strong', null, tx('fix.didYouMean', { action: h('code', { class: 'to' }, c.to) }))),
          h('p', { class: 'fix-explanation' }, rich(fix.explanation)),
        ),
        ...changeParts(fix, report, text, answer),
      );
    } else {
      parts.push(h('p', { class: 'fix-explanation' }, rich(fix.explanation)));
    }
    if (fix.kind === 'addStatements') {
      parts.push(...changeParts(fix, report, text, answer));
    } else if (fix.kind === 'explicitDeny') {
      parts.push(
        h('p', { class: 'no-override' }, sym('⊘ '), h('strong', null, t('fix.noOverride')), ' ', t('fix.noOverrideHelp')),
        h(
          'ul',
          { class: 'deny-statements' },
          (fix.denyStatements || []).map((s) =>
            h(
              'li',
              null,
              h('button', { type: 'button', class: 'chip effect-deny', onclick: () => ctx.jump(s.location), title: t('fix.showDeny') }, tx('result.statementIn', { effect: h('span', { class: 'effect' }, 'Deny'), statement: h('strong', null, statementTitle(s)), policy: h('span', null, ctx.policyLabel(s.policy, answer)) })),
            ),
          ),
        ),
      );
    }
    parts.push(nearMisses(fix.nearMisses, answer));
    if (fix.notes?.length) parts.push(h('ul', { class: 'fix-notes' }, fix.notes.map((n) => h('li', { dataset: { noteCode: n.code } }, rich(n.message)))));
    return parts;
  }

  function fixSection(answer, selected, text) {
    if (answer.status !== 'evaluated') return null;
    const result = answer.requests[selected];
    if (!result || result.decision === 'Allow') return null;
    const current = fixes && fixes.text === text ? fixes.report : null;
    const body = [];
    if (current?.error) {
      body.push(h('p', { class: 'field-msg' }, t('fix.noSuggestions', { message: current.error })));
    } else if (current) {
      const fix = current.requests.find((r) => r.index === selected) || current.requests[selected];
      body.push(fix ? fixBody(fix, current, text, answer) : h('p', { class: 'muted' }, t('fix.noSuggestion')));
    } else {
      const busy = asking === text;
      body.push(
        h('p', { class: 'hint' }, result.decision === 'ExplicitDeny' ? t('fix.hintDeny') : t('fix.hint')),
        h('button', { type: 'button', id: 'fix-suggest', class: 'primary', disabled: busy, onclick: () => ask(text) }, busy ? t('fix.looking') : t('fix.suggest')),
      );
    }
    const fixKind = current && !current.error ? (current.requests.find((r) => r.index === selected) || current.requests[selected])?.kind : null;
    return h(
      'section',
      { class: 'block fix', id: 'fix-section', tabindex: '-1', 'aria-labelledby': 'fix-heading', dataset: { fixKind: fixKind || 'none' } },
      h(
        'h3',
        { id: 'fix-heading' },
        tx(
          `fix.heading.${fixKind === 'protectsYou' || fixKind === 'expectedDenial' ? 'why' : result.decision === 'ExplicitDeny' ? 'deny' : 'allow'}${answer.requests.length > 1 ? 'N' : ''}`,
          { action: h('code', null, result.request.action), n: String(selected + 1) },
        ),
      ),
      body,
    );
  }

  /** Shows the blocks for the answer of `view` (`{answer, selected, text}`). */
  function show({ answer, selected, text }) {
    last = { answer, selected, text };
    if (!answer) {
      replace(ctx.container);
      return;
    }
    replace(ctx.container, importBlock(), answer.status === 'evaluated' ? checksTable(answer, selected) : null, fixSection(answer, selected, text));
  }

  return {
    show,
    setImportReport(result) {
      importReport = result;
    },
    setBundle(expanded, b) {
      bundle = { title: b.title, api: b.api, checks: expanded.checks.map((c) => ({ label: c.label, action: c.action, resource: c.resource })) };
    },
    /** A new scenario was loaded from elsewhere: forget what was about the old one. */
    forget() {
      importReport = null;
      bundle = null;
      fixes = null;
    },
  };
}

