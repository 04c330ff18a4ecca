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

/** Larger files are refused before reading (the wasm module holds the text and its model). */
const MAX_ACCOUNT_BYTES = 200 * 1024 * 1024;
/** Rows shown at once in either list; the filter narrows the rest. */
const SHOWN = 300;

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The words for a principal's policies: "3 policies (1 inline, 2 managed), boundary, groups devs". */
function policyWords(p) {
  const parts = [`${plural(p.identityPolicies, 'policy', 'policies')} (${p.inlinePolicies} inline, ${p.managedPolicies} managed)`];
  if (p.boundary) parts.push('permissions boundary');
  if (p.groups.length) parts.push(`group${p.groups.length === 1 ? '' : 's'} ${p.groups.join(', ')}`);
  if (p.trustedServices.length) parts.push(`trusted by ${p.trustedServices.join(', ')}`);
  if (p.serviceLinked) parts.push('service-linked');
  return parts.join(' · ');
}

/** `user/alice` for an ARN of the account, else the ARN. */
function shortName(byArn, arn) {
  const p = byArn.get(arn);
  return p ? `${p.kind}/${p.name}` : arn;
}

/** The statement that allows a row: "alice/inline/Pass (PassApp)" or "… (statement 2)". */
function statementWords(s) {
  return s.sid ? `${s.policy} (${s.sid})` : `${s.policy} (statement ${s.index + 1})`;
}

const COLUMNS = [
  ['principal', 'Principal'],
  ['role', 'Role'],
  ['service', 'Service'],
  ['escalation', 'Escalation'],
];

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
  const forgetButton = h('button', { type: 'button', id: 'account-forget', hidden: true, title: 'Drop the file from the page\'s memory' }, 'Forget this file');

  const search = h('input', { id: 'account-search', type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: 'name, ARN or group', 'aria-controls': 'account-principals' });
  const principalList = h('ul', { id: 'account-principals', class: 'account-list' });
  const principalsSection = h(
    'section',
    { class: 'account-section', 'aria-labelledby': 'account-principals-heading', hidden: true },
    h('h3', { id: 'account-principals-heading' }, 'Principals'),
    h('p', { class: 'hint' }, 'Pick a user or role: its policies in force (its own, its groups\', its permissions boundary) become the scenario, named as in the account. Fill in the request to ask about any action.'),
    h('label', { for: 'account-search' }, 'Find a principal'),
    search,
    principalList,
  );

  const mapButton = h('button', { type: 'button', id: 'account-map-run', class: 'primary' }, 'Show the PassRole map');
  const mapFilter = h('input', { id: 'account-map-filter', type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: 'principal, role or service' });
  const escalationsOnly = h('input', { id: 'account-map-escalations', type: 'checkbox' });
  const mapSummary = h('p', { id: 'account-map-summary', class: 'hint' });
  const mapTable = h('table', { id: 'account-map', class: 'account-map' });
  const mapControls = h(
    'div',
    { class: 'account-map-controls', hidden: true },
    h('label', { for: 'account-map-filter' }, 'Filter'),
    mapFilter,
    h('label', { class: 'inline' }, escalationsOnly, ' Escalations only'),
  );
  const mapSection = h(
    'section',
    { class: 'account-section', 'aria-labelledby': 'account-map-heading', hidden: true },
    h('h3', { id: 'account-map-heading' }, 'PassRole map'),
    h(
      'p',
      { class: 'hint' },
      'For every principal and every role a service may assume: may the principal pass that role to that service? Each row is an Allow of ',
      h('code', null, 'iam:PassRole'),
      ' with ',
      h('code', null, 'iam:PassedToService'),
      ' set, through boundaries and all. "Gains" is what the role may do that the principal may not; an escalation is a role with administrative or IAM-write rights the principal lacks.',
    ),
    mapButton,
    mapSummary,
    mapControls,
    h('div', { class: 'account-map-wrap' }, mapTable),
  );

  const dialog = h(
    'dialog',
    { id: 'account-dialog', class: 'account-dialog', 'aria-labelledby': titleId },
    h('form', { method: 'dialog', class: 'dialog-head' }, h('h2', { id: titleId }, 'Your account, offline'), h('button', { class: 'icon', value: 'close', 'aria-label': 'Close' }, '✕')),
    h(
      'p',
      { class: 'hint' },
      'Open the output of ',
      h('code', null, 'aws iam get-account-authorization-details > account.json'),
      ' (the documents as JSON, as the AWS CLI prints them, or URL-encoded, as the API returns them). The file is read in this tab only: it is never uploaded and never stored.',
    ),
    h('div', { class: 'dialog-actions' }, h('label', { class: 'file-button' }, 'Open account file… ', fileInput), forgetButton),
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
    const stage = p.stage === 'gains' ? 'what each role gives' : 'who may pass which role';
    if (p.total > 0) {
      progress.max = p.total;
      progress.value = p.done;
    } else {
      progress.removeAttribute('value');
    }
    status.textContent = `Making the PassRole map: ${stage}, ${p.done} of ${p.total}…`;
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
          const where = [loc ? `line ${loc.line}, column ${loc.column}` : '', d.path ? `at ${d.path}` : ''].filter(Boolean).join(' ');
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
      showErrors([{ message: `this file is ${formatSize(file.size)}: too large for the playground (at most ${formatSize(MAX_ACCOUNT_BYTES)})`, help: 'use `iam-playground account FILE` on the command line' }], 'The file was not read:');
      return;
    }
    progress.hidden = false;
    progress.removeAttribute('value');
    status.textContent = `Reading ${file.name} (${formatSize(file.size)})…`;
    let result;
    try {
      const text = await file.text();
      const reading = `Reading ${file.name} (${formatSize(file.size)})…`;
      const stages = { data: 'Loading the AWS managed policies the file may name by ARN…', read: reading };
      result = await worker().call('accountOpen', text, { onProgress: (p) => (status.textContent = stages[p.stage] || reading) });
    } catch (e) {
      setProgress(null);
      status.textContent = '';
      showErrors([{ message: `the engine failed: ${e.message}` }], 'The file was not read:');
      return;
    }
    setProgress(null);
    if (!result.ok) {
      status.textContent = '';
      showErrors(result.errors, `${file.name} is not an account file the playground can read:`);
      ctx.announce('The account file could not be read.');
      return;
    }
    summary = result;
    byArn = new Map(result.principals.map((p) => [p.arn, p]));
    const users = result.principals.filter((p) => p.kind === 'user').length;
    const roles = result.principals.length - users;
    fileLine = `${file.name}: account ${result.account || 'unknown'}, ${plural(users, 'user')}, ${plural(roles, 'role')}, ${plural(result.groups, 'group')}.`;
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
    if (result.truncated) parts.push(h('p', { class: 'field-msg' }, 'This file is one page of a longer listing ("IsTruncated": true): principals and policies on other pages are missing. Ask for all pages (the AWS CLI does, unless --max-items is given).'));
    if (result.notes.length) {
      parts.push(
        h(
          'details',
          { class: 'account-notes' },
          h('summary', null, `${plural(result.notes.length, 'note')} about the file`),
          h(
            'ul',
            null,
            result.notes.map((d) => h('li', { class: `diag ${d.severity}` }, diagnosticView(d, { where: d.location ? `line ${d.location.line}, column ${d.location.column}` : '' }))),
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
            { type: 'button', class: 'account-principal', dataset: { arn: p.arn }, onclick: () => pick(p.arn, null, `${p.kind} ${p.name}`) },
            h('span', { class: 'account-kind' }, p.kind),
            ' ',
            h('strong', null, p.name),
            h('span', { class: 'account-detail' }, policyWords(p)),
            p.leftOut.length ? h('span', { class: 'account-detail field-msg' }, `Left out: ${p.leftOut.join('; ')}`) : null,
          ),
        ),
      ),
      found.length > SHOWN ? h('li', { class: 'hint' }, `${found.length - SHOWN} more: narrow the search.`) : null,
      found.length === 0 ? h('li', { class: 'hint' }, 'No user or role matches.') : null,
    );
  }
  search.addEventListener('input', renderPrincipals);

  /** Makes principal `arn`'s scenario (with `request` when given) the page's scenario. */
  async function pick(arn, request, label) {
    let result;
    try {
      result = await worker().call('accountScenario', { principal: arn, request });
    } catch (e) {
      showErrors([{ message: `the scenario could not be made: ${e.message}` }], 'Nothing was opened:');
      return;
    }
    if (await ctx.loadScenarioText(result.scenario, 'account scenario')) {
      dialog.close();
      const notes = result.notes.length ? ` Note: ${result.notes.join(' ')}` : '';
      ctx.announce(`The scenario is now ${label}'s policies in force.${notes}`);
    }
  }

  // --- the PassRole map ------------------------------------------------------------------------
  async function makeMap() {
    mapButton.disabled = true;
    setProgress({ stage: 'passrole', done: 0, total: 0 });
    const t0 = performance.now();
    try {
      map = await worker().call('accountPassRole', null, { onProgress: setProgress });
    } catch (e) {
      setProgress(null);
      status.textContent = fileLine;
      mapButton.disabled = false;
      showErrors([{ message: `the PassRole map could not be made: ${e.message}` }], 'No map:');
      return;
    }
    setProgress(null);
    mapButton.disabled = false;
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    const escalations = map.rows.filter((r) => r.escalation).length;
    status.textContent = fileLine;
    replace(
      mapSummary,
      `Made in ${seconds} s: ${plural(map.principals, 'principal')} and ${plural(map.roles, 'role')} a service may assume (${plural(map.pairs, 'role-service pair')}): ${plural(map.rows.length, 'allowed pass', 'allowed passes')}, ${plural(escalations, 'escalation')}. `,
      h('code', null, 'iam:AssociatedResourceARN'),
      ' is not set, so statements that require it do not count.',
      map.notes.length ? h('details', { class: 'account-notes' }, h('summary', null, `${plural(map.notes.length, 'principal')} with policies left out`), h('ul', null, map.notes.map((n) => h('li', null, rich(n))))) : null,
    );
    mapControls.hidden = map.rows.length === 0;
    renderMap();
    ctx.announce(`PassRole map: ${map.rows.length} allowed, ${escalations} escalations.`);
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
      h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Open')),
      COLUMNS.map(([key, label]) =>
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
            label,
            h('span', { 'aria-hidden': 'true' }, sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''),
          ),
        ),
      ),
      h('th', { scope: 'col' }, 'Allowed by'),
      h('th', { scope: 'col' }, 'Gains'),
    );
    const body = rows.slice(0, SHOWN).map((r) => {
      const who = shortName(byArn, r.principal);
      const role = shortName(byArn, r.role);
      const open = () =>
        pick(r.principal, { action: 'iam:PassRole', resource: r.role, context: [['iam:PassedToService', [r.service]]] }, `${who} passing ${role} to ${r.service}`);
      return h(
        'tr',
        { class: r.escalation ? 'escalation' : null, dataset: { principal: r.principal, role: r.role, service: r.service } },
        h('td', null, h('button', { type: 'button', class: 'small account-open', onclick: open, 'aria-label': `Open the scenario: ${who} passes ${role} to ${r.service}` }, 'Open')),
        h('td', { title: r.principal }, who),
        h('td', { title: r.role }, role),
        h('td', null, r.service),
        h('td', null, r.escalation ? h('span', { class: 'account-escalation' }, '⚠ yes') : 'no'),
        h('td', null, statementWords(r.statement)),
        h('td', { class: 'account-gains' }, r.gains.length ? r.gains.join(', ') : '—'),
      );
    });
    replace(
      mapTable,
      h('caption', { class: 'sr-only' }, 'PassRole map: who may pass which role to which service'),
      h('thead', null, head),
      h('tbody', null, body),
      rows.length > SHOWN ? h('tfoot', null, h('tr', null, h('td', { colspan: 7, class: 'hint' }, `${rows.length - SHOWN} more rows: filter to narrow.`))) : null,
      rows.length === 0 ? h('tfoot', null, h('tr', null, h('td', { colspan: 7, class: 'hint' }, map.rows.length ? 'No row matches the filter.' : 'Nobody in this account may pass a role to a service.'))) : null,
    );
  }
  mapFilter.addEventListener('input', renderMap);
  escalationsOnly.addEventListener('change', renderMap);

  forgetButton.addEventListener('click', async () => {
    clear();
    status.textContent = 'The file is forgotten: the page no longer holds it.';
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

  ctx.openButton.addEventListener('click', () => {
    if (!dialog.open) dialog.showModal();
    (summary ? search : fileInput).focus();
  });

  return {
    /** Panels get every answer; the account views do not depend on it. */
    show() {},
  };
}
