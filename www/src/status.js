// What the page says outside the panes: toasts (an action's result, with Undo when it can be
// undone), the decision spoken to screen readers in its own live region (so a new decision
// never replaces an Undo), and a notice that stays until dismissed (a link that could not be
// opened).

import { h, replace } from './dom.js';
import { t } from './i18n/index.js';

/** A toast with an action (Undo) stays this long unless dismissed; a plain one, shorter. */
const ACTION_TOAST_MS = 8000;
const PLAIN_TOAST_MS = 5000;
/** Toasts shown at once; an older one goes when a new one comes. */
const MAX_TOASTS = 3;

/**
 * `toasts` is a polite live region for the toasts, `live` a visually hidden one for the
 * decision, `noticeEl` the notice bar.
 */
export function createStatus({ toasts, live, noticeEl }) {
  /** Shows a toast; `action` = {label, action} adds a button (Undo) that also closes it. */
  function announce(text, action) {
    let timer = 0;
    const close = () => {
      clearTimeout(timer);
      toast.remove();
    };
    const toast = h(
      'div',
      { class: 'toast', dataset: { action: action ? action.label : '' } },
      h('span', { class: 'toast-text' }, text),
      action ? h('button', { type: 'button', class: 'small', onclick: () => { close(); action.action(); } }, action.label) : null,
      h('button', { type: 'button', class: 'icon small', 'aria-label': t('status.dismissMessage'), onclick: close }, '✕'),
    );
    const wait = action ? ACTION_TOAST_MS : PLAIN_TOAST_MS;
    const start = () => {
      clearTimeout(timer);
      timer = setTimeout(close, wait);
    };
    // Time runs only while the toast is neither hovered nor focused (time to reach Undo).
    toast.addEventListener('pointerenter', () => clearTimeout(timer));
    toast.addEventListener('pointerleave', start);
    toast.addEventListener('focusin', () => clearTimeout(timer));
    toast.addEventListener('focusout', (e) => {
      if (!toast.contains(e.relatedTarget)) start();
    });
    toasts.appendChild(toast);
    while (toasts.children.length > MAX_TOASTS) toasts.firstElementChild.remove();
    start();
  }

  /** Speaks `text` to screen readers only (the decision after an edit). */
  function say(text) {
    // A fresh node each time, so the same words said twice are spoken twice.
    replace(live, h('span', null, text));
  }

  /** Shows a notice that stays until dismissed. */
  function notice(title, text) {
    replace(
      noticeEl,
      h('div', null, h('strong', null, title), ' ', text),
      h('button', { type: 'button', class: 'icon', 'aria-label': t('status.dismiss'), onclick: () => { noticeEl.hidden = true; } }, '✕'),
    );
    noticeEl.hidden = false;
  }

  function clearNotice() {
    noticeEl.hidden = true;
  }

  return { announce, say, notice, clearNotice };
}
