// The playground page: wires the panes to the engine worker, keeps the scenario in the URL
// fragment and in localStorage, and opens share links and examples.

import { Engine, Evaluator } from './engine.js';
import { createCatalog } from './catalog.js';
import { assemble, scenarioToModel, modelToJson, modelFromJson, locate, emptyRequest, setSwitch, isSwitchedOff } from './scenario.js';
import { createPoliciesPane } from './policies.js';
import { createRequestPane } from './request.js';
import { createResultPane } from './result.js';
import { EXAMPLES, IMPORT_EXAMPLES } from './examples.js';
import { createDiagnose } from './diagnose.js';
import { createFixes } from './fixes.js';
import { h, replace, debounce } from './dom.js';
import { DECISION_TEXT } from './words.js';
import { setupShareExtras } from './share-extras.js';
import { setupOffline } from './offline.js';

/** Scenarios larger than this (in characters) are not evaluated. */
const MAX_SCENARIO_CHARS = 2 * 1024 * 1024;
/** The address bar follows the scenario while its link stays this short. */
const MAX_LIVE_LINK_CHARS = 100 * 1024;
/** Share links longer than this are refused (browsers and chat tools cut them). */
const MAX_SHARE_LINK_CHARS = 1024 * 1024;
const STORAGE_KEY = 'iam-playground:scenario';
const THEME_KEY = 'iam-playground:theme';
const DEBOUNCE_MS = 150;

const $ = (id) => document.getElementById(id);

const state = {
  model: { name: '', policies: [], policiesExtra: {}, requests: [emptyRequest()], extra: {} },
  selected: 0,
  answer: null,
  segments: [],
  text: '',
  // The fragment the page wrote or opened last (to tell our own changes from the user's).
  hash: null,
  lastDecision: null,
  evaluations: 0,
  // False until a scenario is on screen.
  loaded: false,
};

const engine = new Engine('worker.js');
// The AWS catalog and managed policies: loaded after the first decision, then evaluated with.
const catalog = createCatalog(engine, { onLoaded: () => evaluateNow() });

// --- status, notices ---------------------------------------------------------------------------

let statusTimer = 0;
/** Speaks and shows a short status; `action` = {label, action} adds a button (Undo). */
function announce(text, action) {
  const el = $('status');
  replace(
    el,
    h('span', null, text),
    action ? h('button', { type: 'button', class: 'small', onclick: () => { action.action(); replace(el); } }, action.label) : null,
  );
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => replace(el), action ? 10000 : 4000);
}

const offline = setupOffline({ announce });

/** Shows a notice that stays until dismissed (a link that could not be opened). */
function notice(title, text) {
  const el = $('notice');
  replace(
    el,
    h('div', null, h('strong', null, title), ' ', text),
    h('button', { type: 'button', class: 'icon', 'aria-label': 'Dismiss', onclick: () => { el.hidden = true; } }, '✕'),
  );
  el.hidden = false;
}

function clearNotice() {
  $('notice').hidden = true;
}

// --- panes -------------------------------------------------------------------------------------

const getModel = () => state.model;

function onEdit() {
  scheduleEvaluation();
}

const policiesPane = createPoliciesPane({
  container: $('policies'),
  addBar: $('add-policy'),
  getModel,
  onEdit,
  announce,
  catalog,
});

const requestPane = createRequestPane({
  container: $('requests'),
  getModel,
  getSelected: () => state.selected,
  onSelect: selectRequest,
  onEdit,
  announce,
  catalog,
});

/** The policy id an answer's policy reference is about (through its document's place). */
function policyIdOf(ref, answer) {
  const info = (answer?.policies || []).find(
    (p) => p.kind === ref.kind && p.index === ref.index && (p.position ?? null) === (ref.position ?? null),
  );
  const target = info ? locate(state.segments, info.documentLocation) : null;
  return { info, policyId: target?.policyId };
}

function policyLabel(ref, answer) {
  const { info, policyId } = policyIdOf(ref, answer);
  return (policyId && policiesPane.label(policyId)) || info?.label || ref.name || ref.kind;
}

const resultPane = createResultPane($('result-body'), {
  jump,
  where,
  policyLabel,
  addContextKey(key) {
    requestPane.addContextKey(key);
  },
  setStatementSwitch(statement, off) {
    const { policyId } = policyIdOf(statement.policy, state.answer);
    if (!policyId) return;
    // "On again" for a statement of a switched-off policy switches the policy back on.
    if (!off && !isSwitchedOff(state.model, policyId, statement.statementIndex)) setSwitch(state.model, policyId, null, false);
    setSwitch(state.model, policyId, statement.statementIndex, off);
    policiesPane.render();
    const name = statement.sid || `statement ${statement.statementIndex + 1}`;
    announce(off ? `${name} is switched off: the decision is shown as if it were deleted.` : `${name} is on again.`);
    scheduleEvaluation.flush();
  },
  onSelectRequest: selectRequest,
});

function selectRequest(i) {
  state.selected = Math.max(0, Math.min(i, state.model.requests.length - 1));
  requestPane.render();
  renderAnswer();
}

/** Goes to the place an answer location points at. */
function jump(location) {
  const target = locate(state.segments, location);
  if (!target) {
    openScenarioDialog(location);
    return;
  }
  if (target.type === 'policy') policiesPane.reveal(target.policyId, target.from, target.to);
  else if (target.type === 'policyEntry') policiesPane.revealCard(target.policyId);
  else if (target.request !== undefined) requestPane.focus(target);
  else openScenarioDialog(location);
}

// Line starts of each policy's text, for line/column of many diagnostics in a large policy.
const lineStarts = new Map(); // policyId -> { text, starts }

/** 1-based line and column (in UTF-16 units, as the editor counts) of an offset in a policy. */
function lineColumn(policyId, offset) {
  const text = state.model.policies.find((p) => p.id === policyId)?.text || '';
  let cached = lineStarts.get(policyId);
  if (!cached || cached.text !== text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    cached = { text, starts };
    lineStarts.set(policyId, cached);
  }
  const { starts } = cached;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** Words for where a location is: "EC2 full access, line 3, column 7". */
function where(location) {
  if (!location) return '';
  const target = locate(state.segments, location);
  if (!target) return `scenario line ${location.line}, column ${location.column}`;
  if (target.type === 'policy') {
    const { line, column } = lineColumn(target.policyId, target.from);
    return `${policiesPane.label(target.policyId)}, line ${line}, column ${column}`;
  }
  if (target.type === 'policyEntry') return policiesPane.label(target.policyId);
  const n = state.model.requests.length > 1 ? `request ${target.request + 1}` : 'request';
  if (target.type === 'field') return `${n} · ${target.field}`;
  if (target.type === 'contextKey' || target.type === 'contextValue') {
    const row = state.model.requests[target.request]?.context.find((r) => r.id === target.rowId);
    return `${n} · context key ${row?.key || ''}`;
  }
  if (target.type === 'request') return n;
  return `scenario line ${location.line}, column ${location.column}`;
}

// From "not authorized" to a fix: import, call bundles, fix suggestions (diagnose.js, fixes.js).
const fixesUi = createFixes({
  engine,
  container: $('result-body'),
  jump,
  where,
  policyLabel: (ref, answer) => policyLabel(ref, answer || state.answer),
  loadScenarioText: (text, source) => loadScenarioText(text, source),
  announce,
  onSelectRequest: selectRequest,
});

const diagnose = createDiagnose({
  engine,
  loadScenarioText: (text, source) => loadScenarioText(text, source),
  scenarioText: () => assemble(state.model).text,
  announce,
  onImported(result) {
    fixesUi.forget();
    fixesUi.setImportReport(result);
    renderAnswer();
  },
  onBundle(expanded, bundle) {
    fixesUi.setBundle(expanded, bundle);
    renderAnswer();
  },
});

// --- evaluation --------------------------------------------------------------------------------

function setBusy(busy) {
  $('busy').hidden = !busy;
  $('result').setAttribute('aria-busy', String(busy));
}

const evaluator = new Evaluator(engine, {
  onResult({ job, answer, ms }) {
    state.answer = answer;
    state.segments = job.segments;
    state.text = job.text;
    state.evaluations += 1;
    const root = document.documentElement;
    root.dataset.evaluations = String(state.evaluations);
    root.dataset.lastEvalMs = ms.toFixed(2);
    $('eval-time').textContent = `evaluated in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
    setBusy(false);
    renderAnswer();
    followInAddressBar(job.text);
    // After the first decision; at once when a policy names an AWS managed policy.
    if (state.evaluations === 1 || job.text.includes('"managed"')) setTimeout(catalog.load, 0);
    // The offline copy (service worker) is set up once the first decision and the page's own
    // load of the AWS data are done, so it never competes with either.
    if (state.evaluations === 1) setTimeout(() => catalog.load().then(offline.register), 0);
  },
  onError({ error }) {
    setBusy(false);
    state.answer = null;
    resultPane.renderMessage('The engine failed', `${error.message}. Reload the page to try again.`);
  },
});

function renderAnswer() {
  const answer = state.answer;
  if (!answer) return;
  state.selected = Math.min(state.selected, Math.max(0, answer.requests.length - 1));
  policiesPane.applyAnswer(answer, state.segments, state.selected);
  requestPane.applyAnswer(answer, state.segments);
  resultPane.render(answer, state.selected);
  fixesUi.render(answer, state.selected, state.text);
  const chip = $('decision-chip');
  const d = DECISION_TEXT[answer.decision];
  if (d) {
    replace(chip, h('span', { 'aria-hidden': 'true' }, d.symbol), ' ', d.word);
    chip.className = `decision-chip ${d.cls}`;
    chip.setAttribute('aria-label', `Decision: ${d.word}. Go to the result.`);
  } else {
    replace(chip, h('span', { 'aria-hidden': 'true' }, '✖'), ' No decision');
    chip.className = 'decision-chip invalid';
    chip.setAttribute('aria-label', 'No decision: the scenario has errors. Go to the result.');
  }
  chip.hidden = false;
  const spoken = d ? `Decision: ${d.word}.` : 'No decision: the scenario has errors.';
  if (spoken !== state.lastDecision) {
    if (state.lastDecision !== null) announce(spoken);
    state.lastDecision = spoken;
  }
}

function evaluateNow() {
  const { text, segments } = assemble(state.model);
  save();
  if (text.length > MAX_SCENARIO_CHARS) {
    evaluator.cancel();
    setBusy(false);
    state.answer = null;
    policiesPane.applyAnswer(null, segments, 0);
    resultPane.renderMessage(
      'Too large to evaluate',
      `The scenario is ${formatSize(text.length)}; the playground evaluates scenarios up to ${formatSize(MAX_SCENARIO_CHARS)}. Remove some text to see a decision again.`,
    );
    $('decision-chip').hidden = true;
    return;
  }
  setBusy(true);
  evaluator.request({ text, segments });
}

const scheduleEvaluation = debounce(evaluateNow, DEBOUNCE_MS);

function formatSize(chars) {
  return chars >= 1024 * 1024 ? `${(chars / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}

// --- persistence: localStorage and the URL fragment ---------------------------------------------

function save() {
  try {
    localStorage.setItem(STORAGE_KEY, modelToJson(state.model));
  } catch {
    // storage full or disabled: the URL still carries small scenarios
  }
}

function restoreSaved() {
  try {
    const json = localStorage.getItem(STORAGE_KEY);
    return json ? modelFromJson(json) : null;
  } catch {
    return null;
  }
}

function baseUrl() {
  return location.href.split('#')[0];
}

/** Keeps the address bar's fragment on the current scenario (when the link stays short). */
async function followInAddressBar(text) {
  try {
    const payload = await engine.encode(text);
    if (text !== state.text) return;
    if (payload.length <= MAX_LIVE_LINK_CHARS) {
      if (location.hash.slice(1) !== payload) history.replaceState(null, '', `#${payload}`);
      state.hash = payload;
    } else if (location.hash) {
      history.replaceState(null, '', baseUrl());
      state.hash = '';
    }
  } catch {
    // encoding failed: leave the address bar as it is
  }
}

/** Replaces the page's scenario with `model`. */
function setModel(model) {
  lineStarts.clear();
  state.loaded = true;
  state.model = model;
  state.selected = 0;
  state.answer = null;
  state.segments = [];
  $('scenario-name').value = model.name;
  policiesPane.render();
  requestPane.render();
  scheduleEvaluation.flush();
}

/**
 * Loads scenario text (from a link, an example, the dialog or a file). Returns true when
 * loaded; otherwise says why and returns false.
 */
async function loadScenarioText(text, source) {
  let infos = [];
  try {
    const answer = await engine.evaluate(text);
    infos = answer.policies || [];
  } catch {
    // the engine could not read it: the editors get the documents re-printed
  }
  try {
    setModel(scenarioToModel(text, infos));
    return true;
  } catch (e) {
    notice(`The ${source} could not be opened:`, `${e.message}. Its text is in the Scenario JSON dialog, where you can fix it.`);
    openScenarioDialog(null, text);
    return false;
  }
}

/** Opens the scenario a fragment carries. */
async function openFragment(fragment) {
  state.hash = fragment;
  let text;
  try {
    text = await engine.decode(fragment);
  } catch (e) {
    notice('This link could not be opened:', `${e.message}. You are seeing your last scenario instead.`);
    fallBack();
    return;
  }
  if (await loadScenarioText(text, 'shared scenario')) {
    fixesUi.forget();
    clearNotice();
  }
  else fallBack();
}

/** When a link fails before anything was shown, shows the last scenario (or the first example). */
function fallBack() {
  if (!state.loaded) setModel(restoreSaved() || defaultModel());
}

function defaultModel() {
  return scenarioToModel(EXAMPLES[0].text);
}

// --- header: examples, share, scenario dialog, theme --------------------------------------------

function buildExamples() {
  const list = $('examples');
  const menu = $('examples-menu');
  replace(
    list,
    EXAMPLES.map((ex) => {
      const link = h(
        'a',
        { href: '#', class: 'example', dataset: { example: ex.id } },
        h('span', { class: 'ex-n' }, ex.id),
        h('span', { class: 'ex-text' }, h('span', { class: 'ex-title' }, ex.title), h('span', { class: 'ex-blurb' }, ex.blurb)),
      );
      link.addEventListener('click', async (e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        menu.open = false;
        const href = link.getAttribute('href');
        if (href && href !== '#') history.pushState(null, '', href);
        if (await loadScenarioText(ex.text, 'example')) {
          fixesUi.forget();
          clearNotice();
          announce(`Opened the example “${ex.title}”.`);
          $('result').focus({ preventScroll: true });
        }
      });
      engine
        .encode(ex.text)
        .then((payload) => link.setAttribute('href', `#${payload}`))
        .catch(() => {});
      return h('li', null, link);
    }),
    // Artefacts: they open the Import dialog with the text pasted in.
    IMPORT_EXAMPLES.map((ex) =>
      h(
        'li',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'example',
            dataset: { importExample: ex.id },
            onclick: () => {
              menu.open = false;
              diagnose.openImport(ex.text);
            },
          },
          h('span', { class: 'ex-n' }, ex.id),
          h('span', { class: 'ex-text' }, h('span', { class: 'ex-title' }, ex.title), h('span', { class: 'ex-blurb' }, ex.blurb)),
        ),
      ),
    ),
  );
  // Close the menu with Escape or a click elsewhere.
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && menu.open) {
      menu.open = false;
      menu.querySelector('summary').focus();
    }
  });
  document.addEventListener('click', (e) => {
    if (menu.open && !menu.contains(e.target)) menu.open = false;
  });
}

async function share() {
  const { text } = assemble(state.model);
  let payload;
  try {
    payload = await engine.encode(text);
  } catch (e) {
    notice('Could not make a link:', e.message);
    return;
  }
  const url = `${baseUrl()}#${payload}`;
  if (url.length > MAX_SHARE_LINK_CHARS) {
    notice('This scenario is too large for a link', `(${formatSize(url.length)}). Use Scenario JSON → Download and share the file instead.`);
    return;
  }
  history.replaceState(null, '', url);
  state.hash = payload;
  const panel = $('share-panel');
  const input = $('share-link');
  input.value = url;
  panel.hidden = false;
  try {
    await navigator.clipboard.writeText(url);
    announce('Link copied to the clipboard. Anyone with the link sees this scenario; it never reaches a server.');
  } catch {
    announce('Copy the link from the box below the header.');
  }
  input.focus();
  input.select();
}

function openScenarioDialog(location, text) {
  const dialog = $('scenario-dialog');
  const area = $('scenario-text');
  area.value = text ?? assemble(state.model).text;
  replace($('scenario-error'));
  if (!dialog.open) dialog.showModal();
  if (location && location.utf16Start !== undefined) {
    area.focus();
    area.setSelectionRange(location.utf16Start, location.utf16End);
  }
}

function setupScenarioDialog() {
  const dialog = $('scenario-dialog');
  const area = $('scenario-text');
  $('scenario-button').addEventListener('click', () => openScenarioDialog(null));
  $('scenario-load').addEventListener('click', async () => {
    replace($('scenario-error'));
    let problem = null;
    try {
      JSON.parse(area.value);
    } catch (e) {
      problem = `not valid JSON: ${e.message}`;
    }
    if (problem) {
      $('scenario-error').textContent = `This text is ${problem}.`;
      area.focus();
      return;
    }
    if (await loadScenarioText(area.value, 'scenario')) {
      dialog.close();
      clearNotice();
      announce('Scenario loaded.');
    }
  });
  $('scenario-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(area.value);
      announce('Scenario copied.');
    } catch {
      area.select();
      announce('Select and copy the text.');
    }
  });
  $('scenario-download').addEventListener('click', () => {
    const blob = new Blob([area.value], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const slug = (state.model.name || 'scenario').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'scenario';
    const a = h('a', { href: url, download: `${slug}.json` });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  $('scenario-file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_SCENARIO_CHARS * 2) {
      $('scenario-error').textContent = `This file is ${formatSize(file.size)}: too large for the playground.`;
      return;
    }
    area.value = await file.text();
    e.target.value = '';
  });
}

function setupTheme() {
  const button = $('theme-button');
  const order = ['auto', 'light', 'dark'];
  const current = () => document.documentElement.dataset.theme || 'auto';
  const show = () => {
    const t = current();
    const system = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    button.textContent = t === 'auto' ? `Theme: auto (${system})` : `Theme: ${t}`;
    button.setAttribute('aria-label', `Colour theme: ${t === 'auto' ? `follows the system, now ${system}` : t}. Change it.`);
  };
  button.addEventListener('click', () => {
    const next = order[(order.indexOf(current()) + 1) % order.length];
    if (next === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
    try {
      if (next === 'auto') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, next);
    } catch {
      // not saved; still applied
    }
    show();
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', show);
  show();
}

// --- start -------------------------------------------------------------------------------------

function start() {
  setupTheme();
  setupScenarioDialog();
  buildExamples();
  $('share-button').addEventListener('click', share);
  // Sharing extras (issue 6): redact before sharing, Markdown, embed snippet, AWS CLI command.
  const shareExtras = setupShareExtras({ engine, panel: $('share-panel'), linkInput: $('share-link'), getText: () => assemble(state.model).text, getName: () => state.model.name, announce });
  $('share-button').addEventListener('click', () => shareExtras.refresh());
  $('import-button').addEventListener('click', () => diagnose.openImport());
  $('bundle-button').addEventListener('click', () => diagnose.openBundles());
  $('share-close').addEventListener('click', () => {
    $('share-panel').hidden = true;
    $('share-button').focus();
  });
  $('scenario-name').addEventListener('input', (e) => {
    state.model.name = e.target.value;
    onEdit();
  });
  const onFragment = () => {
    const fragment = location.hash.slice(1);
    if (fragment && fragment !== state.hash) openFragment(fragment);
  };
  window.addEventListener('hashchange', onFragment);
  window.addEventListener('popstate', onFragment);

  engine
    .version()
    .then((v) => {
      $('engine-version').textContent = `iam-playground engine ${v} (WebAssembly)`;
    })
    .catch((e) => {
      $('engine-version').textContent = 'engine failed to load';
      resultPane.renderMessage('The engine could not start', `${e.message}. This page needs WebAssembly and Web Workers.`);
    });

  const fragment = location.hash.slice(1);
  if (fragment) {
    openFragment(fragment);
  } else {
    setModel(restoreSaved() || defaultModel());
  }
}

start();
