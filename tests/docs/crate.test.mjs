// The crate as crates.io would get it (`cargo package --list`): every file the sources compile
// in (`include_str!`, `include_bytes!`) or import into the WebAssembly glue
// (`#[wasm_bindgen(module = "/...")]`) is in the package, nothing outside the crate's own
// sources, data, README and licences is, and the manifest has what crates.io shows. (A full
// `cargo package`, which builds the packaged crate, is the release step; this check is quick.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../browser/helpers.mjs';

const listed = (() => {
  const r = spawnSync('cargo', ['package', '--list', '--allow-dirty', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return new Set(r.stdout.split('\n').filter(Boolean));
})();

function* rustFiles(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* rustFiles(p);
    else if (name.endsWith('.rs')) yield p;
  }
}

test('every file the sources compile in is in the package', () => {
  const missing = [];
  let count = 0;
  for (const file of rustFiles(path.join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/include_(?:str|bytes)!\(\s*"([^"]+)"\s*\)/g)) {
      count += 1;
      const target = path.relative(ROOT, path.resolve(path.dirname(file), m[1]));
      if (!listed.has(target)) missing.push(`${path.relative(ROOT, file)}: ${m[1]} (${target})`);
    }
    // A snippet's path is from the crate's root.
    for (const m of text.matchAll(/wasm_bindgen\(module\s*=\s*"\/([^"]+)"/g)) {
      count += 1;
      if (!listed.has(m[1])) missing.push(`${path.relative(ROOT, file)}: /${m[1]}`);
    }
  }
  assert.ok(count >= 10, `only ${count} included files found`);
  assert.deepEqual(missing, []);
});

test('the package holds the crate and nothing else', () => {
  const allowed = /^(src\/.*\.(rs|json)|src\/wasm\/[^/]+\.js|data\/(catalog\.json|managed-policies\.json|NOTICE)|bundles\/[^/]+\.json|lessons\/[^/]+\.json|README\.md|LICENSE-MIT|LICENSE-APACHE|Cargo\.toml|Cargo\.toml\.orig|Cargo\.lock|\.cargo_vcs_info\.json)$/;
  const extra = [...listed].filter((f) => !allowed.test(f));
  assert.deepEqual(extra, []);
  for (const f of ['src/lib.rs', 'src/cli/main.rs', 'data/NOTICE', 'LICENSE-MIT', 'LICENSE-APACHE', 'README.md']) assert.ok(listed.has(f), f);
});

test('the manifest has what crates.io shows', () => {
  const manifest = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
  const pkg = manifest.split(/^\[/m).find((s) => s.startsWith('package]'));
  for (const key of ['description', 'license', 'readme', 'documentation', 'keywords', 'categories', 'rust-version']) {
    assert.match(pkg, new RegExp(`^${key}\\s*=`, 'm'), `[package] has no ${key}`);
  }
  const keywords = JSON.parse(pkg.match(/^keywords\s*=\s*(\[.*\])/m)[1]);
  assert.ok(keywords.length <= 5 && keywords.every((k) => /^[a-z][a-z0-9_-]{0,19}$/.test(k)), 'crates.io takes at most five keywords of 20 characters');
});
