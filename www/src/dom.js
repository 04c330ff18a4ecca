// Tiny DOM helpers. Every piece of text goes in through textContent or an attribute set with
// setAttribute: user- and link-supplied data never reaches innerHTML.

/**
 * Creates an element.
 * h('button', { class: 'x', onclick: fn, 'aria-label': 'Close' }, 'text', child, [more])
 * Attributes whose value is null, undefined or false are left out; `true` sets an empty attribute.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') {
        el.addEventListener(name.slice(2), value);
      } else if (name === 'dataset') {
        for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
      } else if (name === 'value' || name === 'checked' || name === 'selected' || name === 'open') {
        el[name] = value;
      } else {
        el.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

/** Appends children: strings become text nodes, arrays are flattened, null/false are skipped. */
export function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let idCounter = 0;
/** A fresh id for label/aria wiring. */
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Calls `fn` `ms` after the last of a burst of calls. */
export function debounce(fn, ms) {
  let timer = 0;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.flush = (...args) => {
    clearTimeout(timer);
    fn(...args);
  };
  return wrapped;
}

/**
 * The engine's sentences quote user text in backticks; this shows those parts as code.
 * Returns nodes built with text nodes only (the text is never parsed as HTML).
 */
export function rich(text) {
  const s = String(text ?? '');
  const parts = s.split('`');
  if (parts.length < 3 || parts.length % 2 === 0) return [document.createTextNode(s)];
  return parts.map((part, i) => (i % 2 ? h('code', null, part) : document.createTextNode(part)));
}
