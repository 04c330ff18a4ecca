// Learn mode: a lesson's text and its goals beside the playground. Every answer is checked
// against the lesson's goals by the engine (`checkLesson` in the worker), so each goal shows ✓
// or ✗ as the learner edits; hints come one at a time; "Show solution" shows the reference
// solution as a diff of the learner's scenario. Progress (finished lessons, hints seen, the
// learner's own scenario per lesson) is kept in localStorage. A lesson is finished only when
// every goal holds and the scenario has no error.
//
// Lessons are static files (lessons/index.json, lessons/ID.json), fetched relative to the page
// and kept by the service worker for offline use. The page mounts it as a panel (createLearn
// with `{show(view)}`, www/src/README.md) once the new layout gives it its place beside the
// playground. Their text is data: it goes in through
// textContent only (inline `code` becomes <code> elements), never as markup.

import { diffLines } from 'diff';
import { h, replace } from './dom.js';
import { t as tr } from './i18n/index.js';

const PROGRESS_KEY = 'iam-playground:learn';

// The id in a `#learn/ID` fragment (a module of its own: the page reads links before it loads
// learn mode).
export { lessonIdOf } from './lesson-link.js';

/** A paragraph with `code` spans, as nodes. */
export function inlineCode(text) {
  return String(text)
    .split('`')
    .map((part, i) => (i % 2 ? h('code', null, part) : part))
    .filter((part) => part !== '');
}

/** Reformats scenario text so two scenarios differ only where their content does. */
function normalized(text) {
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return text.endsWith('\n') ? text : `${text}\n`;
  }
}

/** The lines of a diff from `before` to `after`: [{kind: ' '|'+'|'-', text}]. Long unchanged
 * runs are cut to three lines of context around the changes. */
export function solutionDiff(before, after, context = 3) {
  const lines = [];
  for (const part of diffLines(normalized(before), normalized(after))) {
    const kind = part.added ? '+' : part.removed ? '-' : ' ';
    const body = part.value.endsWith('\n') ? part.value.slice(0, -1) : part.value;
    for (const text of body.split('\n')) lines.push({ kind, text });
  }
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind === ' ') return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true;
  });
  const out = [];
  let skipped = 0;
  lines.forEach((line, i) => {
    if (keep[i]) {
      if (skipped) out.push({ kind: '…', text: String(skipped) });
      skipped = 0;
      out.push(line);
    } else {
      skipped += 1;
    }
  });
  if (skipped) out.push({ kind: '…', text: String(skipped) });
  return out;
}

function loadProgress() {
  try {
    const value = JSON.parse(localStorage.getItem(PROGRESS_KEY) || '{}');
    return value && typeof value === 'object' && value.lessons && typeof value.lessons === 'object' ? value : { lessons: {} };
  } catch {
    return { lessons: {} };
  }
}

/**
 * `ctx` gives:
 *   engine                    `engine.call('checkLesson', {lesson, scenario})`
 *   container                 the element learn mode renders into
 *   open(text, source)        loads scenario text into the playground; resolves true when loaded
 *   currentText()             the scenario text the playground evaluated last
 *   lang()                    'en' or 'ja'
 *   announce(text)            a short status
 *   onActive(active)          learn mode opened (true) or closed (false)
 */
export function createLearn(ctx) {
  let index = null; // [{id, title: {en, ja}}]
  let lesson = null; // the parsed lesson file
  let lessonText = '';
  let report = null;
  let checking = 0;
  let showSolution = false;
  let progress = loadProgress();

  function saveProgress() {
    try {
      localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    } catch {
      // storage refused: progress lasts for this visit only
    }
  }

  function entry(id) {
    progress.lessons[id] ??= { finished: false, hints: 0 };
    return progress.lessons[id];
  }

  const t = (text) => (text && typeof text === 'object' ? text[ctx.lang()] || text.en : text);

  async function fetchJson(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
  }

  async function lessons() {
    index ??= JSON.parse(await fetchJson('lessons/index.json'));
    return index;
  }

  /** Opens lesson `id`: its text, and the learner's saved scenario or the lesson's start. */
  async function start(id) {
    let list;
    try {
      list = await lessons();
    } catch (e) {
      ctx.announce(tr('learn.cannotLoad', { message: e.message }));
      return false;
    }
    if (!list.some((l) => l.id === id)) {
      ctx.announce(tr('learn.unknownLesson', { id }));
      return false;
    }
    try {
      lessonText = await fetchJson(`lessons/${id}.json`);
      lesson = JSON.parse(lessonText);
    } catch (e) {
      ctx.announce(tr('learn.cannotLoad', { message: e.message }));
      return false;
    }
    report = null;
    showSolution = false;
    progress.current = id;
    saveProgress();
    const saved = entry(id).text;
    const start = JSON.stringify(lesson.start, null, 2);
    if (location.hash !== `#learn/${id}`) history.replaceState(null, '', `#learn/${id}`);
    ctx.onActive(true);
    render();
    await ctx.open(saved || start, 'lesson');
    return true;
  }

  function close() {
    lesson = null;
    report = null;
    progress.current = null;
    saveProgress();
    replace(ctx.container);
    ctx.onActive(false);
  }

  /** The playground evaluated a new scenario: check it against the goals. */
  async function show(view) {
    if (!lesson || !view.text) return;
    const mine = ++checking;
    let value;
    try {
      value = await ctx.engine.call('checkLesson', { lesson: lessonText, scenario: view.text });
    } catch (e) {
      if (mine === checking) ctx.announce(tr('learn.cannotCheck', { message: e.message }));
      return;
    }
    if (mine !== checking || !lesson || value.lesson !== lesson.id) return;
    const was = entry(lesson.id).finished;
    report = value;
    const e = entry(lesson.id);
    e.text = view.text;
    if (report.finished && !was) {
      e.finished = true;
      ctx.announce(tr('learn.finished'));
    }
    saveProgress();
    render();
  }

  function goalItem(goal, result) {
    const holds = Boolean(result?.holds);
    const mark = holds ? '✓' : '✗';
    let detail = null;
    if (result && !holds) {
      detail = result.decision
        ? tr('learn.goalNeeds', { want: tr(`learn.want.${goal.decision}`), got: tr(`learn.decision.${result.decision}`) })
        : tr('learn.goalUnchecked');
    }
    return h(
      'li',
      { class: `goal ${holds ? 'holds' : 'fails'}`, dataset: { holds: String(holds) } },
      h('span', { class: 'goal-mark', 'aria-hidden': 'true' }, mark),
      h(
        'span',
        { class: 'goal-text' },
        h('span', { class: 'visually-hidden' }, holds ? tr('learn.holds') : tr('learn.notYet')),
        inlineCode(t(goal.reason)),
        detail ? h('span', { class: 'goal-detail' }, detail) : null,
      ),
    );
  }

  function render() {
    if (!lesson) return;
    const e = entry(lesson.id);
    const list = index || [];
    const at = list.findIndex((l) => l.id === lesson.id);
    const finishedCount = list.filter((l) => progress.lessons[l.id]?.finished).length;

    const picker = h(
      'select',
      {
        id: 'learn-lesson',
        'aria-label': tr('learn.chooseLesson'),
        onchange: (ev) => start(ev.target.value),
      },
      list.map((l, i) =>
        h('option', { value: l.id, selected: l.id === lesson.id }, `${progress.lessons[l.id]?.finished ? '✓ ' : ''}${i + 1}. ${t(l.title)}`),
      ),
    );

    const text = (lesson.text || []).map((block) =>
      block.code !== undefined
        ? h('pre', { class: 'learn-code' }, h('code', null, block.code))
        : h('p', null, inlineCode(t(block))),
    );

    const goals = lesson.goals.map((g, i) => goalItem(g, report?.goals?.[i]));
    const total = lesson.goals.length;
    const met = report ? report.goals.filter((g) => g.holds).length : 0;
    let summary;
    if (!report) summary = tr('learn.checking');
    else if (report.finished) summary = tr('learn.allHold');
    else if (report.errors.length) summary = tr('learn.hasErrors');
    else summary = tr('learn.someHold', { met: String(met), total: String(total) });

    const hintsShown = Math.min(e.hints || 0, lesson.hints.length);
    const hints = lesson.hints.slice(0, hintsShown).map((hint, i) =>
      h('li', null, h('strong', null, tr('learn.hintN', { n: String(i + 1) })), ' ', inlineCode(t(hint))),
    );
    const moreHints = hintsShown < lesson.hints.length;

    let solution = null;
    if (showSolution) {
      const diff = solutionDiff(ctx.currentText() || '', JSON.stringify(lesson.solution, null, 2));
      const changed = diff.some((l) => l.kind === '+' || l.kind === '-');
      solution = h(
        'div',
        { class: 'learn-solution' },
        h('p', null, changed ? tr('learn.solutionDiff') : tr('learn.solutionSame')),
        changed
          ? h(
              'pre',
              { class: 'diff', 'aria-label': tr('learn.solutionDiffLabel') },
              diff.map((l) =>
                l.kind === '…'
                  ? h('span', { class: 'diff-skip' }, tr('learn.unchangedLines', { n: l.text }), '\n')
                  : h('span', { class: l.kind === '+' ? 'diff-add' : l.kind === '-' ? 'diff-del' : 'diff-same' }, `${l.kind} ${l.text}\n`),
              ),
            )
          : null,
        h('button', { type: 'button', class: 'small', onclick: () => ctx.open(JSON.stringify(lesson.solution, null, 2), 'lesson solution') }, tr('learn.useSolution')),
      );
    }

    const next = list[at + 1];
    replace(
      ctx.container,
      h(
        'div',
        { class: 'learn-head' },
        h('p', { class: 'learn-progress' }, tr('learn.progress', { done: String(finishedCount), total: String(list.length) })),
        picker,
        h('button', { type: 'button', class: 'small', onclick: close }, tr('learn.close')),
      ),
      h('h2', { id: 'learn-title' }, t(lesson.title)),
      h('div', { class: 'learn-text' }, text),
      h(
        'section',
        { class: 'learn-goals', 'aria-labelledby': 'learn-goals-heading' },
        h('h3', { id: 'learn-goals-heading' }, tr('learn.goals')),
        h('p', { class: `learn-summary${report?.finished ? ' finished' : ''}`, role: 'status', id: 'learn-summary' }, summary),
        h('ol', { id: 'learn-goal-list', class: 'goals' }, goals),
      ),
      h(
        'div',
        { class: 'learn-actions' },
        moreHints
          ? h('button', {
              type: 'button',
              id: 'learn-hint',
              class: 'small',
              onclick: () => {
                e.hints = hintsShown + 1;
                saveProgress();
                render();
              },
            }, tr('learn.showHint', { n: String(hintsShown + 1), total: String(lesson.hints.length) }))
          : null,
        h('button', {
          type: 'button',
          id: 'learn-solution',
          class: 'small',
          'aria-expanded': String(showSolution),
          onclick: () => {
            showSolution = !showSolution;
            render();
          },
        }, showSolution ? tr('learn.hideSolution') : tr('learn.showSolution')),
        h('button', { type: 'button', class: 'small', onclick: () => { e.text = null; saveProgress(); ctx.open(JSON.stringify(lesson.start, null, 2), 'lesson'); } }, tr('learn.startOver')),
        report?.finished && next ? h('button', { type: 'button', class: 'small primary', onclick: () => start(next.id) }, tr('learn.next')) : null,
      ),
      hints.length ? h('ol', { class: 'learn-hints', 'aria-label': tr('learn.hints') }, hints) : null,
      solution,
      h(
        'p',
        { class: 'learn-docs' },
        tr('learn.docs'),
        ' ',
        (lesson.docs || []).map((d, i) => [
          i ? ', ' : '',
          h('a', { href: ctx.lang() === 'ja' ? d.url.replace('https://docs.aws.amazon.com/', 'https://docs.aws.amazon.com/ja_jp/') : d.url, rel: 'noopener noreferrer', target: '_blank' }, t(d.title)),
        ]),
      ),
    );
  }

  return {
    start,
    close,
    show,
    render,
    active: () => Boolean(lesson),
    current: () => lesson?.id ?? null,
    lessons,
    progress: () => progress,
  };
}
