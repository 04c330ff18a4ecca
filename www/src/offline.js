// The offline copy: registers the service worker (www/sw.js, built into sw.js with the release's
// file list) once the page has started (main.js fetches this chunk and calls `register` after
// the first decision and the AWS data), so it never competes with start-up. Says
// when the site is saved for offline use, when a new release is ready (with a Reload button),
// and, after it took over, that the playground was updated.

import { h, replace } from './dom.js';
import { t } from './i18n/index.js';

const RELEASE_KEY = 'iam-playground:release';

/** The sentences this module shows, in the page's language (i18n/: `offline.*`). */
export const OFFLINE_TEXT = {
  get saved() {
    return t('offline.saved');
  },
  get ready() {
    return t('offline.ready');
  },
  get reload() {
    return t('offline.reload');
  },
  get later() {
    return t('offline.later');
  },
  get updated() {
    return t('offline.updated');
  },
};

/**
 * `announce(text)` shows a short status. Returns { register }: call it once, when the page is
 * ready; it does nothing where service workers are unavailable (file://, old browsers).
 */
export function setupOffline({ announce, text = () => OFFLINE_TEXT }) {
  const sw = navigator.serviceWorker;
  if (!sw || !window.isSecureContext) return { register() {} };
  let started = false;
  let reloading = false;
  sw.addEventListener('controllerchange', () => {
    // Only a reload the user asked for: the first install also takes control (clients.claim).
    if (reloading) location.reload();
  });
  sw.addEventListener('message', (event) => {
    if (event.data?.type === 'version') remember(event.data.version);
  });

  function remember(version) {
    document.documentElement.dataset.release = version;
    let before = null;
    try {
      before = localStorage.getItem(RELEASE_KEY);
      localStorage.setItem(RELEASE_KEY, version);
    } catch {
      // Storage refused (private mode): nothing to compare with.
    }
    if (before && before !== version) announce(text().updated);
  }

  function offer(worker) {
    let bar = document.getElementById('update-bar');
    if (!bar) {
      bar = h('div', { id: 'update-bar', class: 'update-bar', role: 'status' });
      document.body.appendChild(bar);
    }
    const words = text();
    replace(
      bar,
      h('span', null, words.ready),
      h('button', {
        type: 'button',
        class: 'primary small',
        onclick: () => {
          reloading = true;
          worker.postMessage({ type: 'skip-waiting' });
        },
      }, words.reload),
      h('button', { type: 'button', class: 'small', onclick: () => bar.remove() }, words.later),
    );
  }

  async function register() {
    if (started) return;
    started = true;
    let registration;
    try {
      registration = await sw.register('sw.js');
    } catch {
      return; // A host that does not serve sw.js: the page works as before, online only.
    }
    if (registration.waiting && sw.controller) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state !== 'installed') return;
        if (sw.controller) offer(installing);
        else announce(text().saved);
      });
    });
    const ready = await sw.ready;
    ready.active?.postMessage({ type: 'version' });
  }

  return { register };
}
