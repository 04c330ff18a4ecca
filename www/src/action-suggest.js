// Suggestions for the request's Action field: a datalist that follows what is
// typed, with service prefixes (`iam:`) until a colon, then that service's actions. The lists
// come from the catalog in the worker, cached per service; typing never waits for them.

import { h, replace, uid } from './dom.js';

/** At most this many options (a datalist of thousands is slow to open). */
const MAX_OPTIONS = 200;

export function createActionSuggestions(catalog) {
  const id = uid('action-suggestions');
  const el = h('datalist', { id });
  let asked = '';

  async function update(text) {
    const value = (text || '').trim();
    asked = value;
    const colon = value.indexOf(':');
    let options;
    if (colon < 0) {
      const services = await catalog.cached('servicePrefixes');
      if (!services) return;
      const lower = value.toLowerCase();
      options = services.filter((s) => s.prefix.startsWith(lower)).map((s) => ({ value: `${s.prefix}:`, label: s.name }));
    } else {
      const actions = await catalog.cached('actions', value.slice(0, colon).toLowerCase());
      if (!actions) return;
      const rest = value.slice(colon + 1).toLowerCase();
      options = actions.filter((a) => a.name.toLowerCase().startsWith(rest)).map((a) => ({ value: a.fullName, label: a.accessLevel }));
    }
    if (asked !== value) return; // a newer keystroke won
    replace(el, options.slice(0, MAX_OPTIONS).map((o) => h('option', { value: o.value, label: o.label })));
  }

  return { id, el, update };
}
