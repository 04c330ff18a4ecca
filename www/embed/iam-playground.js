// <iam-playground>: a live, editable IAM example for documentation pages. One script tag and an
// element whose content (or `src`) is a scenario:
//
//   <script src="iam-playground.js" defer></script>
//   <iam-playground theme="auto" panes="policies decision">
//     <script type="application/json">{ "policies": ..., "request": ... }</script>
//   </iam-playground>
//
// Attributes: `src` (a scenario JSON file on the same site, or a share link / fragment `v1.…`),
// `readonly`, `panes` (any of `policies`, `request`, `decision`; default all three),
// `compact`, `theme` (`light`, `dark`, `auto`), `playground` (the playground's address for
// "Open in playground"; default: index.html next to this script in the built site, none in the
// npm package), `lesson` (a lesson's id, e.g. `passrole-3`: the lesson's text and goals, checked
// live as the reader edits, its hints and solution, on the lesson's start scenario; the lesson
// file comes from `lessons/ID.json` next to this script), `lang` (`en` or `ja`; default: the
// host page's `<html lang>`, else the browser's languages).
//
// Every embed of a page shares one engine worker, so the WebAssembly module is fetched and
// compiled once per page. Styles live in the shadow root (a constructed stylesheet, so a host
// CSP without 'unsafe-inline' works). The element fires `decision` events ({detail: answer})
// and mirrors the result on itself: `data-decision`, `data-evaluations`.

import { EditorView } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { Engine, Evaluator } from '../src/engine.js';
import { createEditor } from '../src/editor.js';
import { kindLabel } from '../src/scenario.js';
import { partsOf } from './parts.js';
import { decisionText } from '../src/words.js';
import { addCatalog, normalLang, pickLang, translator } from '../src/i18n/index.js';
// The element speaks Japanese at once (the page loads it on demand: i18n/index.js).
import JA from '../src/i18n/ja.js';
import { createLessonPanel } from './lesson.js';
import { h, replace, debounce, rich } from '../src/dom.js';
import TOKENS from 'tokens:host';
import CSS from './embed.css';
// Where the worker and the playground are: next to the script in the built site (host.js), next
// to the module in the npm package (www/npm/host.js, swapped in by scripts/npm-package.mjs).
import { createWorker, lessonAddress, playgroundAddress } from './host.js';
import { watchFences } from './fences.js';

addCatalog('ja', JA);

let sharedEngine = null;
/** The page's one engine (a module-level singleton: one worker, one .wasm fetch per page). */
function engine() {
  if (!sharedEngine) sharedEngine = new Engine(createWorker);
  return sharedEngine;
}

let sheet = null;
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(TOKENS + CSS);
  }
  return sheet;
}

const PANE_NAMES = { policy: 'policies', policies: 'policies', request: 'request', requests: 'request', decision: 'decision', result: 'decision' };

/** True when `src` is a share link or fragment rather than a file address. */
function isShareLink(src) {
  return /^#?v\d+\./.test(src) || /#v\d+\./.test(src);
}

function setAt(obj, path, value) {
  let target = obj;
  for (const key of path.slice(0, -1)) target = target[key];
  target[path[path.length - 1]] = value;
}

// Outside a browser (a site generator's server-side render imports the package) there is no
// HTMLElement: the module still loads, and defines nothing.
const ElementBase = typeof HTMLElement === 'undefined' ? class {} : HTMLElement;

export class IamPlaygroundElement extends ElementBase {
  static get observedAttributes() {
    return ['lang'];
  }

  /** The element's language: its `lang`, else the host page's, else the browser's. */
  lang() {
    const tag = this.closest('[lang]')?.getAttribute('lang');
    return tag ? normalLang(tag) : pickLang(null, navigator.languages);
  }

  attributeChangedCallback() {
    // A new language: the words around the editors, and the engine's sentences (evaluated again).
    if (!this.shadowRoot || !this.parts) return;
    this.build(this.scenario);
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styleSheet()];
    const { t } = translator(() => this.lang());
    this.t = t;
    this.partsEl = h('div', { class: 'parts' });
    this.lessonHost = h('div', { class: 'lesson-host' });
    this.decisionEl = h('div', { class: 'result', role: 'status', 'aria-live': 'polite' }, h('p', { class: 'busy' }, this.t('page.loadingEngine')));
    this.openLink = h('a', { href: this.playgroundBase() || '#', target: '_blank', rel: 'noopener', hidden: !this.playgroundBase() }, this.t('embed.open'));
    this.brand = h('span', null, this.t('page.title'));
    root.append(this.lessonHost, this.partsEl, h('div', { class: 'foot' }, this.brand, this.openLink));
    this.evaluations = 0;
    this.evaluator = new Evaluator(engine(), {
      onResult: ({ job, answer }) => this.show(job, answer),
      onError: ({ error }) => this.showError(error.message),
    });
    this.schedule = debounce(() => this.evaluate(), 150);
    this.load().catch((e) => this.showError(e.message));
  }

  /** The playground's address for "Open in playground" (none: the link is hidden). */
  playgroundBase() {
    return this.getAttribute('playground') || playgroundAddress();
  }

  /** Which panes to show (a set of `policies`, `request`, `decision`). */
  panes() {
    const attr = (this.getAttribute('panes') || '').trim();
    if (!attr) return new Set(['policies', 'request', 'decision']);
    return new Set(attr.split(/[\s,]+/).map((p) => PANE_NAMES[p.toLowerCase()]).filter(Boolean));
  }

  /** The scenario text: from `src` (a file or a share link) or the element's content. */
  async scenarioText() {
    const src = this.getAttribute('src');
    if (src) {
      if (isShareLink(src)) return engine().decode(src);
      const response = await fetch(new URL(src, document.baseURI), { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`could not load \`${src}\` (HTTP ${response.status})`);
      return response.text();
    }
    const script = this.querySelector('script[type="application/json"]');
    return (script ? script.textContent : this.textContent).trim();
  }

  /** The lesson `id` names: its file, fetched from the playground's site. */
  async loadLesson(id) {
    const url = /^[a-z0-9-]+$/.test(id) ? lessonAddress(id) : null;
    if (!url) throw new Error(this.t('embed.noLesson', { id }));
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(this.t('embed.lessonHttp', { id, status: String(response.status) }));
    this.lessonText = await response.text();
    this.lesson = JSON.parse(this.lessonText);
    this.lessonPanel = createLessonPanel({
      lesson: this.lesson,
      t: this.t,
      lang: () => this.lang(),
      check: (scenario) => engine().call('checkLesson', { lesson: this.lessonText, scenario, lang: this.lang() }),
      useSolution: () => this.build(structuredClone(this.lesson.solution)),
      startOver: () => this.build(structuredClone(this.lesson.start)),
      onReport: (report) => {
        this.dataset.lessonFinished = String(Boolean(report?.finished));
        this.dispatchEvent(new CustomEvent('lesson', { detail: report }));
      },
    });
    replace(this.lessonHost, this.lessonPanel.el);
    return structuredClone(this.lesson.start);
  }

  async load() {
    const lessonId = this.getAttribute('lesson');
    if (lessonId) {
      this.build(await this.loadLesson(lessonId.trim()));
      return;
    }
    const text = await this.scenarioText();
    let scenario;
    try {
      scenario = JSON.parse(text);
    } catch (e) {
      this.showError(this.t('embed.notJson', { message: e.message }));
      return;
    }
    this.build(scenario);
  }

  /** Shows `scenario` (parsed) in editors for the panes asked for, and evaluates it. */
  build(scenario) {
    for (const part of this.parts || []) part.editor?.destroy();
    this.scenario = scenario;
    this.brand.textContent = this.t('page.title');
    this.openLink.textContent = this.t('embed.open');
    this.lessonPanel?.render();
    this.parts = partsOf(scenario, this.t);
    const panes = this.panes();
    const readOnly = this.hasAttribute('readonly');
    const shown = [];
    for (const part of this.parts) {
      if (!panes.has(part.pane)) continue;
      const host = h('div', { class: 'editor-host' });
      const label = h('p', { class: 'part-label' }, part.label);
      shown.push(h('div', { class: 'part' }, label, host));
      part.editor = createEditor({
        host,
        text: part.text,
        label: part.label,
        onChange: (t) => {
          part.text = t;
          this.schedule();
        },
        extensions: readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : [],
      });
    }
    const inputs = h('div', { class: 'part inputs' }, shown);
    const children = [];
    if (shown.length) children.push(inputs);
    // The compact view (the iframe, a small column) reads verdict first: in a frame of a fixed
    // height the decision is what must never be cut off.
    if (panes.has('decision')) children[this.hasAttribute('compact') ? 'unshift' : 'push'](h('div', { class: 'part verdict' }, this.decisionEl));
    this.partsEl.classList.toggle('two', children.length === 2);
    replace(this.partsEl, children);
    this.evaluate();
  }

  /** The scenario text as edited now, or throws with the part that is not JSON. */
  currentText() {
    const scenario = structuredClone(this.scenario);
    for (const part of this.parts || []) {
      let value;
      try {
        value = JSON.parse(part.text);
      } catch (e) {
        throw new Error(this.t('embed.partNotJson', { part: part.label, message: e.message }));
      }
      setAt(scenario, part.path, value);
    }
    return JSON.stringify(scenario, null, 2);
  }

  /** Evaluates the scenario as edited (the latest request wins). */
  evaluate() {
    let text;
    try {
      text = this.currentText();
    } catch (e) {
      this.showError(e.message);
      return;
    }
    this.text = text;
    this.evaluator.request({ text, lang: this.lang() });
  }

  /** The scenario text as edited now (for "Copy" and the iframe's link). */
  get scenarioJson() {
    return this.text || '';
  }

  async show(job, answer) {
    this.evaluations += 1;
    this.dataset.evaluations = String(this.evaluations);
    const rows = [];
    if (answer.status !== 'evaluated') {
      const errors = answer.diagnostics.filter((d) => d.severity === 'error');
      rows.push(
        h(
          'div',
          { class: 'decision invalid', dataset: { status: 'invalid' } },
          h('span', { class: 'symbol', 'aria-hidden': 'true' }, '✖'),
          h('div', null, h('p', { class: 'word' }, this.t('decision.spokenNone')), h('ul', { class: 'errors' }, errors.slice(0, 5).map((d) => h('li', null, rich(d.message))))),
        ),
      );
      delete this.dataset.decision;
    } else {
      const several = answer.requests.length > 1;
      for (const r of answer.requests) {
        const words = decisionText(r.decision, this.t) || { symbol: '?', word: r.decision, cls: 'invalid' };
        const matched = (r.matchedStatements || []).map((m) =>
          h('li', null, this.t('embed.matched', { statement: m.sid || this.t('result.statementN', { n: String(m.statementIndex + 1) }), effect: effectWord(m.effect), kind: kindLabel(m.policy.kind, this.t) })),
        );
        rows.push(
          h(
            'div',
            { class: `decision ${words.cls}`, dataset: { decision: r.decision } },
            h('span', { class: 'symbol', 'aria-hidden': 'true' }, words.symbol),
            h(
              'div',
              null,
              h('p', { class: 'word' }, words.word, several ? h('span', { class: 'request-label' }, ' · ', this.t('place.requestN', { n: String(r.index + 1) })) : null),
              h('p', { class: 'summary' }, rich(r.summary)),
              matched.length ? h('ul', { class: 'matched', 'aria-label': this.t('result.decidingStatements') }, matched) : null,
            ),
          ),
        );
      }
      this.dataset.decision = answer.decision;
    }
    replace(this.decisionEl, rows);
    this.dispatchEvent(new CustomEvent('decision', { detail: answer }));
    this.lessonPanel?.check(job.text);
    try {
      const base = this.playgroundBase();
      // A lesson opens as the lesson in the playground; anything else as its share link.
      if (base && this.lesson) this.openLink.href = `${base.split('#')[0]}#learn/${this.lesson.id}`;
      else if (base) this.openLink.href = `${base.split('#')[0]}#${await engine().encode(job.text)}`;
    } catch {
      // The link keeps its last address.
    }
  }

  showError(message) {
    delete this.dataset.decision;
    replace(
      this.decisionEl,
      h('div', { class: 'decision invalid', dataset: { status: 'error' } }, h('span', { class: 'symbol', 'aria-hidden': 'true' }, '✖'), h('div', null, h('p', { class: 'word' }, this.t('decision.none')), h('p', { class: 'summary' }, rich(message)))),
    );
    if (!this.partsEl.contains(this.decisionEl)) this.partsEl.append(this.decisionEl);
  }
}

function effectWord(effect) {
  return effect === 'Deny' ? 'Deny' : 'Allow';
}

if (typeof customElements !== 'undefined' && !customElements.get('iam-playground')) customElements.define('iam-playground', IamPlaygroundElement);

// Code fences that come alive: ```iam-playground blocks on the page become embeds (fences.js).
export { upgradeFences } from './fences.js';
watchFences();
