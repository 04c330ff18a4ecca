// The page's side of the AWS data: asks the worker to load the catalog and the
// managed policies after the first decision, shows their dates and sources in the footer, and
// answers queries (completion, hover, managed policies) through the worker, caching the small
// lists that do not change.

import { h, replace } from './dom.js';
import { t, tx } from './i18n/index.js';

/**
 * `engine` is the page's Engine; `onLoaded()` runs once the data is in the worker (the page
 * evaluates again, so `{"managed": ...}` resolves and the catalog's lint findings appear).
 * `<html data-catalog>` says `idle`, `loading`, `loaded` or `failed` (tests wait on it).
 */
export function createCatalog(engine, { onLoaded }) {
  const root = document.documentElement;
  root.dataset.catalog = 'idle';
  let loading = null;
  let info = null;
  const cache = new Map();
  const foot = document.querySelector('.foot');
  const sources = h('span', { id: 'data-sources' });
  foot?.appendChild(sources);

  function showSources() {
    const parts = [];
    const c = info?.catalog;
    const m = info?.managed;
    const day = (s) => (s || '').slice(0, 10);
    if (c && !c.error) parts.push(t('data.catalog', { date: day(c.dataDate || c.generated), package: c.package, version: c.version }));
    if (m && !m.error) parts.push(t('data.managed', { date: day(m.dataDate || m.generated), package: m.package, version: m.version }));
    const failed = [c?.error, m?.error].filter(Boolean);
    replace(
      sources,
      parts.length ? tx('data.sources', { sources: parts.join(t('data.separator')), notices: h('a', { href: 'data/NOTICE' }, t('data.notices')) }) : null,
      failed.length ? [' ', t('data.failed', { errors: failed.join('; ') })] : null,
    );
  }

  /** Loads the data once (later calls share the first). */
  function load() {
    if (loading) return loading;
    root.dataset.catalog = 'loading';
    replace(sources, t('data.loading'));
    const t0 = performance.now();
    loading = engine
      .call('loadData')
      .then((value) => {
        info = value;
        root.dataset.catalog = value.catalog?.error && value.managed?.error ? 'failed' : 'loaded';
        root.dataset.catalogMs = (performance.now() - t0).toFixed(0);
        showSources();
        onLoaded?.();
        return value;
      })
      .catch((e) => {
        root.dataset.catalog = 'failed';
        info = { catalog: { error: e.message } };
        showSources();
        return info;
      });
    return loading;
  }

  const ready = () => root.dataset.catalog === 'loaded';

  /** One query on the worker's AwsData handle; `null` when the data is not (yet) loaded. */
  async function query(method, ...args) {
    if (!ready()) {
      load();
      return null;
    }
    try {
      return await engine.call('aws', { method, args });
    } catch {
      return null;
    }
  }

  /** A query whose answer never changes for the same arguments. */
  async function cached(method, ...args) {
    const key = `${method}\u0000${JSON.stringify(args)}`;
    if (cache.has(key)) return cache.get(key);
    const value = await query(method, ...args);
    if (value !== null) cache.set(key, value);
    return value;
  }

  return { load, ready, query, cached, info: () => info };
}
