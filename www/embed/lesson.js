// A lesson in an <iam-playground lesson="ID"> element: the lesson's text, its goals checked
// live by the engine (`checkLesson` in the worker) after each evaluation, hints one at a time,
// and the reference solution (shown as JSON, and loaded into the editors on request). Lesson
// text is data: it goes in as text (inline `code` becomes <code> elements), never as markup.

import { h, replace } from '../src/dom.js';

/** A paragraph with `code` spans, as nodes. */
function inlineCode(text) {
  return String(text)
    .split('`')
    .map((part, i) => (i % 2 ? h('code', null, part) : part))
    .filter((part) => part !== '');
}

/**
 * `ctx` gives:
 *   lesson, lessonText     the parsed lesson file and its text
 *   t(key, values), lang() the element's words and language
 *   check(scenarioText)    resolves to the engine's lesson report
 *   useSolution()          loads the reference solution into the editors
 *   startOver()            loads the lesson's start again
 *   onReport(report)       after each check (the element mirrors `finished`)
 */
export function createLessonPanel(ctx) {
  const el = h('section', { class: 'lesson', 'aria-labelledby': 'lesson-title' });
  let report = null;
  let hints = 0;
  let showSolution = false;
  let checking = 0;
  const { lesson } = ctx;
  const words = (value) => (value && typeof value === 'object' ? value[ctx.lang()] || value.en : value);

  /** Checks the scenario just evaluated against the goals. */
  async function check(text) {
    const mine = ++checking;
    try {
      const value = await ctx.check(text);
      if (mine !== checking) return;
      report = value;
    } catch (e) {
      if (mine !== checking) return;
      report = { error: e.message };
    }
    render();
    ctx.onReport(report);
  }

  function goalItem(goal, result) {
    const holds = Boolean(result?.holds);
    let detail = null;
    if (result && !holds) {
      detail = result.decision
        ? ctx.t('learn.goalNeeds', { want: ctx.t(`learn.want.${goal.decision}`), got: ctx.t(`learn.decision.${result.decision}`) })
        : ctx.t('learn.goalUnchecked');
    }
    return h(
      'li',
      { class: `goal ${holds ? 'holds' : 'fails'}`, dataset: { holds: String(holds) } },
      h('span', { class: 'goal-mark', 'aria-hidden': 'true' }, holds ? '✓' : '✗'),
      ' ',
      h('span', { class: 'sr-only' }, holds ? ctx.t('learn.holds') : ctx.t('learn.notYet'), ' '),
      inlineCode(words(goal.reason)),
      detail ? h('span', { class: 'goal-detail' }, ' — ', detail) : null,
    );
  }

  function render() {
    const t = ctx.t;
    const goals = lesson.goals || [];
    const met = report?.goals ? report.goals.filter((g) => g.holds).length : 0;
    let summary;
    if (!report) summary = t('learn.checking');
    else if (report.error) summary = t('learn.cannotCheck', { message: report.error });
    else if (report.finished) summary = t('learn.allHold');
    else if (report.errors?.length) summary = t('learn.hasErrors');
    else summary = t('learn.someHold', { met: String(met), total: String(goals.length) });
    const allHints = lesson.hints || [];
    const shown = allHints.slice(0, hints);
    replace(
      el,
      h('h2', { class: 'lesson-title', id: 'lesson-title' }, words(lesson.title)),
      (lesson.text || []).map((block) => (block.code !== undefined ? h('pre', { class: 'lesson-code' }, h('code', null, block.code)) : h('p', null, inlineCode(words(block))))),
      h('h3', { class: 'lesson-goals-heading' }, t('learn.goals')),
      h('p', { class: `lesson-summary${report?.finished ? ' finished' : ''}`, role: 'status' }, summary),
      h('ol', { class: 'goals' }, goals.map((g, i) => goalItem(g, report?.goals?.[i]))),
      shown.length ? h('ol', { class: 'lesson-hints', 'aria-label': t('learn.hints') }, shown.map((hint, i) => h('li', null, h('strong', null, t('learn.hintN', { n: String(i + 1) })), ' ', inlineCode(words(hint))))) : null,
      h(
        'div',
        { class: 'lesson-actions' },
        hints < allHints.length
          ? h('button', { type: 'button', class: 'lesson-hint', onclick: () => { hints += 1; render(); } }, t('learn.showHint', { n: String(hints + 1), total: String(allHints.length) }))
          : null,
        h('button', { type: 'button', class: 'lesson-solution', 'aria-expanded': String(showSolution), onclick: () => { showSolution = !showSolution; render(); } }, showSolution ? t('learn.hideSolution') : t('learn.showSolution')),
        h('button', { type: 'button', class: 'lesson-start-over', onclick: () => ctx.startOver() }, t('learn.startOver')),
      ),
      showSolution
        ? h(
          'div',
          { class: 'lesson-solution-body' },
          h('pre', { class: 'lesson-code', tabindex: '0', 'aria-label': t('embed.solutionLabel') }, h('code', null, JSON.stringify(lesson.solution, null, 2))),
          h('button', { type: 'button', class: 'lesson-use-solution', onclick: () => ctx.useSolution() }, t('learn.useSolution')),
        )
        : null,
    );
  }

  render();
  return { el, check, render };
}
