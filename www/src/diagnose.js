// From "not authorized" to a scenario: the Import dialog (a decoded authorization message, the
// CLI's `{"DecodedMessage": …}`, an AccessDenied text or a CloudTrail event becomes a scenario
// with the request filled in) and the Call bundle dialog (the checks one API call makes, written
// as the scenario's requests, keeping its policies). The engine does the work; this file only
// asks it and loads what it returns through the page's usual scenario-loading path.

import { h, replace, rich } from './dom.js';
import { diagnosticView } from './diagnostic-view.js';
import { live, liveAttr, pageLang, t, tp, tx } from './i18n/index.js';

// The words for an import's format and byte-offset edits: shared with fixes.js, which the
// page needs before this dialog.
import { formatWords, applyByteEdits } from './import-words.js';

export { formatWords, applyByteEdits };

function dialogShell(id, title, ...body) {
  const titleId = `${id}-title`;
  const dialog = h(
    'dialog',
    { id, 'aria-labelledby': titleId },
    h('form', { method: 'dialog', class: 'dialog-head' }, live(h('h2', { id: titleId }), title), liveAttr(h('button', { class: 'icon', value: 'close' }, '✕'), 'aria-label', () => t('common.close'))),
    ...body,
  );
  document.body.appendChild(dialog);
  return dialog;
}

/**
 * Sets up both dialogs. `ctx` gives:
 *   engine                          the engine (its `call(op, arg)`)
 *   loadScenarioText(text, source)  loads a scenario (resolves true when loaded)
 *   scenarioText()                  the current scenario's text
 *   policyCount()                   how many policies the open scenario has
 *   announce(text)                  a short spoken status
 *   onImported(result)              an import was loaded (its notes and hint are shown)
 *   onBundle(expanded, bundle)      a bundle was applied (its checks label the requests)
 */
export function createDiagnose(ctx) {
  // --- Import ------------------------------------------------------------------------------
  const area = h('textarea', { id: 'import-text', spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off', 'aria-describedby': 'import-help import-errors' });
  const errors = h('div', { id: 'import-errors', class: 'import-errors', role: 'alert' });
  const importButton = live(h('button', { type: 'button', id: 'import-run', class: 'primary' }), () => t('import.run'));
  // When the open scenario has policies: keep them and replace only the request (as
  // `iam-playground import --into` does), or replace the whole scenario. Keeping is the
  // default: nothing the user wrote is replaced unless they choose it.
  const keepRadio = h('input', { type: 'radio', name: 'import-into', id: 'import-keep', value: 'keep', checked: true });
  const replaceRadio = h('input', { type: 'radio', name: 'import-into', id: 'import-replace', value: 'replace' });
  const keepLabel = h('label', { for: 'import-keep' });
  const intoChoice = h(
    'fieldset',
    { class: 'import-into', id: 'import-into', hidden: true },
    live(h('legend'), () => t('import.hasPolicies')),
    h('div', { class: 'check' }, keepRadio, ' ', keepLabel),
    h('div', { class: 'check' }, replaceRadio, ' ', live(h('label', { for: 'import-replace' }), () => t('import.replace'))),
  );
  const importDialog = dialogShell(
    'import-dialog',
    () => t('import.title'),
    live(h('p', { id: 'import-help', class: 'hint' }), () =>
      tx('import.help', { command: h('code', null, 'aws sts decode-authorization-message'), wrapped: h('code', null, '{"DecodedMessage": "…"}') }),
    ),
    live(h('label', { for: 'import-text' }), () => t('import.textLabel')),
    area,
    intoChoice,
    errors,
    h('div', { class: 'dialog-actions' }, importButton),
  );

  /** Selects the place an error points at in the textarea. */
  function selectPlace(location) {
    if (!location || location.utf16Start === undefined) return;
    area.focus();
    const end = location.utf16End > location.utf16Start ? location.utf16End : Math.min(area.value.length, location.utf16Start + 1);
    area.setSelectionRange(location.utf16Start, end);
  }

  function showErrors(list) {
    replace(
      errors,
      h('p', { class: 'field-msg' }, tp('import.nothing', list.length)),
      h(
        'ul',
        { class: 'import-error-list' },
        list.map((d) => {
          const loc = d.location;
          const place = loc ? t('import.place', { line: String(loc.line), column: String(loc.column) }) : '';
          return h(
            'li',
            { class: `diag ${d.severity || 'error'}` },
            h(
              'button',
              { type: 'button', class: 'diag-jump', onclick: () => selectPlace(loc), title: t('import.select') },
              diagnosticView({ severity: 'error', ...d }, { where: place }),
            ),
          );
        }),
      ),
    );
    if (list[0]?.location) selectPlace(list[0].location);
  }

  async function runImport() {
    replace(errors);
    const text = area.value;
    if (!text.trim()) {
      showErrors([{ message: t('import.empty'), help: t('import.emptyHelp') }]);
      area.focus();
      return;
    }
    const keep = !intoChoice.hidden && keepRadio.checked;
    let result;
    try {
      result = keep
        ? await ctx.engine.call('importInto', { scenario: ctx.scenarioText(), artifact: text, lang: pageLang() })
        : await ctx.engine.call('import', { text, lang: pageLang() });
    } catch (e) {
      showErrors([{ message: t('import.engineFailed', { message: e.message }) }]);
      return;
    }
    if (result.errors?.length || !result.scenario) {
      showErrors(result.errors?.length ? result.errors : [{ message: t('import.nothingFound') }]);
      return;
    }
    if (await ctx.loadScenarioText(result.scenario, 'imported scenario')) {
      importDialog.close();
      ctx.onImported(result);
      const values = { format: formatWords(result.format), action: result.request?.action || t('import.theRequest') };
      ctx.announce(result.merged ? tp('import.doneKept', result.merged.keptPolicies, values) : t('import.done', values));
    }
  }
  importButton.addEventListener('click', runImport);
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      runImport();
    }
  });

  /** Opens the Import dialog, with `text` pasted in when given (the examples gallery). */
  function openImport(text) {
    if (text !== undefined) area.value = text;
    replace(errors);
    const count = ctx.policyCount();
    intoChoice.hidden = count === 0;
    replace(keepLabel, tp('import.keep', count));
    if (!importDialog.open) importDialog.showModal();
    area.focus();
  }

  // --- Call bundles --------------------------------------------------------------------------
  let bundles = null;
  let bundlesLang = null; // the language `bundles` is written in
  const select = h('select', { id: 'bundle-name' });
  const about = h('p', { class: 'hint', id: 'bundle-about' });
  const fields = h('div', { class: 'bundle-params' });
  const bundleErrors = h('p', { class: 'field-msg', role: 'alert' });
  const applyButton = live(h('button', { type: 'button', id: 'bundle-apply', class: 'primary' }), () => t('bundle.apply'));
  const bundleDialog = dialogShell(
    'bundle-dialog',
    () => t('bundle.title'),
    live(h('p', { class: 'hint' }), () => tx('bundle.help', { action: h('code', null, 'iam:PassRole') })),
    live(h('label', { for: 'bundle-name' }), () => t('bundle.call')),
    select,
    about,
    h('fieldset', { class: 'bundle-fieldset' }, live(h('legend'), () => t('bundle.params')), fields),
    bundleErrors,
    h('div', { class: 'dialog-actions' }, applyButton),
  );

  function current() {
    return bundles?.find((b) => b.name === select.value);
  }

  function showBundle() {
    const b = current();
    if (!b) return;
    replace(about, rich(b.description), ' ', tp('bundle.checks', b.checks));
    replace(
      fields,
      b.params.map((p) => {
        const id = `bundle-param-${p.name}`;
        return h(
          'div',
          { class: 'field' },
          h('label', { for: id }, h('code', null, p.name), ' ', h('span', { class: 'muted' }, p.description)),
          h('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: p.default, dataset: { param: p.name } }),
        );
      }),
    );
  }
  select.addEventListener('change', showBundle);

  async function applyBundle() {
    replace(bundleErrors);
    const b = current();
    if (!b) return;
    const params = {};
    for (const input of fields.querySelectorAll('input[data-param]')) {
      if (input.value.trim()) params[input.dataset.param] = input.value.trim();
    }
    const text = ctx.scenarioText();
    let out;
    try {
      out = await ctx.engine.call('expandInto', { text, name: b.name, params, lang: pageLang() });
    } catch (e) {
      // The engine's error as a diagnostic: its help says what to change.
      replace(bundleErrors, diagnosticView({ severity: 'error', message: e.message, help: e.help, code: e.code }, { where: t('bundle.failed') }));
      return;
    }
    const next = applyByteEdits(text, [out.edit]);
    if (await ctx.loadScenarioText(next, 'scenario')) {
      bundleDialog.close();
      ctx.onBundle(out.expanded, b);
      ctx.announce(tp('bundle.done', out.expanded.checks.length, { api: b.api }));
    }
  }
  applyButton.addEventListener('click', applyBundle);

  async function openBundles() {
    // Read again when the page's language changed: titles and descriptions follow it.
    if (!bundles || bundlesLang !== pageLang()) {
      const lang = pageLang();
      const chosen = select.value;
      try {
        bundles = await ctx.engine.call('bundles', { lang });
      } catch (e) {
        ctx.announce(t('bundle.loadFailed', { message: e.message }));
        return;
      }
      bundlesLang = lang;
      replace(select, bundles.map((b) => h('option', { value: b.name }, b.title)));
      if (chosen && bundles.some((b) => b.name === chosen)) select.value = chosen;
      showBundle();
    }
    replace(bundleErrors);
    if (!bundleDialog.open) bundleDialog.showModal();
    select.focus();
  }

  return { openImport, openBundles };
}
