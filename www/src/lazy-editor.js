// A policy editor that is on screen at once and editable a moment later. The editors
// (CodeMirror, editor.js, and the catalog's completion, complete.js) are a chunk of their own
// that the page loads after its first decision (`loadEditors`), so the first decision never
// waits for them. Until the chunk arrives, each editor's place shows the policy as read-only
// text, in a box of the editor's size (its gutter, font and lines), with the statements that
// decided highlighted; then the editor takes its place, with the text, the highlights, the
// lint markers and the focus it would have had.

import { h, replace } from './dom.js';
import { t } from './i18n/index.js';

let loading = null;
/** The editors' chunk once it has arrived: { createEditor, catalogExtensions }. */
let kit = null;
const waiting = new Set();

/**
 * Loads the editors' chunk (once; a failed load is tried again on the next call). Every
 * editor made before it arrived becomes a CodeMirror editor then.
 */
export function loadEditors() {
  if (!loading) {
    loading = Promise.all([import('./editor.js'), import('./complete.js')])
      .then(async ([editor, complete]) => {
        kit = { createEditor: editor.createEditor, catalogExtensions: complete.catalogExtensions };
        // One editor a task, from the top of the page down: all at once, the ten editors of a
        // scenario with ten policies held the main thread for 120-170 ms (headless Chromium,
        // this machine kind), a phone's taps waiting four times as long.
        for (const upgrade of waiting) {
          waiting.delete(upgrade);
          upgrade();
          if (waiting.size) await nextTask();
        }
        document.documentElement.dataset.editors = 'ready';
        return kit;
      })
      .catch((e) => {
        loading = null;
        throw e;
      });
  }
  return loading;
}

/** Resolves in a later task, so that the browser may handle input and paint in between. */
function nextTask() {
  return globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/** The lines of `text`, one block each (the line numbers are CSS counters), for the placeholder. */
function lineSpans(text) {
  return text.split('\n').map((line) => h('span', { class: 'ph-line' }, line || '\u200b'));
}

/**
 * Creates a policy editor in `host`: the options of editor.js's `createEditor`, with `catalog`
 * (for completion) in place of `extensions`. Returns the same methods.
 */
export function createLazyEditor({ host, text, label, onChange, readOnly = false, catalog = null }) {
  if (kit) return kit.createEditor({ host, text, label, onChange, readOnly, extensions: kit.catalogExtensions(catalog) });

  let real = null;
  let destroyed = false;
  let current = text;
  let currentLabel = label;
  let diagnostics = [];
  let decided = [];
  let revealWhenReady = null;

  const lines = h('code', { class: 'ph-text' });
  // For assistive technology it is what the editor will be, a text box, read-only for now.
  const placeholder = h(
    'pre',
    { class: 'editor-placeholder', role: 'textbox', tabindex: '0', 'aria-readonly': 'true', 'aria-multiline': 'true', 'aria-label': t('policy.editorLoading', { label }) },
    lines,
  );

  let spans = [];
  let starts = []; // the offset where each line starts

  /** Writes the text, one block per line. */
  function paint() {
    spans = lineSpans(current);
    starts = [0];
    for (let i = current.indexOf('\n'); i >= 0; i = current.indexOf('\n', i + 1)) starts.push(i + 1);
    replace(lines, spans);
    // The gutter is as wide as the editor's: its widest line number.
    placeholder.style.setProperty('--ph-digits', String(String(spans.length).length));
    mark();
  }

  /** The line (from 0) of offset `at`. */
  function lineOf(at) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Marks the lines of the statements that decided, as the editor does. */
  function mark() {
    const marked = new Set();
    for (const { from, to } of decided) {
      if (from > current.length) continue;
      for (let n = lineOf(from), last = lineOf(Math.min(Math.max(from, to), current.length)); n <= last; n++) marked.add(n);
    }
    spans.forEach((span, n) => span.classList.toggle('ph-decided', marked.has(n)));
  }
  paint();
  replace(host, placeholder);

  function upgrade() {
    if (destroyed) return;
    // The focus moves into the editor only if it is still on the placeholder.
    const hadFocus = placeholder.isConnected && document.activeElement === placeholder;
    placeholder.remove();
    real = kit.createEditor({ host, text: current, label: currentLabel, onChange, readOnly, extensions: kit.catalogExtensions(catalog) });
    if (diagnostics.length) real.setDiagnostics(diagnostics);
    if (decided.length) real.setDecided(decided);
    if (hadFocus && revealWhenReady) real.reveal(revealWhenReady.from, revealWhenReady.to);
    else if (hadFocus) real.focus();
  }
  waiting.add(upgrade);
  // Someone reaching for the text before the editors came: fetch them now.
  placeholder.addEventListener('focus', () => loadEditors().catch(() => {}), { once: true });

  return {
    get view() {
      return real?.view ?? null;
    },
    getText: () => (real ? real.getText() : current),
    setLabel(newLabel) {
      currentLabel = newLabel;
      if (real) real.setLabel(newLabel);
      else placeholder.setAttribute('aria-label', t('policy.editorLoading', { label: newLabel }));
    },
    setDiagnostics(list) {
      if (real) real.setDiagnostics(list);
      else diagnostics = list;
    },
    replace(from, to, insert) {
      if (real) return real.replace(from, to, insert);
      const a = Math.min(from, current.length);
      current = current.slice(0, a) + insert + current.slice(Math.min(Math.max(to, a), current.length));
      paint();
      onChange(current);
      return undefined;
    },
    setDecided(ranges) {
      if (real) {
        real.setDecided(ranges);
        return;
      }
      decided = ranges;
      mark();
    },
    reveal(from, to = from) {
      if (real) {
        real.reveal(from, to);
        return;
      }
      revealWhenReady = { from, to };
      host.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      placeholder.focus({ preventScroll: true });
      loadEditors().catch(() => {});
    },
    focus() {
      if (real) {
        real.focus();
        return;
      }
      placeholder.focus();
    },
    destroy() {
      destroyed = true;
      waiting.delete(upgrade);
      real?.destroy();
    },
  };
}
