// The npm package (dist/npm, built by scripts/build.sh): `npm pack`, the tarball installed into
// a fresh project, and then only the installed files are used: Node imports the engine with no
// init call and decides the PassRole story as the CLI does; the TypeScript types accept real
// answers and scenarios; in Chromium, under the strict host CSP, a plain
// `<script type="module">` page and an esbuild bundle show live element embeds, and the browser
// engine entry works after `await init()`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT, cli, launch, openHost } from '../browser/helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

/**
 * The strict host policy the README documents for the element (its allowances, read from the
 * README itself), with everything else refused.
 */
const HOST_CSP = (() => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const allowances = readme.match(/`(script-src 'self' 'wasm-unsafe-eval';[^`]*)`/);
  assert.ok(allowances, 'the README documents the host CSP');
  return `default-src 'none'; ${allowances[1]}; img-src 'self' data:; base-uri 'none'; form-action 'none'`;
})();

const PACKAGE = path.join(ROOT, 'dist', 'npm');
const STORY = ['passrole-1-ec2-full-access-only.json', 'passrole-2-allow-passrole-on-role.json'].map((f) => path.join(ROOT, 'tests', 'fixtures', 'fix', f));

let work; // the temporary folder: the tarball and the host project
let project; // the host project, with the package installed from the tarball
let installed; // node_modules/iam-playground
let tarball;
let browser;

function run(command, args, cwd, input) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

before(async () => {
  assert.ok(existsSync(path.join(PACKAGE, 'package.json')), 'dist/npm is not built: run ./scripts/build.sh');
  work = mkdtempSync(path.join(tmpdir(), 'iam-playground-npm-'));
  const packed = run('npm', ['pack', '--json', '--pack-destination', work], PACKAGE);
  assert.equal(packed.status, 0, packed.stderr);
  const [info] = JSON.parse(packed.stdout);
  tarball = { ...info, path: path.join(work, info.filename) };
  project = path.join(work, 'host');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'docs-site', private: true, type: 'module' }));
  const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball.path], project);
  assert.equal(install.status, 0, install.stderr);
  installed = path.join(project, 'node_modules', 'iam-playground');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the element, the engine, the wasm, types, schema, README and licences, at the crate version', () => {
  const cargo = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
  assert.equal(tarball.name, 'iam-playground');
  assert.equal(tarball.version, cargo);
  const files = tarball.files.map((f) => f.path).sort();
  for (const f of ['package.json', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'index.js', 'index.d.ts', 'worker.js', 'engine.js', 'engine-node.js', 'engine.d.ts', 'answer.d.ts', 'scenario.d.ts', 'scenario.schema.json', 'wasm/iam_playground.js', 'wasm/iam_playground_bg.wasm', 'i18n/ja.json']) {
    assert.ok(files.includes(f), `${f} is missing from the tarball: ${files.join(', ')}`);
  }
  // Every module the engine's glue imports (wasm-bindgen's snippets) is in the package.
  const glue = readFileSync(path.join(installed, 'wasm', 'iam_playground.js'), 'utf8');
  const imports = [...glue.matchAll(/^import .* from '\.\/(.+)';$/gm)].map((m) => `wasm/${m[1]}`);
  assert.ok(imports.length > 0, 'the glue imports its snippets');
  for (const f of imports) assert.ok(files.includes(f), `${f} (imported by the glue) is missing from the tarball`);
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.equal(manifest.exports['./engine'].node, './engine-node.js');
  assert.equal(manifest.exports['.'].default, './index.js');
  assert.ok(!manifest.private, 'ready to publish');
  console.log(`# package: ${tarball.filename}, ${tarball.files.length} files, ${(tarball.size / 1024).toFixed(1)} KB packed, ${(tarball.unpackedSize / 1024).toFixed(1)} KB unpacked`);
});

test('Node imports the engine with no init call and decides the PassRole story as the CLI does', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import init, { decide, evaluate, share, version } from 'iam-playground/engine';
    const files = ${JSON.stringify(STORY)};
    const out = files.map((f) => {
      const text = readFileSync(f, 'utf8');
      return { answer: evaluate(text), brief: decide(text), briefFromObject: decide(JSON.parse(text)).decision, ja: evaluate(text, 'ja'), fromObject: evaluate(JSON.parse(text)).decision, payload: share.encode(text), back: share.decode(share.link('https://example.org/', text)) === text };
    });
    await init();
    let error = '';
    try { evaluate(42); } catch (e) { error = e.message; }
    console.log(JSON.stringify({ out, version: version(), error }));
  `;
  const r = run('node', ['--input-type=module', '-e', script], project);
  assert.equal(r.status, 0, r.stderr);
  const { out, version, error } = JSON.parse(r.stdout);
  assert.equal(version, JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).version);
  assert.deepEqual(out.map((o) => o.answer.decision), ['ImplicitDeny', 'Allow']);
  assert.deepEqual(out[1].answer.requests[0].matchedStatements.map((m) => m.sid), ['PassEc2Role']);
  assert.deepEqual(out.map((o) => o.fromObject), ['ImplicitDeny', 'Allow']);
  assert.match(error, /expected a scenario/);
  // decide: the same decisions and deciding statements, without the explanations.
  for (const o of out) {
    assert.equal(o.brief.decision, o.answer.decision);
    assert.equal(o.briefFromObject, o.answer.decision);
    assert.deepEqual(o.brief.requests.map((r) => [r.decision, r.decidedBy, r.matchedStatements]), o.answer.requests.map((r) => [r.decision, r.decidedBy, r.matchedStatements]));
    assert.equal(o.brief.requests[0].statements, undefined);
  }
  // In Japanese: the same decisions, the sentences in Japanese.
  assert.deepEqual(out.map((o) => o.ja.decision), ['ImplicitDeny', 'Allow']);
  assert.match(out[0].ja.requests[0].summary, /^暗黙的な拒否: /);
  assert.match(out[1].ja.requests[0].summary, /^許可: /);
  STORY.forEach((file, i) => {
    // The same engine as the CLI: the same answer, the same link.
    const expected = JSON.parse(cli(['eval', '--format', 'json', file]).stdout);
    assert.deepEqual(out[i].answer, expected);
    assert.equal(cli(['share', file, '--base', 'https://example.org/']).stdout.trim(), `https://example.org/#${out[i].payload}`);
    assert.ok(out[i].back);
  });
});

test('the TypeScript types accept real answers and scenarios, and catch a wrong field', () => {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const files = [
    ...STORY,
    ...['requests', 'conditions/string', 'variables', 'scp', 'cross-account', 'invalid', 'warnings', 'boundary', 'principal'].flatMap((dir) => {
      const d = path.join(ROOT, 'tests', 'corpus', dir);
      return readdirSync(d).filter((f) => f.endsWith('.json')).slice(0, 3).map((f) => path.join(d, f));
    }),
  ].filter((f) => {
    try {
      readFileSync(f, 'utf8');
      JSON.parse(readFileSync(f, 'utf8'));
      return true;
    } catch {
      return false; // files that are not UTF-8 JSON test the reader, not the types
    }
  });
  const lines = ["import type { Answer, Brief, Scenario } from 'iam-playground/engine';", "import type { IamPlaygroundElement } from 'iam-playground';"];
  // The brief answers, from the installed engine (the CLI has no brief format).
  const briefs = run('node', ['--input-type=module', '-e', `
    import { readFileSync } from 'node:fs';
    import { decide } from 'iam-playground/engine';
    console.log(JSON.stringify(${JSON.stringify(files)}.map((f) => decide(readFileSync(f, 'utf8')))));`], project);
  assert.equal(briefs.status, 0, briefs.stderr);
  const brief = JSON.parse(briefs.stdout);
  files.forEach((f, i) => {
    const text = readFileSync(f, 'utf8');
    const answer = JSON.parse(cli(['eval', '--format', 'json', f]).stdout);
    lines.push(`export const answer${i}: Answer = ${JSON.stringify(answer)};`);
    lines.push(`export const brief${i}: Brief = ${JSON.stringify(brief[i])};`);
    if (!f.includes(`${path.sep}invalid${path.sep}`)) lines.push(`export const scenario${i}: Scenario = ${text};`);
  });
  lines.push("export const element = document.createElement('iam-playground') satisfies IamPlaygroundElement;");
  lines.push("element.addEventListener('decision', (e) => { const d: string | undefined = e.detail.decision; return d; });");
  const check = (name, source) => {
    const dir = path.join(project, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'check.ts'), source);
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, exactOptionalPropertyTypes: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], skipLibCheck: false }, files: ['check.ts'] }));
    return run('node', [tsc, '-p', dir], project);
  };
  const good = check('types-good', lines.join('\n'));
  assert.equal(good.status, 0, good.stdout + good.stderr);
  // The checker is not asleep: an unknown field and a wrong decision are refused.
  const bad = check('types-bad', `import type { Answer, Scenario } from 'iam-playground/engine';
export const a: Answer = { engineVersion: '0', status: 'evaluated', decision: 'Deny', requests: [], diagnostics: [], policies: [] };
export const s: Scenario = { policies: { identiy: [] }, request: { principal: 'p', action: 'a', resource: '*' } };`);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /"Deny"/);
  assert.match(bad.stdout, /identiy/);
});

/** Serves `root` with the strict host CSP on every response and opens `pagePath`. */
async function openHostPage(root, pagePath) {
  const started = await serve(root, { headers: { 'Content-Security-Policy': HOST_CSP } });
  started.server.unref();
  return openHost(browser, started, pagePath, { viewport: { width: 1100, height: 900 } });
}

/** CSP reports; `afterTyping` leaves out the one Chromium's own editing code makes. */
async function cspReports(page, afterTyping = false) {
  // Chromium's editing code (select-all, then type, in a contenteditable) may try a `style`
  // attribute, which `style-src 'self'` blocks with no source file; nothing of ours.
  const all = await page.evaluate(() => window.__cspViolations);
  return afterTyping ? all.filter((v) => !/^style-src-attr inline :0:0/.test(v)) : all;
}

const story = (i) => readFileSync(STORY[i], 'utf8').replaceAll('</', '<\\/');

test('a plain <script type="module"> page that uses only the installed files shows live embeds under the strict CSP', async () => {
  writeFileSync(
    path.join(project, 'plain.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>docs</title><link rel="icon" href="data:,">
<script type="module" src="node_modules/iam-playground/index.js"></script></head><body>
<iam-playground id="a" panes="policies decision"><script type="application/json">${story(0)}</script></iam-playground>
<iam-playground id="b" readonly><script type="application/json">${story(1)}</script></iam-playground>
<iam-playground id="c" readonly lang="ja"><script type="application/json">${story(1)}</script></iam-playground>
</body></html>`,
  );
  const host = await openHostPage(project, 'plain.html');
  try {
    const { page } = host;
    await page.waitForSelector('#a[data-decision]', { timeout: 30000 });
    await page.waitForSelector('#b[data-decision]', { timeout: 30000 });
    assert.equal(await page.getAttribute('#a', 'data-decision'), 'ImplicitDeny');
    assert.equal(await page.getAttribute('#b', 'data-decision'), 'Allow');
    // The verdict is on screen, in words, inside the element.
    const words = await page.$eval('#b', (el) => el.shadowRoot.querySelector('.decision .word').textContent);
    assert.match(words, /Allow/);
    // In Japanese: the engine's sentences, which the worker fetches (i18n/ja.json) before that answer.
    await page.waitForSelector('#c[data-decision]', { timeout: 30000 });
    const ja = await page.$eval('#c', (el) => el.shadowRoot.querySelector('.decision').textContent);
    assert.match(ja, /許可: /, ja);
    // Without a `playground` attribute there is no link to a page the package does not have.
    assert.equal(await page.$eval('#a', (el) => el.shadowRoot.querySelector('.foot a').hidden), true);
    assert.deepEqual(await cspReports(page), [], 'no CSP violation while loading');
    // Editing re-decides: give the user iam:PassRole on the role.
    const before = Number(await page.getAttribute('#a', 'data-evaluations'));
    await page.locator('#a .cm-content').first().click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/EC2-roles-for-XYZ' }] }));
    await page.waitForFunction((n) => Number(document.querySelector('#a').dataset.evaluations) > n && document.querySelector('#a').dataset.decision === 'Allow', before, { timeout: 15000 });
    assert.deepEqual(await cspReports(page, true), []);
    assert.deepEqual(host.errors.filter((e) => !e.includes('Applying inline style')), []);
    assert.ok(host.requests.every((u) => u.startsWith(host.origin) || u.startsWith('data:')), host.requests.join('\n'));
    assert.equal(host.requests.filter((u) => u.endsWith('.wasm')).length, 1, 'three embeds, one .wasm fetch');
    assert.equal(host.requests.filter((u) => u.endsWith('/node_modules/iam-playground/i18n/ja.json')).length, 1, 'the Japanese sentences, fetched once');
    assert.ok(host.requests.some((u) => u.endsWith('/node_modules/iam-playground/worker.js')));
  } finally {
    await host.close();
  }
});

test('from a CDN (another origin, with CORS) a module page shows a live embed: the worker starts from a blob of the page', async () => {
  const cdn = await serve(installed);
  cdn.server.unref();
  const origin = new URL(cdn.url).origin;
  // The policy www/npm/README.md documents for a CDN (a module worker's imports are checked
  // against worker-src, hence the CDN there too).
  const csp = `script-src ${origin} 'wasm-unsafe-eval'; worker-src blob: ${origin}; connect-src ${origin}; style-src 'self'; img-src 'self'; base-uri 'none'`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>docs</title>
<script type="module" src="${origin}/index.js"></script></head><body>
<iam-playground id="a" readonly><script type="application/json">${story(1)}</script></iam-playground>
</body></html>`;
  writeFileSync(path.join(project, 'favicon.ico'), '');
  const started = await serve(project, { cors: false, headers: { 'Content-Security-Policy': csp }, pages: { '/cdn.html': html } });
  started.server.unref();
  assert.notEqual(new URL(started.url).origin, origin);
  const host = await openHost(browser, started, 'cdn.html');
  try {
    const { page } = host;
    await page.waitForSelector('#a[data-decision]', { timeout: 10000 });
    assert.equal(await page.getAttribute('#a', 'data-decision'), 'Allow');
    assert.ok(host.requests.includes(`${origin}/worker.js`), host.requests.join('\n'));
    assert.ok(host.requests.includes(`${origin}/wasm/iam_playground_bg.wasm`));
    assert.ok(!host.requests.some((u) => u.endsWith('/i18n/ja.json')), 'an English page never fetches the Japanese sentences');
    assert.deepEqual(await cspReports(page), []);
    assert.deepEqual(host.errors, []);
  } finally {
    await host.close();
    cdn.server.closeAllConnections();
    cdn.server.close();
  }
});

test('an esbuild bundle of `import "iam-playground"` works under the strict CSP (worker and wasm copied beside it)', async () => {
  const site = path.join(project, 'site');
  mkdirSync(site, { recursive: true });
  writeFileSync(path.join(project, 'app.js'), "import 'iam-playground';\n");
  await esbuild.build({ entryPoints: [path.join(project, 'app.js')], bundle: true, format: 'esm', outfile: path.join(site, 'app.js'), absWorkingDir: project, logLevel: 'error' });
  // As the package README says for esbuild: the worker and wasm/ go next to the bundle.
  cpSync(path.join(installed, 'worker.js'), path.join(site, 'worker.js'));
  cpSync(path.join(installed, 'wasm'), path.join(site, 'wasm'), { recursive: true });
  writeFileSync(
    path.join(site, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bundled</title><link rel="icon" href="data:,"><script type="module" src="app.js"></script></head><body>
<iam-playground id="c" compact><script type="application/json">${story(1)}</script></iam-playground></body></html>`,
  );
  const host = await openHostPage(site, 'index.html');
  try {
    await host.page.waitForSelector('#c[data-decision]', { timeout: 30000 });
    assert.equal(await host.page.getAttribute('#c', 'data-decision'), 'Allow');
    assert.deepEqual(await cspReports(host.page), []);
    assert.deepEqual(host.errors, []);
  } finally {
    await host.close();
  }
});

test('in a browser the engine entry works after `await init()` and says so before it', async () => {
  writeFileSync(
    path.join(project, 'engine.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>engine</title><link rel="icon" href="data:,"><script type="module" src="engine-page.js"></script></head><body><output id="out"></output></body></html>`,
  );
  writeFileSync(
    path.join(project, 'engine-page.js'),
    `import init, { evaluate, share, version } from './node_modules/iam-playground/engine.js';
const story = ${JSON.stringify(readFileSync(STORY[1], 'utf8'))};
let early = '';
try { evaluate(story); } catch (e) { early = e.message; }
await init();
const answer = evaluate(JSON.parse(story));
document.getElementById('out').textContent = JSON.stringify({ early, decision: answer.decision, ja: evaluate(story, 'ja').requests[0].summary, version: version(), same: share.decode(share.encode(story)) === story });`,
  );
  const host = await openHostPage(project, 'engine.html');
  try {
    await host.page.waitForFunction(() => document.getElementById('out').textContent, null, { timeout: 30000 });
    const out = JSON.parse(await host.page.textContent('#out'));
    assert.match(out.early, /await init\(\)/);
    assert.equal(out.decision, 'Allow');
    // init() also fetched the engine's Japanese sentences (i18n/ja.json, not in the .wasm).
    assert.match(out.ja, /^許可: /, out.ja);
    assert.ok(out.same);
    assert.deepEqual(await cspReports(host.page), []);
    assert.deepEqual(host.errors, []);
  } finally {
    await host.close();
  }
});
