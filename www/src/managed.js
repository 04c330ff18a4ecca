// AWS managed policies by name: the "Attach a managed policy" picker in the Policies
// pane, and on a card whose document is `{"managed": "Name"}`, a toggle that shows the
// policy's document from the snapshot. The engine resolves the name itself (the worker
// evaluates with the loaded managed policies), so the scenario and share links keep only the
// name, as the CLI reads it.

import { h, replace, uid } from './dom.js';
import { t } from './i18n/index.js';

const MANAGED = /^\s*\{\s*"managed"\s*:\s*("(?:[^"\\]|\\.)*")\s*\}\s*$/;

/** The managed policy name a document names (`{"managed": "Name"}`), or null. */
export function managedName(text) {
  const m = MANAGED.exec(text || '');
  if (!m) return null;
  try {
    return JSON.parse(m[1]);
  } catch {
    return null;
  }
}

/** The document text for a managed policy by name. */
export function managedDocument(name) {
  return `{ "managed": ${JSON.stringify(name)} }`;
}

/**
 * The picker: a searchable field (a datalist of the snapshot's names, filled when the data is
 * loaded) and an Attach button. `onAttach(name)` adds the policy.
 */
export function createManagedPicker({ catalog, onAttach, announce }) {
  const listId = uid('managed-names');
  const inputId = uid('managed');
  const datalist = h('datalist', { id: listId });
  let names = null;
  async function fill() {
    if (names) return;
    const list = await catalog.cached('managedPolicyNames');
    if (!list) return;
    names = new Set(list.map((p) => p.name));
    replace(datalist, list.map((p) => h('option', { value: p.name })));
  }
  const input = h('input', {
    id: inputId,
    type: 'text',
    class: 'managed-input',
    list: listId,
    // A placeholder that reads as a hint, not as a value already typed.
    placeholder: t('managed.placeholder'),
    spellcheck: 'false',
    autocomplete: 'off',
    autocapitalize: 'off',
    onfocus: () => fill(),
    oninput: () => fill(),
    onkeydown: (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        attach();
      }
    },
  });
  // Why Attach did nothing, under the field (and spoken: role=alert); gone on the next input.
  const messageId = uid('managed-msg');
  const message = h('p', { id: messageId, class: 'field-msg msg error', role: 'alert' });
  input.setAttribute('aria-describedby', messageId);
  input.addEventListener('input', () => {
    replace(message);
    input.removeAttribute('aria-invalid');
  });
  function refuse(text) {
    replace(message, text);
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
  function attach() {
    const name = input.value.trim();
    if (!name) {
      refuse(t('managed.empty'));
      return;
    }
    if (names && !names.has(name)) {
      const lower = name.toLowerCase();
      const match = [...names].find((n) => n.toLowerCase() === lower);
      if (!match) {
        refuse(t('managed.unknown', { name }));
        announce?.(t('managed.unknown', { name }));
        return;
      }
      input.value = match;
    }
    replace(message);
    input.removeAttribute('aria-invalid');
    onAttach(input.value.trim());
    input.value = '';
  }
  const button = h('button', { type: 'button', class: 'attach-managed', onclick: attach }, t('managed.attach'));
  const el = h(
    'div',
    { class: 'managed-picker' },
    h('label', { for: inputId }, t('managed.label')),
    input,
    button,
    datalist,
    message,
  );
  return { el, input, fill };
}

/**
 * The "view document" toggle of a card whose document names a managed policy. `refresh(text)`
 * shows or hides it for the card's current text.
 */
export function createManagedView(catalog) {
  const pre = h('pre', { class: 'managed-document' });
  const summary = h('summary', null, t('managed.view'));
  const el = h('details', { class: 'managed-view', hidden: true }, summary, pre);
  let name = null;
  async function show() {
    if (!el.open || !name) return;
    const shown = name;
    replace(pre, t('managed.loading'));
    const policy = await catalog.query('managedPolicy', shown);
    if (shown !== name) return;
    if (!policy) {
      replace(pre, catalog.ready() ? t('managed.notInSnapshot', { name: shown }) : t('managed.stillLoading'));
      return;
    }
    let doc = policy.document;
    try {
      doc = JSON.stringify(JSON.parse(doc), null, 2);
    } catch {
      // shown as stored
    }
    replace(pre, `// ${t('managed.header', { arn: policy.arn, version: policy.versionId, updated: String(policy.updated).slice(0, 10) })}\n${doc}`);
  }
  el.addEventListener('toggle', show);
  return {
    el,
    refresh(text) {
      const next = managedName(text);
      if (next === name) return;
      name = next;
      el.hidden = !name;
      summary.textContent = name ? t('managed.viewOf', { name }) : t('managed.view');
      if (el.open) show();
    },
  };
}
