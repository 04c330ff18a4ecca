// Your account, offline: the Account dialog. It opens the output of
// `aws iam get-account-authorization-details` from a local file, reads it in a worker of its own
// (the evaluation loop keeps its worker), lists the users and roles (searchable), turns the one
// picked into the scenario (its policies in force, named as in the account), and shows the
// PassRole map: who may pass which role to which service, filtered and sorted, each row opening
// its scenario. The file is never uploaded and never stored: it lives in the worker's memory
// until the page closes or another file is opened. Everything from the file goes into the page
// as text (h() and textContent), never as markup.

import { Engine } from './engine.js';
import { h, replace, rich } from './dom.js';
import { diagnosticView } from './diagnostic-view.js';
import { formatSize } from './words.js';
import { live, liveAttr, t, tp, tx, pageLang } from './i18n/index.js';

/** Larger files are refused before reading (the wasm module holds the text and its model). */
const MAX_ACCOUNT_BYTES = 200 * 1024 * 1024;
/** Rows shown at once in either list; the filter narrows the rest. */
const SHOWN = 300;

/** The words for a principal's policies: "3 policies (1 inline, 2 managed) · permissions boundary · groups devs". */
function policyWords(p) {
  const parts = [tp('account.policies', p.identityPolicies, { inline: String(p.inlinePolicies), managed: String(p.managedPolicies) })];
  if (p.boundary) parts.push(t('account.boundary'));
  if (p.groups.length) parts.push(tp('account.groups', p.groups.length, { groups: p.groups.join(', ') }));
  if (p.trustedServices.length) parts.push(t('account.trustedBy', { services: p.trustedServices.join(', ') }));
  if (p.serviceLinked) parts.push(t('account.serviceLinked'));
  return parts.join(' · ');
}

/** `user/alice` for an ARN of the account, else the ARN. */
function shortName(byArn, arn) {
  const p = byArn.get(arn);
  return p ? `${p.kind}/${p.name}` : arn;
}

/** The statement that allows a row: "alice/inline/Pass (PassApp)" or "… (statement 2)". */
function statementWords(s) {
  return `${s.policy} (${s.sid || t('result.statementN', { n: String(s.index + 1) })})`;
}

/** The status line for an open file: "account.json: account 1111…, 2 users, 3 roles, 1 group." */
function fileLineOf({ file, account, users, roles, groups }) {
  return t('account.fileLine', { file, account, users: tp('account.users', users), roles: tp('account.roles', roles), groups: tp('account.groupCount', groups) });
}

/** The map's sortable columns; each one's heading is `account.column.KEY`. */
const COLUMNS = ['principal', 'role', 'service', 'escalation'];

/**
 * Sets up the Account dialog. `ctx` gives:
 *   openButton                      the header button that opens it
 *   workerUrl                       the engine worker's address (a worker of its own is started on first use)
 *   loadScenarioText(text, source)  loads a scenario (resolves true when loaded); marked as from an account
 *   announce(text)                  a short spoken status
 */
export function createAccount(ctx) {
  let engine = null;
  const worker = () => (engine ||= new Engine(ctx.workerUrl));

  let summary = null; // what the open file holds (accountOpen)
  let fileLine = ''; // the status line that says what the open file holds
  let fileInfo = null; // its values, to say it again in another language
  let mapInfo = null; // the map's counts, likewise
  let byArn = new Map();
  let map = null; // the PassRole map, once made
  const sort = { key: 'principal', descending: false };

  // --- the dialog ------------------------------------------------------------------------------
  const titleId = 'account-dialog-title';
  const fileInput = h('input', { id: 'account-file', type: 'file', accept: '.json,application/json' });
  const progress = h('progress', { id: 'account-progress', max: 1, hidden: true });
  const status = h('p', { id: 'account-status', class: 'hint', role: 'status', 'aria-live': 'polite' });
  const errors = h('div', { id: 'account-errors', role: 'alert' });
  const overview = h('div', { id: 'account-overview' });
  const forgetButton = liveAttr(live(h('button', { type: 'button', id: 'account-forget', hidden: true }), () => t('account.forget')), 'title', () => t('account.forgetTitle'));

  const search = liveAttr(h('input', { id: 'account-search', type: 'search', autocomplete: 'off', spellcheck: 'false', 'aria-controls': 'account-principals' }), 'placeholder', () => t('account.searchPlaceholder'));
  const principalList = h('ul', { id: 'account-principals', class: 'account-list' });
  const principalsSection = h(
    'section',
    { class: 'account-section', 'aria-labelledby': 'account-principals-heading', hidden: true },
    live(h('h3', { id: 'account-principals-heading' }), () => t('account.principals')),
    live(h('p', { class: 'hint' }), () => t('account.principalsHint')),
    live(h('label', { for: 'account-search' }), () => t('account.find')),
    search,
    principalList,
  );

  const mapButton = live(h('button', { type: 'button', id: 'account-map-run', class: 'primary' }), () => t('account.mapRun'));
  const mapFilter = liveAttr(h('input', { id: 'account-map-filter', type: 'search', autocomplete: 'off', spellcheck: 'false' }), 'placeholder', () => t('account.filterPlaceholder'));
  const escalationsOnly = h('input', { id: 'account-map-escalations', type: 'checkbox' });
  const mapSummary = h('p', { id: 'account-map-summary', class: 'hint' });
  const mapTable = h('table', { id: 'account-map', class: 'account-map' });
  const mapControls = h(
    'div',
    { class: 'account-map-controls', hidden: true },
    live(h('label', { for: 'account-map-filter' }), () => t('account.filter')),
    mapFilter,
    h('label', { class: 'inline' }, escalationsOnly, ' ', live(h('span'), () => t('account.escalationsOnly'))),
  );
  const mapSection = h(
    'section',
    { class: 'account-section', 'aria-labelledby': 'account-map-heading', hidden: true },
    live(h('h3', { id: 'account-map-heading' }), () => t('account.map')),
    live(h('p', { class: 'hint' }), () => tx('account.mapHint', { action: h('code', null, 'iam:PassRole'), key: h('code', null, 'iam:PassedToService') })),
    mapButton,
    mapSummary,
    mapControls,
    h('div', { class: 'account-map-wrap' }, mapTable),
  );

  const dialog = h(
    'dialog',
    { id: 'account-dialog', class: 'account-dialog', 'aria-labelledby': titleId },
    h('form', { method: 'dialog', class: 'dialog-head' }, live(h('h2', { id: titleId }), () => t('account.title')), liveAttr(h('button', { class: 'icon', value: 'close' }, '✕'), 'aria-label', () => t('common.close'))),
    live(h('p', { class: 'hint' }), () => tx('account.help', { command: h('code', null, 'aws iam get-account-authorization-details > account.json') })),
    h('div', { class: 'dialog-actions' }, h('label', { class: 'file-button' }, live(h('span'), () => t('account.openFile')), ' ', fileInput), forgetButton),
    progress,
    status,
    errors,
    overview,
    principalsSection,
    mapSection,
  );
  document.body.appendChild(dialog);

  function setProgress(p) {
    if (!p) {
      progress.hidden = true;
      progress.removeAttribute('value');
      return;
    }
    progress.hidden = false;
    const stage = p.stage === 'gains' ? t('account.stage.gains') : t('account.stage.passrole');
    if (p.total > 0) {
      progress.max = p.total;
      progress.value = p.done;
    } else {
      progress.removeAttribute('value');
    }
    status.textContent = t('account.making', { stage, done: String(p.done), total: String(p.total) });
  }

  function showErrors(list, heading) {
    replace(
      errors,
      h('p', { class: 'field-msg' }, heading),
      h(
        'ul',
        { class: 'account-errors' },
        list.map((d) => {
          const loc = d.location;
          const where = [loc ? t('import.place', { line: String(loc.line), column: String(loc.column) }) : '', d.path ? t('account.at', { path: d.path }) : ''].filter(Boolean).join(' ');
          return h('li', { class: `diag ${d.severity || 'error'}` }, diagnosticView({ severity: 'error', ...d }, { where }));
        }),
      ),
    );
  }

  // --- opening a file --------------------------------------------------------------------------
  /** Shows no file. */
  function clear() {
    replace(errors);
    replace(overview);
    principalsSection.hidden = true;
    mapSection.hidden = true;
    forgetButton.hidden = true;
    summary = null;
    map = null;
    byArn = new Map();
    replace(principalList);
    replace(mapTable);
  }

  async function open(file) {
    clear();
    if (file.size > MAX_ACCOUNT_BYTES) {
      showErrors([{ message: t('account.tooLarge', { size: formatSize(file.size), max: formatSize(MAX_ACCOUNT_BYTES) }), help: t('account.tooLargeHelp') }], t('account.notRead'));
      return;
    }
    progress.hidden = false;
    progress.removeAttribute('value');
    status.textContent = t('account.reading', { file: file.name, size: formatSize(file.size) });
    let result;
    try {
      const text = await file.text();
      const reading = t('account.reading', { file: file.name, size: formatSize(file.size) });
      const stages = { data: t('account.loadingData'), read: reading };
      result = await worker().call('accountOpen', { text, lang: pageLang() }, { onProgress: (p) => (status.textContent = stages[p.stage] || reading) });
    } catch (e) {
      setProgress(null);
      status.textContent = '';
      showErrors([{ message: t('import.engineFailed', { message: e.message }) }], t('account.notRead'));
      return;
    }
    setProgress(null);
    if (!result.ok) {
      status.textContent = '';
      showErrors(result.errors, t('account.notAccountFile', { file: file.name }));
      ctx.announce(t('account.unreadable'));
      return;
    }
    summary = result;
    byArn = new Map(result.principals.map((p) => [p.arn, p]));
    const users = result.principals.filter((p) => p.kind === 'user').length;
    const roles = result.principals.length - users;
    fileInfo = { file: file.name, account: result.account || t('account.unknown'), users, roles, groups: result.groups };
    fileLine = fileLineOf(fileInfo);
    status.textContent = fileLine;
    showOverview(result);
    principalsSection.hidden = false;
    mapSection.hidden = false;
    forgetButton.hidden = false;
    mapControls.hidden = true;
    replace(mapTable);
    replace(mapSummary);
    search.value = '';
    renderPrincipals();
    ctx.announce(status.textContent);
  }

  function showOverview(result) {
    const parts = [];
    if (result.truncated) parts.push(h('p', { class: 'field-msg' }, t('account.truncated')));
    if (result.notes.length) {
      parts.push(
        h(
          'details',
          { class: 'account-notes' },
          h('summary', null, tp('account.notes', result.notes.length)),
          h(
            'ul',
            null,
            result.notes.map((d) => h('li', { class: `diag ${d.severity}` }, diagnosticView(d, { where: d.location ? t('import.place', { line: String(d.location.line), column: String(d.location.column) }) : '' }))),
          ),
        ),
      );
    }
    replace(overview, parts);
  }

  // --- principals ------------------------------------------------------------------------------
  function renderPrincipals() {
    const q = search.value.trim().toLowerCase();
    const all = summary ? summary.principals : [];
    const found = q ? all.filter((p) => p.name.toLowerCase().includes(q) || p.arn.toLowerCase().includes(q) || p.groups.some((g) => g.toLowerCase().includes(q))) : all;
    replace(
      principalList,
      found.slice(0, SHOWN).map((p) =>
        h(
          'li',
          null,
          h(
            'button',
            { type: 'button', class: 'account-principal', dataset: { arn: p.arn }, onclick: () => pick(p.arn, null, t('account.pickLabel', { kind: p.kind, name: p.name })) },
            h('span', { class: 'account-kind' }, p.kind),
            ' ',
            h('strong', null, p.name),
            h('span', { class: 'account-detail' }, policyWords(p)),
            p.leftOut.length ? h('span', { class: 'account-detail field-msg' }, t('account.leftOut', { items: p.leftOut.join('; ') })) : null,
          ),
        ),
      ),
      found.length > SHOWN ? h('li', { class: 'hint' }, t('account.moreFound', { n: String(found.length - SHOWN) })) : null,
      found.length === 0 ? h('li', { class: 'hint' }, t('account.noMatch')) : null,
    );
  }
  search.addEventListener('input', renderPrincipals);

  /** Makes principal `arn`'s scenario (with `request` when given) the page's scenario. */
  async function pick(arn, request, label) {
    let result;
    try {
      result = await worker().call('accountScenario', { principal: arn, request, lang: pageLang() });
    } catch (e) {
      showErrors([{ message: t('account.scenarioFailed', { message: e.message }) }], t('account.nothingOpened'));
      return;
    }
    if (await ctx.loadScenarioText(result.scenario, 'account scenario')) {
      dialog.close();
      ctx.announce(result.notes.length ? t('account.openedNotes', { label, notes: result.notes.join(' ') }) : t('account.opened', { label }));
    }
  }

  // --- the PassRole map ------------------------------------------------------------------------
  async function makeMap() {
    mapButton.disabled = true;
    setProgress({ stage: 'passrole', done: 0, total: 0 });
    const t0 = performance.now();
    try {
      map = await worker().call('accountPassRole', { lang: pageLang() }, { onProgress: setProgress });
    } catch (e) {
      setProgress(null);
      status.textContent = fileLine;
      mapButton.disabled = false;
      showErrors([{ message: t('account.mapFailed', { message: e.message }) }], t('account.noMap'));
      return;
    }
    setProgress(null);
    mapButton.disabled = false;
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    const escalations = map.rows.filter((r) => r.escalation).length;
    status.textContent = fileLine;
    mapInfo = { seconds, principals: String(map.principals), roles: String(map.roles), pairs: String(map.pairs), rows: String(map.rows.length), escalations: String(escalations) };
    showMapSummary();
    mapControls.hidden = map.rows.length === 0;
    renderMap();
    ctx.announce(t('account.mapSaid', mapInfo));
  }

  /** The map's summary line: its counts, and the principals whose policies were left out. */
  function showMapSummary() {
    if (!map || !mapInfo) return;
    replace(
      mapSummary,
      t('account.mapSummary', mapInfo),
      ' ',
      tx('account.mapArnNote', { key: h('code', null, 'iam:AssociatedResourceARN') }),
      map.notes.length ? h('details', { class: 'account-notes' }, h('summary', null, tp('account.mapLeftOut', map.notes.length)), h('ul', null, map.notes.map((n) => h('li', null, rich(n))))) : null,
    );
  }
  mapButton.addEventListener('click', makeMap);

  function rowValue(r, key) {
    if (key === 'escalation') return r.escalation ? 0 : 1;
    return shortName(byArn, r[key]).toLowerCase();
  }

  function renderMap() {
    if (!map) return;
    const q = mapFilter.value.trim().toLowerCase();
    const rows = map.rows.filter(
      (r) => (!escalationsOnly.checked || r.escalation) && (!q || [r.principal, r.role, r.service].some((v) => v.toLowerCase().includes(q)) || shortName(byArn, r.principal).toLowerCase().includes(q) || shortName(byArn, r.role).toLowerCase().includes(q)),
    );
    const dir = sort.descending ? -1 : 1;
    rows.sort((a, b) => {
      for (const key of [sort.key, 'principal', 'role', 'service']) {
        const x = rowValue(a, key);
        const y = rowValue(b, key);
        if (x !== y) return (x < y ? -1 : 1) * (key === sort.key ? dir : 1);
      }
      return 0;
    });
    const head = h(
      'tr',
      null,
      h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('account.openColumn'))),
      COLUMNS.map((key) =>
        h(
          'th',
          { scope: 'col', 'aria-sort': sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none' },
          h(
            'button',
            {
              type: 'button',
              class: 'sort',
              dataset: { sort: key },
              onclick: () => {
                sort.descending = sort.key === key ? !sort.descending : false;
                sort.key = key;
                renderMap();
                mapTable.querySelector(`button[data-sort="${key}"]`)?.focus();
              },
            },
            t(`account.column.${key}`),
            h('span', { 'aria-hidden': 'true' }, sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''),
          ),
        ),
      ),
      h('th', { scope: 'col' }, t('account.column.allowedBy')),
      h('th', { scope: 'col' }, t('account.column.gains')),
    );
    const body = rows.slice(0, SHOWN).map((r) => {
      const who = shortName(byArn, r.principal);
      const role = shortName(byArn, r.role);
      const open = () =>
        pick(r.principal, { action: 'iam:PassRole', resource: r.role, context: [['iam:PassedToService', [r.service]]] }, t('account.passLabel', { who, role, service: r.service }));
      return h(
        'tr',
        { class: r.escalation ? 'escalation' : null, dataset: { principal: r.principal, role: r.role, service: r.service } },
        h('td', null, h('button', { type: 'button', class: 'small account-open', onclick: open, 'aria-label': t('account.openRow', { who, role, service: r.service }) }, t('account.openButton'))),
        h('td', { title: r.principal }, who),
        h('td', { title: r.role }, role),
        h('td', null, r.service),
        h('td', null, r.escalation ? h('span', { class: 'account-escalation' }, '⚠ ', t('account.yes')) : t('account.no')),
        h('td', null, statementWords(r.statement)),
        h('td', { class: 'account-gains' }, r.gains.length ? r.gains.join(', ') : '—'),
      );
    });
    replace(
      mapTable,
      h('caption', { class: 'sr-only' }, t('account.mapCaption')),
      h('thead', null, head),
      h('tbody', null, body),
      rows.length > SHOWN ? h('tfoot', null, h('tr', null, h('td', { colspan: 7, class: 'hint' }, t('account.moreRows', { n: String(rows.length - SHOWN) })))) : null,
      rows.length === 0 ? h('tfoot', null, h('tr', null, h('td', { colspan: 7, class: 'hint' }, map.rows.length ? t('account.noRow') : t('account.nobody')))) : null,
    );
  }
  mapFilter.addEventListener('input', renderMap);
  escalationsOnly.addEventListener('change', renderMap);

  forgetButton.addEventListener('click', async () => {
    clear();
    status.textContent = t('account.forgotten');
    try {
      await worker().call('accountClose');
    } catch {
      // a worker that failed holds nothing
    }
    ctx.announce(status.textContent);
    fileInput.focus();
  });

  fileInput.addEventListener('change', (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) open(file);
  });

  // Another language: the lines and lists that say what the file holds, in it.
  document.addEventListener('langchange', async () => {
    if (!summary) return;
    // The file's notes, said again by the engine in the new language.
    try {
      const again = await worker().call('accountSummary', pageLang());
      if (again.ok && summary) {
        summary = again;
        byArn = new Map(again.principals.map((p) => [p.arn, p]));
      }
    } catch {
      // The notes stay in the language they were read in.
    }
    if (!summary) return;
    const shown = status.textContent === fileLine;
    fileLine = fileLineOf(fileInfo);
    if (shown) status.textContent = fileLine;
    showOverview(summary);
    renderPrincipals();
    showMapSummary();
    renderMap();
  });

  ctx.openButton.addEventListener('click', () => {
    if (!dialog.open) dialog.showModal();
    (summary ? search : fileInput).focus();
  });

  return {
    /** Panels get every answer; the account views do not depend on it. */
    show() {},
  };
}
