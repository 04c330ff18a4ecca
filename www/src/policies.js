// The policies pane: one card per policy, each with a name, a kind, an SCP/RCP level and a
// CodeMirror editor; lint markers and the deciding statements come from the engine's answer.

import { h, replace, uid } from './dom.js';
import { createLazyEditor } from './lazy-editor.js';
import { createManagedPicker, createManagedView, managedDocument } from './managed.js';
import { diagnosticBlock, allDiagnostics } from './diagnostic-view.js';
import { t } from './i18n/index.js';
import { KINDS, kindLabel, SINGLE_KINDS, LEVEL_KINDS, newPolicy, locate, isSwitchedOff, setSwitch } from './scenario.js';

const SEVERITY_TO_LINT = { error: 'error', securityWarning: 'warning', warning: 'warning', suggestion: 'info' };

/** A label for people: the policy's name, or its kind and number. */
export function policyLabel(model, policy) {
  if (policy.name) return policy.name;
  const sameKind = model.policies.filter((p) => p.kind === policy.kind);
  const n = sameKind.indexOf(policy) + 1;
  return sameKind.length > 1 || !SINGLE_KINDS.has(policy.kind) ? t('policy.kindN', { kind: kindLabel(policy.kind), n: String(n) }) : kindLabel(policy.kind);
}

/**
 * Creates the pane. `getModel()` returns the current model; `onEdit()` is called after any
 * change to a policy (text, name, kind, level, order, add, remove); `announce(text)` speaks a
 * status message.
 */
export function createPoliciesPane({ container, addBar, getModel, onEdit, announce, catalog }) {
  const cards = new Map(); // policyId -> { el, editor, nameInput, kindSelect, levelInput, messages }
  let removed = null; // { policy, index } for undo

  const kindSelectForAdd = h(
    'select',
    { id: 'new-policy-kind', 'aria-label': t('policy.addKind') },
    KINDS.map((k) => h('option', { value: k }, kindLabel(k))),
  );
  const addButton = h('button', { type: 'button', class: 'primary', onclick: () => add(kindSelectForAdd.value) }, t('policy.add'));
  // Attach an AWS managed policy by name (managed.js): an identity-based policy `{"managed": "Name"}`.
  const makePicker = () => catalog
    ? createManagedPicker({
      catalog,
      announce,
      onAttach: (name) => {
        const policy = newPolicy('identity', '', managedDocument(name));
        getModel().policies.push(policy);
        render();
        onEdit();
        announce(t('policy.attached', { name }));
      },
    })
    : null;
  replace(addBar, kindSelectForAdd, addButton, makePicker()?.el);

  function add(kind) {
    const model = getModel();
    if (SINGLE_KINDS.has(kind) && model.policies.some((p) => p.kind === kind)) {
      announce(t('policy.onlyOne', { kind: kindLabel(kind) }));
      cards.get(model.policies.find((p) => p.kind === kind).id)?.editor.focus();
      return;
    }
    const policy = newPolicy(kind);
    model.policies.push(policy);
    render();
    onEdit();
    cards.get(policy.id)?.nameInput.focus();
    announce(t('policy.added', { name: policyLabel(model, policy) }));
  }

  function remove(policy) {
    const model = getModel();
    const index = model.policies.indexOf(policy);
    if (index < 0) return;
    model.policies.splice(index, 1);
    removed = { policy, index };
    render();
    onEdit();
    announce(t('policy.removed', { name: policyLabel(model, policy) }), {
      label: t('common.undo'),
      action: () => {
        if (!removed) return;
        const m = getModel();
        m.policies.splice(Math.min(removed.index, m.policies.length), 0, removed.policy);
        removed = null;
        render();
        onEdit();
      },
    });
  }

  function move(policy, delta) {
    const list = getModel().policies;
    const i = list.indexOf(policy);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    render();
    onEdit();
    cards.get(policy.id)?.el.querySelector(delta < 0 ? '.move-up' : '.move-down')?.focus();
  }

  /** Enables only the kinds a card may switch to (at most one boundary, session, resource). */
  function refreshKindOptions() {
    const model = getModel();
    for (const [id, card] of cards) {
      for (const option of card.kindSelect.options) {
        const taken = SINGLE_KINDS.has(option.value) && model.policies.some((p) => p.kind === option.value && p.id !== id);
        option.disabled = taken;
        option.textContent = taken ? t('policy.kindTaken', { kind: kindLabel(option.value) }) : kindLabel(option.value);
      }
    }
  }

  function refreshLabels() {
    const model = getModel();
    for (const policy of model.policies) {
      const card = cards.get(policy.id);
      if (!card) continue;
      const label = policyLabel(model, policy);
      card.title.textContent = label;
      card.nameInput.placeholder = label;
      card.editor.setLabel(t('policy.document', { name: label }));
      card.removeButton.setAttribute('aria-label', t('policy.removeLabel', { name: label }));
      card.onBox.setAttribute('aria-label', t('policy.inForceLabel', { name: label }));
      card.collapseButton.setAttribute('aria-label', t('policy.collapseLabel', { name: label }));
    }
  }

  function buildCard(policy) {
    const model = getModel();
    const headingId = uid('policy-title');
    const title = h('h3', { class: 'card-title', id: headingId }, policyLabel(model, policy));
    const nameId = uid('name');
    const nameInput = h('input', {
      id: nameId,
      type: 'text',
      class: 'policy-name',
      value: policy.name,
      spellcheck: 'false',
      autocomplete: 'off',
      placeholder: policyLabel(model, policy),
      readonly: policy.fromAccount === true,
      oninput: () => {
        policy.name = nameInput.value;
        refreshLabels();
        onEdit();
      },
    });
    const kindId = uid('kind');
    const kindSelect = h(
      'select',
      {
        id: kindId,
        class: 'policy-kind',
        disabled: policy.fromAccount === true,
        onchange: () => {
          policy.kind = kindSelect.value;
          if (LEVEL_KINDS.has(policy.kind) && !policy.levelName) policy.levelName = 'root';
          render();
          onEdit();
          cards.get(policy.id)?.kindSelect.focus();
        },
      },
      KINDS.map((k) => h('option', { value: k, selected: k === policy.kind }, kindLabel(k))),
    );
    let levelField = null;
    let levelInput = null;
    if (LEVEL_KINDS.has(policy.kind)) {
      const levelId = uid('level');
      levelInput = h('input', {
        id: levelId,
        type: 'text',
        class: 'policy-level',
        value: policy.levelName,
        list: 'level-names',
        spellcheck: 'false',
        autocomplete: 'off',
        oninput: () => {
          policy.levelName = levelInput.value.trim() || 'root';
          onEdit();
        },
      });
      levelField = h(
        'div',
        { class: 'field level-field' },
        h('label', { for: levelId }, t('policy.level')),
        levelInput,
        h('span', { class: 'hint' }, t('policy.levelHint')),
      );
    }
    const editorHost = h('div', { class: 'editor-host' });
    const managedView = catalog ? createManagedView(catalog) : null;
    managedView?.refresh(policy.text);
    const messages = h('ul', { class: 'card-messages', 'aria-live': 'polite' });
    const collapseButton = h('button', {
      type: 'button',
      class: 'icon collapse',
      'aria-expanded': 'true',
      title: t('policy.collapse'),
      onclick: () => {
        const open = collapseButton.getAttribute('aria-expanded') !== 'true';
        collapseButton.setAttribute('aria-expanded', String(open));
        editorHost.hidden = !open;
        el.classList.toggle('collapsed', !open);
      },
    }, '▾');
    const offBadge = h('span', { class: 'gate-badge', hidden: true, title: t('policy.offTitle') }, t('policy.off'));
    const onId = uid('in-force');
    const onBox = h('input', {
      id: onId,
      type: 'checkbox',
      class: 'policy-on',
      checked: !isSwitchedOff(model, policy.id),
      onchange: () => {
        setSwitch(getModel(), policy.id, null, !onBox.checked);
        onEdit();
        announce(onBox.checked ? t('policy.onSaid', { name: policyLabel(getModel(), policy) }) : t('policy.offSaid', { name: policyLabel(getModel(), policy) }));
      },
    });
    const onLabel = h('label', { class: 'check in-force', for: onId, title: t('policy.inForceTitle') }, onBox, ' ', t('policy.inForce'));
    const removeButton = h('button', { type: 'button', class: 'icon remove', title: t('policy.remove'), onclick: () => remove(policy) }, '✕');
    const el = h(
      'article',
      { class: 'policy-card', 'aria-labelledby': headingId, dataset: { policyId: policy.id, kind: policy.kind } },
      h(
        'div',
        { class: 'card-head' },
        collapseButton,
        title,
        offBadge,
        h(
          'div',
          { class: 'card-tools' },
          onLabel,
          h('button', { type: 'button', class: 'icon move-up', title: t('policy.up'), 'aria-label': t('policy.up'), onclick: () => move(policy, -1) }, '↑'),
          h('button', { type: 'button', class: 'icon move-down', title: t('policy.down'), 'aria-label': t('policy.down'), onclick: () => move(policy, 1) }, '↓'),
          removeButton,
        ),
      ),
      h(
        'div',
        { class: 'card-fields' },
        h('div', { class: 'field' }, h('label', { for: nameId }, t('policy.name')), nameInput),
        h('div', { class: 'field' }, h('label', { for: kindId }, t('policy.kind')), kindSelect),
        levelField,
      ),
      messages,
      policy.fromAccount ? accountNote(policy) : null,
      editorHost,
      managedView?.el,
    );
    // The editor itself arrives after the first decision (lazy-editor.js); its text is shown at once.
    const editor = createLazyEditor({
      host: editorHost,
      text: policy.text,
      readOnly: policy.fromAccount === true,
      label: t('policy.document', { name: policyLabel(model, policy) }),
      onChange: (text) => {
        policy.text = text;
        managedView?.refresh(text);
        onEdit();
      },
      catalog,
    });
    return { el, editor, title, nameInput, kindSelect, levelInput, messages, removeButton, collapseButton, offBadge, onBox };
  }

  /**
   * A policy from an account file is shown as in the account (read-only; what-if switches
   * still work) until the user asks to edit it.
   */
  function accountNote(policy) {
    return h(
      'p',
      { class: 'hint account-card' },
      t('policy.fromAccount'),
      ' ',
      h(
        'button',
        {
          type: 'button',
          class: 'small account-edit',
          onclick: () => {
            policy.fromAccount = false;
            cards.get(policy.id)?.editor.destroy();
            cards.delete(policy.id);
            render();
            cards.get(policy.id)?.editor.focus();
          },
        },
        t('policy.edit'),
      ),
    );
  }

  /** Rebuilds every card from the model (editors keep their text through the model). */
  function render() {
    const model = getModel();
    const keep = new Set(model.policies.map((p) => p.id));
    for (const [id, card] of cards) {
      if (!keep.has(id)) {
        card.editor.destroy();
        cards.delete(id);
      }
    }
    const nodes = [];
    for (const policy of model.policies) {
      let card = cards.get(policy.id);
      if (card && card.el.dataset.kind !== policy.kind) {
        card.editor.destroy();
        cards.delete(policy.id);
        card = null;
      }
      if (!card) {
        card = buildCard(policy);
        cards.set(policy.id, card);
      }
      nodes.push(card.el);
    }
    if (!nodes.length) {
      nodes.push(
        h('p', { class: 'empty' }, t('policy.none')),
      );
    }
    replace(container, nodes);
    const levelNames = new Set(model.policies.filter((p) => LEVEL_KINDS.has(p.kind)).map((p) => p.levelName));
    let datalist = document.getElementById('level-names');
    if (!datalist) {
      datalist = h('datalist', { id: 'level-names' });
      document.body.appendChild(datalist);
    }
    replace(datalist, ['root', ...levelNames].filter((v, i, a) => a.indexOf(v) === i).map((n) => h('option', { value: n })));
    refreshKindOptions();
    refreshLabels();
  }

  /**
   * Shows the answer in the editors: lint markers, card-level messages, and the lines of the
   * statements that decided the selected request.
   */
  function show({ answer, segments, selected: requestIndex }) {
    const perPolicy = new Map();
    const cardMessages = new Map();
    // The words for assistive technology, for thousands of findings at once (a long policy's
    // lint): the sentence is put together once and filled per finding (t() for each took 30 ms
    // for 5,000). Replacer functions: a `$` in a message is text.
    const withHelp = t('diag.withHelp', { message: '\u0000', help: '\u0001' });
    const spoken = (d) => (d.help ? withHelp.replace('\u0000', () => d.message).replace('\u0001', () => d.help) : d.message).replaceAll('`', '');
    // The engine's diagnostics and, once the catalog is loaded, its lint findings (`lint`).
    for (const d of allDiagnostics(answer)) {
      const target = locate(segments, d.location);
      if (!target) continue;
      if (target.type === 'policy') {
        if (!perPolicy.has(target.policyId)) perPolicy.set(target.policyId, []);
        perPolicy.get(target.policyId).push({
          from: target.from,
          to: target.to,
          severity: SEVERITY_TO_LINT[d.severity] || 'info',
          source: d.code,
          // The text for assistive technology; the tooltip shows diagnosticBlock.
          message: spoken(d),
          renderMessage: () => diagnosticBlock(d, { code: false }),
          // "Did you mean": one click in the tooltip (and the lint panel) writes the correction.
          actions: typeof d.replacement === 'string'
            ? [{ name: typeof d.snippet === 'string' ? t('diag.replace', { snippet: d.snippet, replacement: d.replacement }) : t('diag.replaceWith', { replacement: d.replacement }), apply: (v, from, to) => v.dispatch({ changes: { from, to, insert: d.replacement }, userEvent: 'input.replace' }) }]
            : undefined,
        });
      } else if (target.type === 'policyEntry') {
        if (!cardMessages.has(target.policyId)) cardMessages.set(target.policyId, []);
        cardMessages.get(target.policyId).push(d);
      }
    }
    const decided = new Map();
    const result = answer?.requests?.[requestIndex];
    for (const s of result?.matchedStatements || []) {
      const target = locate(segments, s.location);
      if (target?.type !== 'policy') continue;
      if (!decided.has(target.policyId)) decided.set(target.policyId, []);
      decided.get(target.policyId).push({ from: target.from, to: target.to });
    }
    const switchedOff = new Set();
    for (const info of answer?.policies || []) {
      const target = info.disabled ? locate(segments, info.documentLocation) : null;
      if (target?.policyId) switchedOff.add(target.policyId);
    }
    // An answer's places are offsets in the text it was asked for. A policy edited since (an
    // answer that comes while the next evaluation waits for the edits to pause, or a long
    // paste handed on a task later) keeps its markers, which the editor moves with the edit,
    // until the answer for its new text comes: the old offsets in the new text would underline
    // whatever now stands there.
    const asked = new Map();
    for (const seg of segments || []) if (seg.type === 'policyDoc') asked.set(seg.policyId, seg.raw ?? seg.escaped);
    for (const [id, card] of cards) {
      card.el.classList.toggle('switched-off', switchedOff.has(id));
      card.offBadge.hidden = !switchedOff.has(id);
      if (!asked.has(id) || asked.get(id) === card.editor.getText()) {
        card.editor.setDiagnostics(perPolicy.get(id) || []);
        card.editor.setDecided(decided.get(id) || []);
      }
      card.el.classList.toggle('decided', decided.has(id));
      replace(
        card.messages,
        (cardMessages.get(id) || []).map((d) => diagnosticBlock(d, { code: false }, 'li')),
      );
    }
  }

  /** Jumps to `from..to` in a policy's editor. */
  function reveal(policyId, from, to) {
    const card = cards.get(policyId);
    if (!card) return;
    if (card.collapseButton.getAttribute('aria-expanded') !== 'true') card.collapseButton.click();
    card.editor.reveal(from, to);
  }

  function revealCard(policyId) {
    const card = cards.get(policyId);
    if (!card) return;
    card.el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    card.nameInput.focus();
  }

  function label(policyId) {
    const model = getModel();
    const policy = model.policies.find((p) => p.id === policyId);
    return policy ? policyLabel(model, policy) : '';
  }

  /** Writes `text` in place of `from..to` of a policy's editor (a one-click correction). */
  function replaceText(policyId, from, to, text) {
    const card = cards.get(policyId);
    if (!card) return false;
    card.editor.replace(from, to, text);
    return true;
  }

  /** Rebuilds the add bar and every card in the page's language (after a switch). */
  function relabel() {
    kindSelectForAdd.setAttribute('aria-label', t('policy.addKind'));
    for (const option of kindSelectForAdd.options) option.textContent = kindLabel(option.value);
    addButton.textContent = t('policy.add');
    replace(addBar, kindSelectForAdd, addButton, makePicker()?.el);
    for (const card of cards.values()) card.editor.destroy();
    cards.clear();
    render();
  }

  return { render, relabel, show, reveal, revealCard, label, replaceText };
}
