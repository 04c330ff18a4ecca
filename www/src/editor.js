// One CodeMirror 6 editor for one policy document: JSON highlighting, lint markers for the
// engine's diagnostics, and a highlight on the statements that decided.
//
// Each editor lives in its own shadow root. CodeMirror injects its styles at run time; in a
// document it does so with a <style> element, which the page's Content-Security-Policy
// (`style-src 'self'`) forbids, while in a shadow root it adopts a constructed stylesheet, which
// CSP allows. Colours come from CSS custom properties, which cross the shadow boundary, so the
// light/dark switch needs no reconfiguration.

import { EditorState, StateEffect, StateField, RangeSetBuilder, Compartment, Text } from '@codemirror/state';
import {
  EditorView,
  Decoration,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
  highlightSpecialChars,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import {
  syntaxHighlighting,
  HighlightStyle,
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
} from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics, lintKeymap } from '@codemirror/lint';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { tags as t } from '@lezer/highlight';
import { pageLang, t as tr } from './i18n/index.js';

/** CodeMirror's own words (fold gutter, search, lint, go to line) and their keys in i18n/. */
const CM_PHRASES = {
  'Fold line': 'cm.foldLine',
  'Unfold line': 'cm.unfoldLine',
  'Folded lines': 'cm.foldedLines',
  unfold: 'cm.unfold',
  Find: 'cm.find',
  Replace: 'cm.replace',
  next: 'cm.next',
  previous: 'cm.previous',
  all: 'cm.all',
  'match case': 'cm.matchCase',
  regexp: 'cm.regexp',
  'by word': 'cm.byWord',
  replace: 'cm.replaceOne',
  'replace all': 'cm.replaceAll',
  close: 'cm.close',
  'current match': 'cm.currentMatch',
  'on line': 'cm.onLine',
  'Go to line': 'cm.goToLine',
  go: 'cm.go',
  Diagnostics: 'cm.diagnostics',
  'No diagnostics': 'cm.noDiagnostics',
  'Control character': 'cm.controlCharacter',
};

/** The editor's words in the page's language (English: CodeMirror's own). */
function phrases() {
  if (pageLang() === 'en') return [];
  return EditorState.phrases.of(Object.fromEntries(Object.entries(CM_PHRASES).map(([en, key]) => [en, tr(key)])));
}

const highlight = HighlightStyle.define([
  { tag: t.propertyName, color: 'var(--tok-property)' },
  { tag: t.string, color: 'var(--tok-string)' },
  { tag: t.number, color: 'var(--tok-number)' },
  { tag: [t.bool, t.null], color: 'var(--tok-keyword)', fontWeight: '600' },
  { tag: [t.brace, t.squareBracket, t.separator, t.punctuation], color: 'var(--tok-punct)' },
  { tag: t.invalid, color: 'var(--error)', textDecoration: 'underline wavy' },
]);

/** Documents at least this long (in characters) are handed to `onChange` after the edit's task. */
const LONG_DOC = 100_000;

/** A long paste is split into lines this many characters at a time, one task each. */
const PASTE_PIECE = 100_000;

/**
 * Calls `done(doc)` in a task of its own with `string` as a document of `state`'s kind,
 * split into lines a piece at a time, one task per piece (CodeMirror's `toText` does all of
 * 1 MB at once: 30-50 ms). Lines are split as `toText` splits them (\r\n, \r or \n).
 */
function toTextInTasks(state, string, done) {
  if (state.facet(EditorState.lineSeparator)) {
    setTimeout(() => done(state.toText(string)), 0);
    return;
  }
  let doc = null;
  let at = 0;
  const step = () => {
    // The piece ends before a line break (never inside \r\n), or at the end.
    let end = string.length;
    let next = end;
    if (at + PASTE_PIECE < string.length) {
      const nl = string.indexOf('\n', at + PASTE_PIECE);
      if (nl >= 0) {
        end = nl > at && string.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        next = nl + 1;
      }
    }
    const lines = string.slice(at, end).split(/\r\n?|\n/);
    // After the first piece, each starts on a line of its own.
    doc = doc ? doc.append(Text.of([''].concat(lines))) : Text.of(lines);
    at = next;
    setTimeout(end === string.length ? () => done(doc) : step, 0);
  };
  setTimeout(step, 0);
}

const theme = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'var(--editor-bg)',
    fontSize: '0.875rem',
    maxHeight: '32rem',
    border: '1px solid var(--border)',
    borderRadius: '6px',
  },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '1px' },
  '.cm-scroller': {
    fontFamily: 'var(--mono)',
    lineHeight: '1.5',
    overflow: 'auto',
  },
  '.cm-content': { caretColor: 'var(--text)', padding: '6px 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection':
    { backgroundColor: 'var(--selection) !important' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-gutters': {
    backgroundColor: 'var(--gutter-bg)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
    borderRadius: '6px 0 0 6px',
  },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)', color: 'var(--text)' },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': {
    backgroundColor: 'var(--match-bg)',
    outline: '1px solid var(--border-strong)',
  },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--surface-2)', border: '1px solid var(--border)', color: 'var(--muted)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    border: '1px solid var(--border-strong)',
    borderRadius: '6px',
    boxShadow: '0 4px 16px rgb(0 0 0 / 0.2)',
    maxWidth: 'min(32rem, 90vw)',
  },
  '.cm-diagnostic': { padding: '4px 8px', whiteSpace: 'pre-wrap' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--error)' },
  '.cm-diagnostic-warning': { borderLeft: '4px solid var(--warning)' },
  '.cm-diagnostic-info': { borderLeft: '4px solid var(--info)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--error)', textUnderlineOffset: '3px' },
  '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy var(--warning)', textUnderlineOffset: '3px' },
  '.cm-lintRange-info': { backgroundImage: 'none', textDecoration: 'underline dotted var(--info)', textUnderlineOffset: '3px' },
  // The lint gutter's stock icons are data: images, which the page's CSP (img-src 'self')
  // blocks; these markers are text.
  '& .cm-lint-marker.cm-lint-marker-error, & .cm-lint-marker.cm-lint-marker-warning, & .cm-lint-marker.cm-lint-marker-info':
    { content: 'normal', width: '1em', height: '1em', textAlign: 'center', lineHeight: '1', fontWeight: '700' },
  '& .cm-lint-marker-error::before': { content: '"✖"', color: 'var(--error)' },
  '& .cm-lint-marker-warning::before': { content: '"▲"', color: 'var(--warning)', fontSize: '0.85em' },
  '& .cm-lint-marker-info::before': { content: '"i"', color: 'var(--info)' },
  '.cm-lintPoint-error:after': { borderBottomColor: 'var(--error)' },
  '.cm-lintPoint-warning:after': { borderBottomColor: 'var(--warning)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--selection)', color: 'var(--text)' },
  '.cm-completionDetail': { color: 'var(--muted)', marginLeft: '0.75em', fontStyle: 'normal' },
  '.cm-expansion': { padding: '4px 8px', maxHeight: '16rem', overflow: 'auto', fontSize: '0.8rem' },
  '.cm-expansion-head': { margin: '0 0 4px', fontWeight: '600' },
  '.cm-expansion-list': { margin: '0', paddingLeft: '1.2em', fontFamily: 'var(--mono)' },
  '.cm-decided-line': {
    backgroundColor: 'var(--decided-bg)',
    boxShadow: 'inset 4px 0 0 var(--decided-edge)',
  },
  '.cm-decided-line.cm-activeLine': { backgroundColor: 'var(--decided-bg)' },
  '.cm-searchMatch': { backgroundColor: 'var(--match-bg)' },
  '.cm-panels': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
  '.cm-panels input, .cm-panels button': { color: 'var(--text)', fontSize: '0.8rem' },
  '.cm-textfield': { backgroundColor: 'var(--surface)', border: '1px solid var(--border-strong)' },
  '.cm-button': { backgroundImage: 'none', backgroundColor: 'var(--surface)', border: '1px solid var(--border-strong)' },
});

/** Sets the ranges of the statements that decided ({from, to} in this editor). */
const setDecided = StateEffect.define();

const decidedField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setDecided)) continue;
      const builder = new RangeSetBuilder();
      const doc = tr.state.doc;
      const lines = new Set();
      for (const { from, to } of e.value) {
        if (from > doc.length) continue;
        const first = doc.lineAt(from).number;
        const last = doc.lineAt(Math.min(to, doc.length)).number;
        for (let n = first; n <= last; n++) lines.add(n);
      }
      for (const n of [...lines].sort((a, b) => a - b)) {
        builder.add(doc.line(n).from, doc.line(n).from, Decoration.line({ class: 'cm-decided-line' }));
      }
      deco = builder.finish();
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/**
 * Creates an editor inside `host` (a shadow root is attached to it).
 * `label` names the editor for screen readers; `onChange(text)` runs after each user edit;
 * `readOnly`: the text can be read, selected and searched, not changed.
 */
export function createEditor({ host, text, label, onChange, extensions = [], readOnly = false }) {
  const root = host.shadowRoot || host.attachShadow({ mode: 'open' });
  // A long document's text is read and handed on in a task of its own, after the edit's
  // (a 1 MB paste: CodeMirror's own work on it is long enough for one task).
  let handing = 0;
  const handOn = () => {
    handing = 0;
    onChange(view.state.doc.toString());
  };
  // The language (its parser) is left out of the edit that puts a long paste in, and comes
  // back in the next task: the parser's work in an edit (20 ms, then building the tree)
  // would come on top of the edit's own; put back, it parses the start and goes on in the
  // background, as after any long edit.
  const language = new Compartment();
  const withLanguage = json();
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        foldGutter(),
        lintGutter(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        EditorView.lineWrapping,
        language.of(withLanguage),
        syntaxHighlighting(highlight),
        theme,
        decidedField,
        phrases(),
        extensions,
        readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : [],
        keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...searchKeymap, ...lintKeymap]),
        // tabindex: a read-only editor (contenteditable=false) is still reached by Tab, so its
        // text can be scrolled and selected from the keyboard; an editable one is unchanged.
        EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true', tabindex: '0' }),
        EditorView.contentAttributes.compute([EditorView.editable], (state) => (state.facet(EditorView.editable) ? {} : { 'aria-readonly': 'true' })),
        // A long paste goes in after the paste event's task: the text split into lines over
        // a few tasks, the edit (without the language) in a task of its own, then the language.
        EditorView.domEventHandlers({
          paste(event, v) {
            const text = event.clipboardData?.getData('text/plain');
            if (!text || text.length < LONG_DOC || v.state.readOnly) return false;
            event.preventDefault();
            toTextInTasks(v.state, text, (doc) => {
              v.dispatch(v.state.replaceSelection(doc), { userEvent: 'input.paste', scrollIntoView: true, effects: language.reconfigure([]) });
              setTimeout(() => v.dispatch({ effects: language.reconfigure(withLanguage) }), 0);
            });
            return true;
          },
        }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          if (update.state.doc.length < LONG_DOC && !handing) onChange(update.state.doc.toString());
          else handing ||= setTimeout(handOn, 0);
        }),
      ],
    }),
  });

  return {
    view,
    getText: () => view.state.doc.toString(),
    /** Replaces the editor's label (after a rename). */
    setLabel(newLabel) {
      view.contentDOM.setAttribute('aria-label', newLabel);
    },
    /** Shows lint markers: [{from, to, severity, message}] with offsets in this editor. */
    setDiagnostics(list) {
      const len = view.state.doc.length;
      const clean = list
        .map((d) => ({ ...d, from: Math.min(d.from, len), to: Math.min(Math.max(d.to, d.from), len) }))
        .sort((a, b) => a.from - b.from);
      view.dispatch(setDiagnostics(view.state, clean));
    },
    /** Replaces `from..to` with `text` as an edit of the user (undo takes it back). */
    replace(from, to, text) {
      const len = view.state.doc.length;
      const a = Math.min(from, len);
      view.dispatch({ changes: { from: a, to: Math.min(Math.max(to, a), len), insert: text }, userEvent: 'input.replace' });
    },
    /** Highlights the lines of the statements that decided. */
    setDecided(ranges) {
      view.dispatch({ effects: setDecided.of(ranges) });
    },
    /** Selects `from..to`, scrolls it into view and focuses the editor. */
    reveal(from, to = from) {
      const len = view.state.doc.length;
      const anchor = Math.min(from, len);
      const head = Math.min(Math.max(to, from), len);
      view.dispatch({
        selection: { anchor, head },
        effects: EditorView.scrollIntoView(anchor, { y: 'center' }),
      });
      host.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      view.focus();
    },
    focus: () => view.focus(),
    destroy: () => {
      clearTimeout(handing);
      view.destroy();
    },
  };
}
