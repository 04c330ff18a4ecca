// The request pane: principal, action, resource, the resource's account and the context keys,
// for one or several requests (tabs). Keys that the policies' conditions mention are offered as
// suggestions.

import { h, replace, uid } from './dom.js';
import { diagnosticBlock, replaceButton, allDiagnostics } from './diagnostic-view.js';
import { emptyRequest, contextRow, locate } from './scenario.js';
import { decisionText } from './words.js';
import { t } from './i18n/index.js';
import { createActionSuggestions } from './action-suggest.js';

/** The request's fields; each one's words are `request.NAME.label`, `.hint` and `.placeholder`. */
const FIELDS = ['principal', 'action', 'resource', 'resourceAccount'].map((name) => ({
  name,
  get label() {
    return t(`request.${name}.label`);
  },
  get hint() {
    return t(`request.${name}.hint`);
  },
  get placeholder() {
    return t(`request.${name}.placeholder`);
  },
}));

/**
 * Creates the pane. `getModel()` returns the model, `getSelected()` the index of the request
 * shown, `onSelect(i)` switches, `onEdit()` reports a change, `correct(d)` writes the
 * correction a diagnostic names ("did you mean").
 */
export function createRequestPane({ container, getModel, getSelected, onSelect, onEdit, announce, catalog, correct }) {
  let fieldEls = {}; // field name -> { input, msg }
  let rowEls = new Map(); // rowId -> { key, value, msg }
  let suggestions = [];
  const datalist = h('datalist', { id: 'context-key-suggestions' });
  // The principal field offers `anonymous` (format 1.1: an unsigned request).
  const principalList = h('datalist', { id: 'principal-suggestions' }, h('option', { value: 'anonymous' }));
  // Valid actions as you type in the Action field, from the catalog (action-suggest.js).
  const actionSuggest = catalog ? createActionSuggestions(catalog) : null;
  let lastAnswer = null;

  function request() {
    const model = getModel();
    return model.requests[Math.min(getSelected(), model.requests.length - 1)];
  }

  function tabs() {
    const model = getModel();
    if (model.requests.length < 2) return null;
    const selected = getSelected();
    const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('request.tabs') });
    model.requests.forEach((r, i) => {
      const result = lastAnswer?.answer?.requests?.[i];
      const d = result ? decisionText(result.decision) : null;
      const tab = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `request-tab-${i}`,
          'aria-selected': String(i === selected),
          'aria-controls': 'request-form',
          tabindex: i === selected ? '0' : '-1',
          class: 'tab',
          dataset: { decision: result?.decision || '' },
          onclick: () => onSelect(i),
          onkeydown: (e) => {
            const n = model.requests.length;
            const to = { ArrowRight: (i + 1) % n, ArrowLeft: (i + n - 1) % n, Home: 0, End: n - 1 }[e.key];
            if (to === undefined) return;
            e.preventDefault();
            onSelect(to);
            document.getElementById(`request-tab-${to}`)?.focus();
          },
        },
        h('span', { class: 'tab-n' }, `${i + 1}`),
        ' ',
        h('span', { class: 'tab-action' }, r.action || t('request.noAction')),
        d ? h('span', { class: 'tab-decision', title: d.word }, ' ', h('span', { 'aria-hidden': 'true' }, d.symbol), h('span', { class: 'sr-only' }, d.word)) : null,
      );
      list.appendChild(tab);
    });
    return list;
  }

  function fieldInput(r, f) {
    const id = uid(f.name);
    const msgId = uid('msg');
    const hintId = uid('hint');
    const input = h('input', {
      id,
      type: 'text',
      class: `req-${f.name}`,
      name: f.name,
      value: r[f.name] || '',
      placeholder: f.placeholder,
      spellcheck: 'false',
      autocomplete: 'off',
      autocapitalize: 'off',
      'aria-describedby': `${hintId} ${msgId}`,
      list: f.name === 'action' && actionSuggest ? actionSuggest.id : f.name === 'principal' ? 'principal-suggestions' : null,
      onfocus: f.name === 'action' && actionSuggest ? () => actionSuggest.update(input.value) : null,
      oninput: () => {
        r[f.name] = input.value;
        if (f.name === 'action') actionSuggest?.update(input.value);
        if (f.name === 'action') refreshTabs();
        onEdit();
      },
    });
    const msg = h('p', { class: 'field-msg', id: msgId });
    fieldEls[f.name] = { input, msg };
    return h('div', { class: `field req-field field-${f.name}` }, h('label', { for: id }, f.label), input, h('p', { class: 'hint', id: hintId }, f.hint), msg);
  }

  function contextRowEl(r, row, index) {
    const keyId = uid('ctx-key');
    const valueId = uid('ctx-value');
    const msgId = uid('msg');
    const key = h('input', {
      id: keyId,
      type: 'text',
      class: 'ctx-key',
      value: row.key,
      list: 'context-key-suggestions',
      placeholder: t('request.keyPlaceholder'),
      spellcheck: 'false',
      autocomplete: 'off',
      autocapitalize: 'off',
      'aria-describedby': msgId,
      oninput: () => {
        row.key = key.value;
        onEdit();
      },
    });
    const valueAttrs = {
      id: valueId,
      class: 'ctx-value',
      spellcheck: 'false',
      autocomplete: 'off',
      autocapitalize: 'off',
      'aria-describedby': msgId,
      oninput: () => {
        row.value = value.value;
        onEdit();
      },
    };
    const value = row.multi
      ? h('textarea', { ...valueAttrs, rows: String(Math.max(2, row.value.split('\n').length)), placeholder: t('request.valuesPlaceholder'), 'aria-label': row.key ? t('request.valuesOf', { key: row.key }) : t('request.valuesOfN', { n: String(index + 1) }) })
      : h('input', { ...valueAttrs, type: 'text', placeholder: t('request.valuePlaceholder') });
    value.value = row.value;
    const multiId = uid('ctx-multi');
    const multi = h('input', {
      id: multiId,
      type: 'checkbox',
      class: 'ctx-multi',
      checked: row.multi,
      onchange: () => {
        row.multi = multi.checked;
        render();
        onEdit();
        rowEls.get(row.id)?.value.focus();
      },
    });
    const msg = h('p', { class: 'field-msg', id: msgId });
    rowEls.set(row.id, { key, value, msg });
    const remove = h('button', {
      type: 'button',
      class: 'icon',
      'aria-label': t('request.removeKey', { key: row.key || String(index + 1) }),
      title: t('request.removeKeyTitle'),
      onclick: () => {
        r.context.splice(r.context.indexOf(row), 1);
        render();
        onEdit();
        container.querySelector('.add-key')?.focus();
      },
    }, '✕');
    return h(
      'li',
      { class: 'ctx-row', dataset: { rowId: row.id } },
      h('label', { for: keyId, class: 'ctx-label' }, t('request.keyN', { n: String(index + 1) })),
      key,
      remove,
      h('label', { for: valueId, class: 'ctx-label' }, row.multi ? t('request.values') : t('request.value')),
      value,
      h('label', { class: 'check', for: multiId }, multi, ' ', t('request.multivalued')),
      msg,
    );
  }

  function addRow(key = '') {
    const r = request();
    const row = contextRow(key);
    r.context.push(row);
    render();
    onEdit();
    const els = rowEls.get(row.id);
    (key ? els?.value : els?.key)?.focus();
  }

  function render() {
    const model = getModel();
    if (!model.requests.length) model.requests.push(emptyRequest());
    const r = request();
    const i = model.requests.indexOf(r);
    fieldEls = {};
    rowEls = new Map();
    const form = h(
      'div',
      {
        id: 'request-form',
        class: 'request-form',
        role: model.requests.length > 1 ? 'tabpanel' : null,
        'aria-labelledby': model.requests.length > 1 ? `request-tab-${i}` : null,
      },
      FIELDS.map((f) => fieldInput(r, f)),
      h(
        'fieldset',
        { class: 'context' },
        h('legend', null, t('request.context')),
        h('p', { class: 'hint' }, t('request.contextHint')),
        h('ul', { class: 'ctx-rows' }, r.context.map((row, n) => contextRowEl(r, row, n))),
        h('button', { type: 'button', class: 'add-key', onclick: () => addRow() }, t('request.addKey')),
      ),
      Object.keys(r.extra || {}).length
        ? h('p', { class: 'hint' }, t('request.extra', { fields: Object.keys(r.extra).join(', ') }))
        : null,
    );
    const actions = h(
      'div',
      { class: 'request-actions' },
      h('button', {
        type: 'button',
        onclick: () => {
          // A copy of the request shown: most extra requests differ from it in one field.
          model.requests.push({
            ...r,
            context: r.context.map((row) => contextRow(row.key, row.value, row.multi, row.typed)),
            extra: { ...r.extra },
          });
          onSelect(model.requests.length - 1);
          onEdit();
          announce(t('request.addedSaid', { n: String(model.requests.length), from: String(i + 1) }));
          fieldEls.action?.input.focus();
          fieldEls.action?.input.select();
        },
      }, t('request.add')),
      model.requests.length > 1
        ? h('button', {
          type: 'button',
          onclick: () => {
            model.requests.splice(i, 1);
            onSelect(Math.max(0, i - 1));
            onEdit();
            announce(t('request.removedSaid', { n: String(i + 1) }));
          },
        }, t('request.remove', { n: String(i + 1) }))
        : null,
    );
    replace(container, tabs(), form, actions, datalist, principalList, actionSuggest?.el);
    refreshSuggestions();
    if (lastAnswer) applyMessages(lastAnswer.answer, lastAnswer.segments);
  }

  function refreshTabs() {
    const old = container.querySelector('.tabs');
    const fresh = tabs();
    if (old && fresh) old.replaceWith(fresh);
  }

  function refreshSuggestions() {
    const present = new Set(request().context.map((row) => row.key.toLowerCase()));
    replace(
      datalist,
      suggestions.filter((s) => !present.has(s.toLowerCase())).map((s) => h('option', { value: s })),
    );
  }

  function applyMessages(answer, segments) {
    for (const { input, msg } of Object.values(fieldEls)) {
      input.removeAttribute('aria-invalid');
      replace(msg);
    }
    for (const { key, value, msg } of rowEls.values()) {
      key.removeAttribute('aria-invalid');
      value.removeAttribute('aria-invalid');
      replace(msg);
    }
    const selected = getSelected();
    for (const d of allDiagnostics(answer)) {
      const target = locate(segments, d.location);
      if (!target || target.request !== selected) continue;
      let input = null;
      let msg = null;
      if (target.type === 'field' && fieldEls[target.field]) ({ input, msg } = fieldEls[target.field]);
      else if (target.type === 'contextKey' || target.type === 'contextValue') {
        const row = rowEls.get(target.rowId);
        if (row) {
          input = target.type === 'contextKey' ? row.key : row.value;
          msg = row.msg;
        }
      }
      if (!input) continue;
      if (d.severity === 'error') input.setAttribute('aria-invalid', 'true');
      const block = diagnosticBlock(d, { code: false }, 'span');
      const fixButton = replaceButton(d, correct);
      if (fixButton) block.append(' ', fixButton);
      msg.appendChild(block);
    }
  }

  /** Updates messages, tabs and key suggestions from an answer. */
  function show({ answer, segments }) {
    lastAnswer = { answer, segments };
    const keys = new Map();
    const addKey = (k) => {
      if (k && !keys.has(k.toLowerCase())) keys.set(k.toLowerCase(), k);
    };
    const result = answer?.requests?.[getSelected()];
    for (const m of result?.missingContextKeys || []) addKey(m.key);
    for (const r of answer?.requests || []) {
      for (const s of r.statements || []) for (const c of s.conditions || []) addKey(c.key);
    }
    suggestions = [...keys.values()].sort((a, b) => a.localeCompare(b));
    refreshSuggestions();
    refreshTabs();
    applyMessages(answer, segments);
  }

  /** Focuses the input a location points at. */
  function focus(target) {
    if (target.request !== undefined && target.request !== getSelected()) onSelect(target.request);
    let el = null;
    if (target.type === 'field') el = fieldEls[target.field]?.input;
    else if (target.type === 'contextKey') el = rowEls.get(target.rowId)?.key;
    else if (target.type === 'contextValue') el = rowEls.get(target.rowId)?.value;
    el = el || fieldEls.principal?.input;
    el?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    el?.focus();
  }

  return { render, show, focus, addContextKey: addRow };
}
