// Your account, offline, on the page: a synthetic `aws iam get-account-authorization-details`
// file (built here, never a real account; both document forms) opened in the Account dialog,
// a principal picked and decided, the PassRole map equal to the CLI's `passrole --format json`,
// filtered, sorted and followed to its scenario; a truncated file gets a located error; the
// account's scenario stays out of localStorage and is shared redacted by default.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, openPage, decisionOf, afterEvaluation, expectDecision, assertClean, cli } from './helpers.mjs';

const ACCOUNT = '111122223333';
const arn = (resource) => `arn:aws:iam::${ACCOUNT}:${resource}`;
const doc = (...statements) => ({ Version: '2012-10-17', Statement: statements });
const trust = (principal) => doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' });

/** RFC 3986 percent-encoding, as the API writes documents. */
const urlEncode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The synthetic account: alice (group devs may pass AppRole to EC2; customer managed PassAdmin,
 * default version v2, may pass AdminRole), bob (may pass anything, but his boundary allows S3
 * only), AdminRole (EC2 may assume it; AWS managed AdministratorAccess by ARN), AppRole (EC2
 * and Lambda; reads one bucket), PartnerRole (trusted by another account: not in the map).
 */
function accountFile(form) {
  const d = (v) => (form === 'api' ? urlEncode(JSON.stringify(v)) : v);
  const inline = (list) => list.map(([PolicyName, document]) => ({ PolicyName, PolicyDocument: d(document) }));
  const attached = (list) => list.map((PolicyArn) => ({ PolicyName: PolicyArn.split('/').pop(), PolicyArn }));
  const user = (name, { policies = [], managed = [], groups = [], boundary } = {}) => ({
    Path: '/', UserName: name, UserId: `AIDA${name.toUpperCase()}`, Arn: arn(`user/${name}`), CreateDate: '2024-01-02T03:04:05Z',
    UserPolicyList: inline(policies), GroupList: groups, AttachedManagedPolicies: attached(managed), Tags: [{ Key: 'team', Value: 'web' }],
    ...(boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundary } } : {}),
  });
  const role = (name, trusted, { policies = [], managed = [] } = {}) => ({
    Path: '/', RoleName: name, RoleId: `AROA${name.toUpperCase()}`, Arn: arn(`role/${name}`), CreateDate: '2024-01-02T03:04:05Z',
    AssumeRolePolicyDocument: d(trust(trusted)), InstanceProfileList: [], RolePolicyList: inline(policies), AttachedManagedPolicies: attached(managed), Tags: [],
  });
  const customer = (name, versions, def) => ({
    PolicyName: name, PolicyId: `ANPA${name.toUpperCase()}`, Arn: arn(`policy/${name}`), Path: '/', DefaultVersionId: def, AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: '2024-01-02T03:04:05Z', UpdateDate: '2024-01-02T03:04:05Z',
    PolicyVersionList: versions.map(([VersionId, document]) => ({ Document: d(document), VersionId, IsDefaultVersion: VersionId === def, CreateDate: '2024-01-02T03:04:05Z' })),
  });
  return JSON.stringify(
    {
      UserDetailList: [
        user('alice', { groups: ['devs'], managed: [arn('policy/PassAdmin')] }),
        user('bob', { policies: [['PassAnything', doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })]], boundary: arn('policy/S3Only') }),
      ],
      GroupDetailList: [
        {
          Path: '/', GroupName: 'devs', GroupId: 'AGPADEVS', Arn: arn('group/devs'), CreateDate: '2024-01-02T03:04:05Z', AttachedManagedPolicies: [],
          GroupPolicyList: inline([['PassAppRole', doc({ Sid: 'PassApp', Effect: 'Allow', Action: 'iam:PassRole', Resource: arn('role/AppRole'), Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } })]]),
        },
      ],
      RoleDetailList: [
        role('AdminRole', { Service: 'ec2.amazonaws.com' }, { managed: ['arn:aws:iam::aws:policy/AdministratorAccess'] }),
        role('AppRole', { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }, { policies: [['ReadApp', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-bucket/*' })]] }),
        role('PartnerRole', { AWS: 'arn:aws:iam::444455556666:root' }),
      ],
      Policies: [
        customer('PassAdmin', [['v1', doc({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' })], ['v2', doc({ Sid: 'PassAdmin', Effect: 'Allow', Action: 'iam:PassRole', Resource: arn('role/AdminRole') })]], 'v2'),
        customer('S3Only', [['v1', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })]], 'v1'),
      ],
      IsTruncated: false,
    },
    null,
    2,
  );
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the Account dialog and the file `text` (as `name`); waits for its summary or its errors. */
async function openAccount(page, text, name = 'account.json') {
  await page.locator('#account-button').click();
  await page.locator('#account-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForFunction(() => /account \d+|not an account file/.test(document.querySelector('#account-status')?.textContent + document.querySelector('#account-errors')?.textContent), null, { timeout: 60000 });
}

/** The map's rows as the page shows them: principal, role, service and escalation from the row. */
async function mapRows(page) {
  return page.locator('#account-map tbody tr').evaluateAll((rows) => rows.map((r) => ({ principal: r.dataset.principal, role: r.dataset.role, service: r.dataset.service, escalation: r.classList.contains('escalation') })));
}

for (const form of ['cli', 'api']) {
  test(`account file (${form} form): the PassRole map equals the CLI's, and its rows open their scenarios`, async () => {
    const session = await openPage(browser);
    const { page } = session;
    await decisionOf(page);
    const text = accountFile(form);
    await openAccount(page, text);
    assert.match(await page.locator('#account-status').textContent(), /account 111122223333, 2 users, 3 roles, 1 group\./);

    await page.locator('#account-map-run').click();
    await page.waitForSelector('#account-map tbody tr', { timeout: 60000 });
    const dir = mkdtempSync(path.join(tmpdir(), 'account-'));
    const file = path.join(dir, `account-${form}.json`);
    writeFileSync(file, text);
    const r = cli(['passrole', '--format', 'json', file]);
    assert.equal(r.status, 0, r.stderr);
    const want = JSON.parse(r.stdout).rows;
    const shown = await mapRows(page);
    const key = (x) => `${x.principal} ${x.role} ${x.service} ${x.escalation}`;
    assert.deepEqual(shown.map(key).sort(), want.map(key).sort(), 'the page shows exactly the CLI map');
    // The story: alice may pass AdminRole to EC2 (her customer managed policy's default
    // version v2): an escalation; AppRole to EC2 only (the group's condition); bob's boundary
    // blocks every pass.
    const alice = shown.filter((x) => x.principal === arn('user/alice'));
    assert.deepEqual(alice.map(key).sort(), [`${arn('user/alice')} ${arn('role/AdminRole')} ec2.amazonaws.com true`, `${arn('user/alice')} ${arn('role/AppRole')} ec2.amazonaws.com false`]);
    assert.ok(!shown.some((x) => x.principal === arn('user/bob')), 'the boundary blocks bob');
    const adminRow = page.locator(`#account-map tbody tr[data-principal="${arn('user/alice')}"][data-role="${arn('role/AdminRole')}"]`);
    assert.match(await adminRow.textContent(), /user\/alice.*role\/AdminRole.*ec2\.amazonaws\.com.*⚠ yes.*arn:aws:iam::111122223333:policy\/PassAdmin \(v2\) \(PassAdmin\)/s);

    // Escalations only, then sort by role descending.
    await page.locator('#account-map-escalations').check();
    assert.ok((await mapRows(page)).every((x) => x.escalation));
    assert.equal((await mapRows(page)).length, want.filter((x) => x.escalation).length);
    await page.locator('#account-map-escalations').uncheck();
    await page.locator('#account-map-filter').fill('lambda');
    assert.deepEqual([...new Set((await mapRows(page)).map((x) => x.service))], ['lambda.amazonaws.com']);
    await page.locator('#account-map-filter').fill('');
    await page.locator('button[data-sort="role"]').click();
    await page.locator('button[data-sort="role"]').click();
    const roles = (await mapRows(page)).map((x) => x.role);
    assert.deepEqual(roles, [...roles].sort().reverse(), 'sorted by role, descending');
    assert.equal(await page.locator('button[data-sort="role"]').evaluate((b) => b.parentElement.getAttribute('aria-sort')), 'descending');

    // Follow alice's AppRole row: her scenario, the pass to EC2 allowed by the group's statement.
    await afterEvaluation(page, () => page.locator(`#account-map tbody tr[data-principal="${arn('user/alice')}"][data-role="${arn('role/AppRole')}"] button.account-open`).click());
    await page.waitForSelector('#account-dialog:not([open])', { state: 'attached' });
    await expectDecision(page, 'Allow');
    assert.equal(await page.locator('#requests input.req-action').first().inputValue(), 'iam:PassRole');
    assert.equal(await page.locator('#requests input.req-resource').first().inputValue(), arn('role/AppRole'));
    assert.match(await page.locator('#policies').textContent(), /devs\/inline\/PassAppRole/);
    assert.match(await page.locator('#result').textContent(), /PassApp/);
    await assertClean(session);
    await session.close();
  });
}

test('account file: pick a principal (searchable); its scenario stays out of storage and is shared redacted', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await openAccount(page, accountFile('cli'));
  await page.locator('#account-search').fill('bo');
  const names = await page.locator('#account-principals button.account-principal strong').allTextContents();
  assert.deepEqual(names, ['bob']);
  assert.match(await page.locator('#account-principals').textContent(), /1 policy \(1 inline, 0 managed\) · permissions boundary/);
  await afterEvaluation(page, () => page.locator('#account-principals button.account-principal').first().click());
  await page.waitForSelector('#account-dialog:not([open])', { state: 'attached' });
  assert.match(await page.locator('#notice').textContent(), /comes from your account file/);
  // bob's policies in force, named as in the account: his inline policy and his boundary.
  const policies = await page.locator('#policies').textContent();
  assert.match(policies, /bob\/inline\/PassAnything/);
  assert.match(policies, /S3Only/);
  // Ask about passing AdminRole: his policy allows it, his boundary does not.
  await afterEvaluation(page, async () => {
    await page.locator('#requests input.req-action').first().fill('iam:PassRole');
    await page.locator('#requests input.req-resource').first().fill(arn('role/AdminRole'));
  });
  await expectDecision(page, 'ImplicitDeny');
  // Nothing of the account in localStorage, nothing in the address bar.
  const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => localStorage.getItem(k)).join('\n'));
  assert.ok(stored.length > 0, 'the example opened before is stored');
  assert.ok(!stored.includes('PassAnything') && !stored.includes('user/bob'), 'the account scenario is not stored');
  assert.ok(!decodeURIComponent(page.url()).includes('PassAnything'));
  // Sharing offers the redacted scenario first.
  await page.locator('#share-button').click();
  await page.waitForSelector('#share-panel:not([hidden])');
  assert.equal(await page.locator('#share-redact').isChecked(), true);
  await assertClean(session);
  await session.close();
});

test('account file: a truncated file gets a located error and nothing else is shown', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  const text = accountFile('cli');
  await openAccount(page, text.slice(0, 700), 'cut.json');
  const errors = await page.locator('#account-errors').textContent();
  assert.match(errors, /cut\.json is not an account file the playground can read/);
  assert.match(errors, /line \d+, column \d+/);
  assert.equal(await page.locator('#account-principals').isVisible(), false);
  await assertClean(session);
  await session.close();
});
