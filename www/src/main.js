// The playground page: the state and the evaluation loop. Every edit changes the model, the
// model is written out as scenario text, the worker evaluates it, and the answer goes to every
// panel (README.md in this folder has the map). The header, persistence (localStorage and the
// address bar), places (answer locations → editors and fields) and status (toasts) are rooms
// of their own.

import { Engine, Evaluator } from './engine.js';
import { createCatalog } from './catalog.js';
import { assemble, scenarioToModel, emptyRequest, setSwitch, isSwitchedOff, locate } from './scenario.js';
import { createPoliciesPane } from './policies.js';
import { createRequestPane } from './request.js';
import { createResultPane, LONG_ANSWER_STATEMENTS } from './result.js';
import { EXAMPLES, exampleText, localizedName } from './examples.js';
import { createFixes } from './fixes.js';
import { createHeader } from './header.js';
import { createIntro } from './intro.js';
import { createPersistence, restoreSaved } from './persistence.js';
import { createPlaces } from './places.js';
import { createStatus } from './status.js';
import { loadEditors } from './lazy-editor.js';
import { debounce } from './dom.js';
import { decisionText, formatSize } from './words.js';
import { t, pageLang, applyStatic, loadLang } from './i18n/index.js';

/** Scenarios larger than this (in characters) are not evaluated. */
const MAX_SCENARIO_CHARS = 2 * 1024 * 1024;
const DEBOUNCE_MS = 150;
/** How long the panes wait for the opening scenario's answer, to be shown with it. */
const OPENING_WAIT_MS = 300;

const $ = (id) => document.getElementById(id);

const state = {
  model: { name: '', policies: [], policiesExtra: {}, requests: [emptyRequest()], extra: {} },
  selected: 0,
  answer: null,
  segments: [],
  text: '',
  lastDecision: null,
  evaluations: 0,
  // False until a scenario is on screen.
  loaded: false,
  // True while the scenario came from an account file (account.js): it is then never saved in
  // localStorage nor put in the address bar, and sharing offers redaction first.
  fromAccount: false,
};

/** What every panel's `show(view)` gets: the model, the answer and where its text came from. */
function view() {
  return { model: state.model, answer: state.answer, segments: state.segments, text: state.text, selected: state.selected };
}

// The deciding module is fetched and compiled in the page, beside the worker's start, and
// handed to the worker (worker.js, MODULE_FROM_PAGE): the .wasm is asked for with the page's
// own scripts, not once the worker's script has loaded. ../boot.js starts both from <head>;
// where it did not, they start here. Where compiling in the page fails (a host that serves
// .wasm with another type), the worker fetches it itself.
// The first decision's way, as User Timing marks (benches/budgets/page.mjs prints them):
// main-start, opening-sent, panes-start (the answer is in, or the wait is over), panes-built,
// answer, decision-shown.
const mark = (name) => performance.mark?.(`iam:${name}`);
mark('main-start');
const boot = window.iamPlaygroundBoot;
const decidingModule = boot?.wasm ?? (typeof WebAssembly.compileStreaming === 'function' ? WebAssembly.compileStreaming(fetch('iam_playground_bg.wasm')) : Promise.reject(new Error('no streaming')));
decidingModule.catch(() => {});
let bootWorker = boot && !boot.failed ? boot.worker : null;
const engine = new Engine(() => {
  if (bootWorker) {
    const worker = bootWorker;
    bootWorker = null;
    return worker;
  }
  const worker = new Worker('worker.js', { name: 'deciding-module-from-page' });
  decidingModule.then(
    (wasmModule) => worker.postMessage({ wasmModule }),
    () => worker.postMessage({ wasmModule: null }),
  );
  return worker;
});
// The page's words in its language before the first of them is written: Japanese is a chunk of
// its own (i18n/index.js), fetched while the worker starts; if it cannot come, English.
await loadLang(pageLang()).catch(() => {
  document.documentElement.lang = 'en';
});
// The opening scenario (the one saved last, else the first example; a link's is read by
// persistence.js below) goes to the worker now, before the panes are built, so that the engine
// evaluates it while they are: the evaluator takes this answer for the same text (engine.js).
const opening = location.hash.slice(1) ? null : restoreSaved() || scenarioToModel(exampleText(EXAMPLES[0]));
let early = null;
if (opening) {
  const { text } = assemble(opening);
  const lang = pageLang();
  if (text.length <= MAX_SCENARIO_CHARS) {
    early = { text, lang, t0: performance.now() };
    early.answer = engine.evaluate(text, lang);
    early.answer.catch(() => {});
    mark('opening-sent');
  }
}
// The panes are built once the answer is in (or after OPENING_WAIT_MS without it), so that the
// panes and the decision are laid out and painted together, in one frame: built first, they
// would be laid out and painted alone (a frame of ~50-150 ms on a slow machine) before the
// answer could be shown. Waiting is also a turn of the page's loop, in which a worker that has
// started meanwhile gets what was sent to it.
await new Promise((resolve) => {
  setTimeout(resolve, early ? OPENING_WAIT_MS : 0);
  early?.answer.then(resolve, resolve);
});
mark('panes-start');
// The AWS catalog and managed policies: loaded after the first decision, then evaluated with.
const catalog = createCatalog(engine, { onLoaded: () => evaluateNow() });
const status = createStatus({ toasts: $('status'), live: $('decision-live'), noticeEl: $('notice') });
const { announce, notice, clearNotice } = status;

// --- panels ------------------------------------------------------------------------------------

const getModel = () => state.model;
const onEdit = () => {
  clearTimeout(lintTimer);
  scheduleEvaluation();
};

const policiesPane = createPoliciesPane({ container: $('policies'), addBar: $('add-policy'), getModel, onEdit, announce, catalog });
const requestPane = createRequestPane({
  container: $('requests'),
  getModel,
  getSelected: () => state.selected,
  onSelect: selectRequest,
  onEdit,
  announce,
  catalog,
  correct,
});
const places = createPlaces({ view, policies: () => policiesPane, request: () => requestPane, openScenario: (location) => header.openScenario(location) });

const resultPane = createResultPane($('result-body'), {
  verdictLine: $('result-verdict'),
  jump: places.jump,
  where: places.where,
  policyLabel: places.policyLabel,
  addContextKey: (key) => requestPane.addContextKey(key),
  correct,
  setStatementSwitch(statement, off) {
    const { policyId } = places.policyIdOf(statement.policy);
    if (!policyId) return;
    // "On again" for a statement of a switched-off policy switches the policy back on.
    if (!off && !isSwitchedOff(state.model, policyId, statement.statementIndex)) setSwitch(state.model, policyId, null, false);
    setSwitch(state.model, policyId, statement.statementIndex, off);
    policiesPane.render();
    const name = statement.sid || t('result.statementN', { n: String(statement.statementIndex + 1) });
    announce(off ? t('whatif.offSaid', { name }) : t('whatif.onSaid', { name }));
    scheduleEvaluation.flush();
  },
  onSelectRequest: selectRequest,
});

// From "not authorized" to a fix: import, call bundles, fix suggestions (diagnose.js, fixes.js).
const fixes = createFixes({
  engine,
  container: resultPane.slot('fixes'),
  jump: places.jump,
  where: places.where,
  policyLabel: places.policyLabel,
  loadScenarioText: (text, source) => loadScenarioText(text, source),
  announce,
  onSelectRequest: selectRequest,
});

// The Import and Call bundle dialogs (diagnose.js): a chunk of its own, fetched when one of
// them is first opened.
let diagnoseLoading = null;
function loadDiagnose() {
  diagnoseLoading ||= import('./diagnose.js').then(
    ({ createDiagnose }) =>
      createDiagnose({
        engine,
        loadScenarioText: (text, source) => loadScenarioText(text, source),
        scenarioText: () => assemble(state.model).text,
        policyCount: () => state.model.policies.length,
        announce,
        onImported(result) {
          fixes.forget();
          fixes.setImportReport(result);
          showAnswer();
        },
        onBundle(expanded, bundle) {
          fixes.setBundle(expanded, bundle);
          showAnswer();
        },
      }),
    (e) => {
      diagnoseLoading = null;
      notice(t('part.failedTitle'), t('part.failed', { message: e.message }));
      throw e;
    },
  );
  return diagnoseLoading;
}
const diagnose = {
  openImport: (text) => loadDiagnose().then((d) => d.openImport(text), () => {}),
  openBundles: () => loadDiagnose().then((d) => d.openBundles(), () => {}),
};

const header = createHeader({
  engine,
  scenarioText: () => assemble(state.model).text,
  scenarioName: () => state.model.name,
  open: (text, source, fresh) => loadScenarioText(text, source, fresh),
  diagnose,
  setLink: (payload) => persistence.setLink(payload),
  redactByDefault: () => state.fromAccount,
  announce,
  notice,
  clearNotice,
});

const persistence = createPersistence({
  engine,
  currentText: () => state.text,
  open: (text, source) => loadScenarioText(text, source, true),
  fallBack,
  notice,
  openLesson: (id) => learn.start(id),
});

// Learn mode (learn.js): a lesson's text, goals checked live, hints, the solution as a diff; in
// the result column, under the decision, so the goals sit beside the editors. A chunk of its
// own, fetched when a lesson is opened (a `#learn/ID` link).
let learnPanel = null;
let learnLoading = null;
function loadLearn() {
  learnLoading ||= import('./learn.js').then(
    ({ createLearn }) =>
      (learnPanel = createLearn({
        engine: { call: (op, arg) => engine.call(op, { ...arg, lang: pageLang() }) },
        container: resultPane.slot('learn'),
        open: (text, source) => loadScenarioText(text, source, true),
        currentText: () => state.text,
        lang: pageLang,
        announce,
        onActive(active) {
          $('layout').dataset.learn = String(active);
          // Leaving: the address bar follows the scenario again.
          if (!active && location.hash.startsWith('#learn/')) {
            history.replaceState(null, '', location.href.split('#')[0]);
            if (state.text && !state.fromAccount) persistence.follow(state.text);
          }
        },
      })),
    (e) => {
      learnLoading = null;
      notice(t('part.failedTitle'), t('part.failed', { message: e.message }));
      throw e;
    },
  );
  return learnLoading;
}
const learn = {
  show: (v) => learnPanel?.show(v),
  render: () => learnPanel?.render(),
  start: (id) => loadLearn().then((panel) => panel.start(id), () => false),
};

const intro = createIntro({ openExamples: () => header.openExamples(), openImport: () => diagnose.openImport() });

// Your account, offline: the Account dialog (a worker of its own holds the file, in memory
// only). account.js is a chunk of its own, fetched on the button's first click, which it then
// answers.
function armAccount() {
  const button = $('account-button');
  button.addEventListener(
    'click',
    () =>
      import('./account.js').then(
        ({ createAccount }) => {
          createAccount({
            openButton: button,
            workerUrl: 'worker.js',
            async loadScenarioText(text, source) {
              if (!(await loadScenarioText(text, source, true, true))) return false;
              notice(t('account.noticeTitle'), t('account.notice'));
              return true;
            },
            announce,
          });
          button.click();
        },
        (e) => {
          notice(t('part.failedTitle'), t('part.failed', { message: e.message }));
          armAccount();
        },
      ),
    { once: true },
  );
}
armAccount();

/** Every panel that shows the answer, in the order they are shown. */
const panels = [intro, policiesPane, requestPane, resultPane, fixes, header, learn];

/**
 * Writes the correction diagnostic `d` names ("did you mean") in place of the text it points
 * at: in the policy's editor when it is there (undo takes it back), else in the scenario.
 */
function correct(d) {
  const loc = d.location;
  if (typeof d.replacement !== 'string' || !loc) return;
  const target = locate(state.segments, loc);
  const what = d.snippet ? t('correct.replaced', { snippet: d.snippet, replacement: d.replacement }) : t('correct.replacedText', { replacement: d.replacement });
  if (target?.type === 'policy' && policiesPane.replaceText(target.policyId, target.from, target.to, d.replacement)) {
    announce(what);
    return;
  }
  const keep = state.selected;
  const next = state.text.slice(0, loc.utf16Start) + d.replacement + state.text.slice(loc.utf16End);
  loadScenarioText(next, 'corrected scenario').then((ok) => {
    if (!ok) return;
    if (keep) selectRequest(keep);
    announce(what);
  });
}

function selectRequest(i) {
  state.selected = Math.max(0, Math.min(i, state.model.requests.length - 1));
  requestPane.render();
  showAnswer();
}

// --- evaluation --------------------------------------------------------------------------------

let afterFirst = false;
/**
 * Once the first answer (or the message that stands for it) is painted: the editors' chunk
 * (lazy-editor.js). Until it arrives each policy is shown as read-only text.
 */
function loadEditorsAfterFirstPaint() {
  if (afterFirst) return;
  afterFirst = true;
  requestAnimationFrame(() =>
    setTimeout(() => loadEditors().catch((e) => notice(t('editors.failedTitle'), t('editors.failed', { message: e.message }))), 0),
  );
}

function setBusy(busy) {
  $('busy').hidden = !busy;
  $('result').setAttribute('aria-busy', String(busy));
}

const evaluator = new Evaluator(engine, {
  early,
  onResult({ job, answer, ms }) {
    if (!state.evaluations) mark('answer');
    state.answer = answer;
    state.segments = job.segments;
    state.text = job.text;
    state.evaluations += 1;
    const root = document.documentElement;
    root.dataset.evaluations = String(state.evaluations);
    root.dataset.lastEvalMs = ms.toFixed(2);
    $('eval-time').textContent = t('foot.evalTime', { ms: ms < 10 ? ms.toFixed(1) : String(Math.round(ms)) });
    setBusy(false);
    showAnswer();
    lintWhenPaused(answer, job.lang);
    if (state.evaluations === 1) mark('decision-shown');
    loadEditorsAfterFirstPaint();
    // In a task of its own: the text goes to the worker (a copy: a few ms for 1 MB).
    if (!state.fromAccount) setTimeout(() => persistence.follow(job.text), 0);
    // After the first decision; at once when a policy names an AWS managed policy.
    if (state.evaluations === 1 || job.text.includes('"managed"')) setTimeout(catalog.load, 0);
    // The offline copy (service worker; offline.js, a chunk of its own) is set up once the
    // first decision and the page's own load of the AWS data are done, so it never competes
    // with either.
    if (state.evaluations === 1) {
      setTimeout(
        () =>
          catalog
            .load()
            .then(() => import('./offline.js'))
            .then(({ setupOffline }) => setupOffline({ announce }).register(), () => {}),
        0,
      );
    }
  },
  onError({ error }) {
    setBusy(false);
    state.answer = null;
    resultPane.renderMessage(t('engine.failedTitle'), t('engine.failed', { message: error.message }));
    loadEditorsAfterFirstPaint();
  },
});

let panelsLater = 0;

/**
 * Shows the current answer in every panel, and speaks a new decision. A long answer is shown
 * in the result pane first (the decision), and in the other panels in a task of their own
 * (each goes over every statement: the editors' markers, the request's context keys).
 */
function showAnswer() {
  const answer = state.answer;
  if (!answer) return;
  state.selected = Math.min(state.selected, Math.max(0, answer.requests.length - 1));
  const v = view();
  clearTimeout(panelsLater);
  panelsLater = 0;
  const statements = answer.requests.reduce((n, r) => n + (r.statements?.length || 0), 0);
  if (statements > LONG_ANSWER_STATEMENTS) {
    resultPane.show(v);
    panelsLater = setTimeout(() => {
      panelsLater = 0;
      const now = view();
      for (const panel of panels) if (panel !== resultPane) panel.show(now);
    }, 0);
  } else {
    for (const panel of panels) panel.show(v);
  }
  const d = answer.status === 'evaluated' ? decisionText(answer.decision) : null;
  const spoken = d ? t('decision.spoken', { decision: d.word }) : t('decision.spokenNone');
  if (spoken !== state.lastDecision) {
    if (state.lastDecision !== null) status.say(spoken);
    state.lastDecision = spoken;
  }
}

/**
 * How long the edits must pause before a long scenario's lint is asked for: its answer came
 * without it (`lintLater`, a ticket: worker.js), since lint of 1 MB takes most of a second in
 * the worker and an edit made meanwhile waits for it. An edit before then drops the request.
 */
const LINT_PAUSE_MS = 500;
let lintTimer = 0;

/** Asks for the lint of `answer` once the edits pause, and shows it with the answer. */
function lintWhenPaused(answer, lang) {
  clearTimeout(lintTimer);
  const root = document.documentElement;
  if (!answer?.lintLater) {
    delete root.dataset.lint;
    return;
  }
  root.dataset.lint = 'later';
  lintTimer = setTimeout(() => {
    engine.call('lintLater', { ticket: answer.lintLater, lang }).then(
      (lint) => {
        if (state.answer !== answer) return;
        // The worker evaluated another text since (a share link's answer): evaluate again.
        if (!lint) return evaluateNow();
        answer.lint = lint;
        answer.lintLater = null;
        root.dataset.lint = 'done';
        showLint();
      },
      () => {
        if (state.answer === answer) root.dataset.lint = 'failed';
      },
    );
  }, LINT_PAUSE_MS);
}

/**
 * Shows the lint findings that came after their answer: in the panels that show diagnostics
 * (the editors' markers, the request's fields, the result's list), each in a task of its own;
 * the decision and the explanation stay as they are. The editors come first: CodeMirror reads
 * the page's selection when it updates, which lays out whatever changed before it (the list's
 * hundreds of items would make that tens of ms).
 */
function showLint() {
  // The panels of a long answer still to be shown will show the findings too.
  if (panelsLater) return;
  policiesPane.show(view());
  panelsLater = setTimeout(() => {
    requestPane.show(view());
    resultPane.showLint(view());
    panelsLater = 0;
  }, 0);
}

function evaluateNow() {
  clearTimeout(lintTimer);
  const { text, segments } = assemble(state.model);
  if (!state.fromAccount) persistence.save(state.model);
  if (text.length > MAX_SCENARIO_CHARS) {
    evaluator.cancel();
    setBusy(false);
    state.answer = null;
    state.segments = segments;
    for (const panel of panels) if (panel !== resultPane) panel.show(view());
    resultPane.renderMessage(t('tooLarge.title'), t('tooLarge.text', { size: formatSize(text.length), max: formatSize(MAX_SCENARIO_CHARS) }));
    loadEditorsAfterFirstPaint();
    return;
  }
  setBusy(true);
  evaluator.request({ text, segments, lang: pageLang() });
}

const scheduleEvaluation = debounce(evaluateNow, DEBOUNCE_MS);

// --- loading a scenario ------------------------------------------------------------------------

/** Replaces the page's scenario with `model`. */
function setModel(model) {
  places.forget();
  state.loaded = true;
  state.model = model;
  state.selected = 0;
  state.answer = null;
  state.segments = [];
  $('scenario-name').value = model.name;
  policiesPane.render();
  requestPane.render();
  intro.show(view());
  // The panes are filled: show them (they kept their place while empty).
  $('layout').dataset.state = 'ready';
  scheduleEvaluation.flush();
  if (!state.evaluations) mark('panes-built');
}

/**
 * Loads scenario text (from a link, an example, the dialog or a file). Returns true when
 * loaded; otherwise says why and returns false. `fresh`: a scenario from elsewhere (a link, an
 * example): what the panels kept about the old one (an import report, fixes) is forgotten.
 * `fromAccount`: it is a principal's scenario from an account file (kept out of storage).
 */
async function loadScenarioText(text, source, fresh = false, fromAccount = false) {
  let infos = [];
  try {
    const answer = await engine.evaluate(text);
    infos = answer.policies || [];
  } catch {
    // the engine could not read it: the editors get the documents re-printed
  }
  try {
    const model = scenarioToModel(text, infos);
    // An account's policies are shown as in the account: read-only until the user edits one.
    if (fromAccount) for (const p of model.policies) p.fromAccount = true;
    if (fresh || fromAccount) state.fromAccount = fromAccount;
    setModel(model);
  } catch (e) {
    notice(t('open.failedTitle'), t('open.failed', { message: e.message }));
    header.openScenario(null, text);
    return false;
  }
  if (fresh) {
    fixes.forget();
    clearNotice();
  }
  return true;
}

/** When a link fails before anything was shown, shows the last scenario (or the first example). */
function fallBack() {
  if (!state.loaded) setModel(persistence.restore() || scenarioToModel(exampleText(EXAMPLES[0])));
}

// --- start -------------------------------------------------------------------------------------

$('scenario-name').addEventListener('input', (e) => {
  state.model.name = e.target.value;
  onEdit();
});

let engineVersion = null;
engine
  .version()
  .then((v) => {
    engineVersion = v;
    $('engine-version').textContent = t('foot.engine', { version: v });
  })
  .catch((e) => {
    $('engine-version').textContent = t('foot.engineFailed');
    resultPane.renderMessage(t('engine.startFailedTitle'), t('engine.startFailed', { message: e.message }));
    loadEditorsAfterFirstPaint();
  });

// The page's language (i18n/): its fixed words now, and again after a switch, when the
// scenario is evaluated again so that the engine's sentences follow.
applyStatic(document);
document.documentElement.dataset.langReady = 'true';
document.addEventListener('langchange', () => {
  header.relabel();
  intro.relabel();
  if (engineVersion) $('engine-version').textContent = t('foot.engine', { version: engineVersion });
  policiesPane.relabel();
  requestPane.render();
  learn.render();
  state.lastDecision = null;
  // An example's name follows the language; a name of the user's own stays.
  state.model.name = localizedName(state.model.name);
  $('scenario-name').value = state.model.name;
  if (state.loaded) evaluateNow();
});

if (!persistence.start()) setModel(opening || persistence.restore() || scenarioToModel(exampleText(EXAMPLES[0])));
