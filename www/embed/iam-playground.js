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
// npm package).
//
// Every embed of a page shares one engine worker, so the WebAssembly module is fetched and
// compiled once per page. Styles live in the shadow root (a constructed stylesheet, so a host
// CSP without 'unsafe-inline' works). The element fires `decision` events ({detail: answer})
// and mirrors the result on itself: `data-decision`, `data-evaluations`.

import { EditorView } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { Engine, Evaluator } from '../src/engine.js';
import { createEditor } from '../src/editor.js';
import { KIND_LABELS } from '../src/scenario.js';
import { partsOf } from './parts.js';
import { DECISION_TEXT } from '../src/words.js';
import { h, replace, debounce, rich } from '../src/dom.js';
import TOKENS from 'tokens:host';
import CSS from './embed.css';
// Where the worker and the playground are: next to the script in the built site (host.js), next
// to the module in the npm package (www/npm/host.js, swapped in by scripts/npm-package.mjs).
import { createWorker, playgroundAddress } from './host.js';
import { watchFences } from './fences.js';

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
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styleSheet()];
    this.partsEl = h('div', { class: 'parts' });
    this.decisionEl = h('div', { class: 'result', role: 'status', 'aria-live': 'polite' }, h('p', { class: 'busy' }, 'Loading the engine…'));
    this.openLink = h('a', { href: this.playgroundBase() || '#', target: '_blank', rel: 'noopener', hidden: !this.playgroundBase() }, 'Open in playground');
    root.append(this.partsEl, h('div', { class: 'foot' }, h('span', null, 'IAM policy playground'), this.openLink));
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

  async load() {
    const text = await this.scenarioText();
    let scenario;
    try {
      scenario = JSON.parse(text);
    } catch (e) {
      this.showError(`the scenario is not valid JSON (${e.message})`);
      return;
    }
    this.scenario = scenario;
    this.parts = partsOf(scenario);
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
        throw new Error(`${part.label} is not valid JSON (${e.message})`);
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
    this.evaluator.request({ text });
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
          h('div', null, h('p', { class: 'word' }, 'No decision: the scenario has errors'), h('ul', { class: 'errors' }, errors.slice(0, 5).map((d) => h('li', null, rich(d.message))))),
        ),
      );
      delete this.dataset.decision;
    } else {
      const several = answer.requests.length > 1;
      for (const r of answer.requests) {
        const words = DECISION_TEXT[r.decision] || { symbol: '?', word: r.decision, cls: 'invalid' };
        const matched = (r.matchedStatements || []).map((m) => h('li', null, m.sid ? h('code', null, m.sid) : `statement ${m.statementIndex + 1}`, ` (${effectWord(m.effect)}, ${KIND_LABELS[m.policy.kind] || m.policy.kind})`));
        rows.push(
          h(
            'div',
            { class: `decision ${words.cls}`, dataset: { decision: r.decision } },
            h('span', { class: 'symbol', 'aria-hidden': 'true' }, words.symbol),
            h(
              'div',
              null,
              h('p', { class: 'word' }, words.word, several ? h('span', { class: 'request-label' }, ` · request ${r.index + 1}`) : null),
              h('p', { class: 'summary' }, rich(r.summary)),
              matched.length ? h('ul', { class: 'matched', 'aria-label': 'Statements that decided' }, matched) : null,
            ),
          ),
        );
      }
      this.dataset.decision = answer.decision;
    }
    replace(this.decisionEl, rows);
    this.dispatchEvent(new CustomEvent('decision', { detail: answer }));
    try {
      const base = this.playgroundBase();
      if (base) this.openLink.href = `${base.split('#')[0]}#${await engine().encode(job.text)}`;
    } catch {
      // The link keeps its last address.
    }
  }

  showError(message) {
    delete this.dataset.decision;
    replace(
      this.decisionEl,
      h('div', { class: 'decision invalid', dataset: { status: 'error' } }, h('span', { class: 'symbol', 'aria-hidden': 'true' }, '✖'), h('div', null, h('p', { class: 'word' }, 'No decision'), h('p', { class: 'summary' }, rich(message)))),
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
