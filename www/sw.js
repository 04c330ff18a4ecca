// The service worker: after the first visit, the whole site (the page, the embeds, the lessons,
// the AWS data and the WebAssembly) is kept in one cache named after the release, so the
// playground works without a network. scripts/offline.mjs writes the release's version and
// file list (taken from the build output) into the built copy (www/dist/sw.js).
//
// Releases: a new release is a new sw.js (another version). It caches the new files beside the
// old cache and waits; the page says a new release is ready (offline.js), and on "Reload" (or
// once no tab uses the old one) it takes over and deletes every older cache of the playground.

const VERSION = '__VERSION__';
const FILES = /* __FILES__ */ [];
const PREFIX = 'iam-playground-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // `no-cache`: every file is revalidated with the server (a 304 when the browser's copy is
  // current, as for the AWS data the page has just loaded), so the cache holds exactly this
  // release and nothing is downloaded twice.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'no-cache' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'skip-waiting') self.skipWaiting();
  if (type === 'version' && event.source) event.source.postMessage({ type: 'version', version: VERSION });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});

async function respond(request) {
  const cache = await caches.open(CACHE);
  // The fragment is never sent; a query string (a host's cache buster) does not make another file.
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (error) {
    // Offline, and a page address the cache does not know (`.../` on another host layout):
    // the playground itself.
    if (request.mode === 'navigate') {
      const page = await cache.match(new URL('index.html', self.registration.scope));
      if (page) return page;
    }
    throw error;
  }
}
