// Assembles the npm package in dist/npm/ (run by scripts/build.sh, after the wasm and the page
// are built; `npm pack dist/npm` makes the tarball; nothing is published):
//   index.js      the <iam-playground> element, an ES module (the main entry)
//   worker.js     the element's engine worker (a module worker)
//   engine.js     `iam-playground/engine` for browsers and bundlers (`await init()` first)
//   engine-node.js  the same for Node 18+ (export condition `node`): ready on import
//   wasm/         the wasm-bindgen module and the .wasm
//   i18n/ja.json  the engine's Japanese sentences (not compiled into the .wasm)
//   *.d.ts        TypeScript types: the element, the engine, the answer, the scenario
//   scenario.schema.json, README.md, LICENSE-MIT, LICENSE-APACHE
// The version is the crate's (Cargo.toml).

import * as esbuild from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { tokens } from './tokens-plugin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'www', 'npm');
const out = path.join(root, 'dist', 'npm');
const pkg = path.join(root, 'www', 'pkg');

for (const file of ['iam_playground.js', 'iam_playground_bg.wasm']) {
  if (!existsSync(path.join(pkg, file))) {
    console.error(`missing www/pkg/${file}: run scripts/build.sh (it builds the engine first)`);
    process.exit(1);
  }
}

/** The crate's version: the package has the same. */
function crateVersion() {
  const manifest = readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const section = manifest.split(/^\[/m).find((s) => s.startsWith('package]'));
  const match = section && section.match(/^version\s*=\s*"([^"]+)"/m);
  if (!match) throw new Error('no version in the [package] section of Cargo.toml');
  return match[1];
}

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'wasm'), { recursive: true });

for (const file of ['iam_playground.js', 'iam_playground_bg.wasm']) copyFileSync(path.join(pkg, file), path.join(out, 'wasm', file));
// The JavaScript the glue imports (wasm-bindgen's snippets: src/wasm/tape.js, which builds the
// answers' objects), at the same place beside it.
cpSync(path.join(pkg, 'snippets'), path.join(out, 'wasm', 'snippets'), { recursive: true });
for (const file of ['engine.js', 'engine-node.js', 'engine-api.js', 'index.d.ts', 'engine.d.ts', 'answer.d.ts', 'scenario.d.ts', 'markdown-it.js', 'markdown-it.d.ts', 'README.md']) {
  copyFileSync(path.join(src, file), path.join(out, file));
}
copyFileSync(path.join(root, 'docs', 'scenario.schema.json'), path.join(out, 'scenario.schema.json'));
// The engine's Japanese sentences: not compiled into the module, fetched by the element's worker
// before its first Japanese answer (and by the engine's init).
mkdirSync(path.join(out, 'i18n'), { recursive: true });
copyFileSync(path.join(root, 'src', 'i18n', 'ja.json'), path.join(out, 'i18n', 'ja.json'));
for (const file of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(path.join(root, file), path.join(out, file));

// The element, from the same source as the site's classic script, as an ES module whose worker
// is found with `new URL('./worker.js', import.meta.url)` (www/npm/host.js instead of
// www/embed/host.js).
const npmHost = {
  name: 'npm-host',
  setup(build) {
    build.onResolve({ filter: /^\.\/host\.js$/ }, (args) => (args.importer.startsWith(path.join(root, 'www', 'embed')) ? { path: path.join(src, 'host.js') } : undefined));
  },
};
await esbuild.build({
  entryPoints: [path.join(root, 'www', 'embed', 'iam-playground.js')],
  outfile: path.join(out, 'index.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
  loader: { '.css': 'text' },
  plugins: [npmHost, tokens],
});

// The element's worker, one file (users copy it beside their bundle): its loader of the
// Japanese sentences (www/src/japanese-catalog.js, shared with the site's worker) bundled in,
// the engine's glue left as the package's own file.
await esbuild.build({
  entryPoints: [path.join(src, 'worker.js')],
  outfile: path.join(out, 'worker.js'),
  bundle: true,
  format: 'esm',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
  external: ['./wasm/*'],
});

const version = crateVersion();
const manifest = {
  name: 'iam-playground',
  version,
  description: 'AWS IAM policy evaluation, explained, in the browser: the <iam-playground> element for live, editable examples in documentation, and the WebAssembly engine (evaluate, decide, share links) for browsers and Node',
  keywords: ['aws', 'iam', 'policy', 'passrole', 'webassembly', 'web-component', 'documentation'],
  license: 'MIT OR Apache-2.0',
  type: 'module',
  main: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', default: './index.js' },
    './engine': { types: './engine.d.ts', node: './engine-node.js', default: './engine.js' },
    './markdown-it': { types: './markdown-it.d.ts', default: './markdown-it.js' },
    './worker.js': './worker.js',
    './wasm/iam_playground_bg.wasm': './wasm/iam_playground_bg.wasm',
    './i18n/ja.json': './i18n/ja.json',
    './scenario.schema.json': './scenario.schema.json',
    './package.json': './package.json',
  },
  sideEffects: ['./index.js', './engine-node.js', './worker.js'],
  engines: { node: '>=18' },
};
writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let total = 0;
let totalGz = 0;
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)]));
for (const file of walk(out)) {
  const bytes = readFileSync(file);
  total += bytes.length;
  totalGz += gzipSync(bytes, { level: 9 }).length;
}
console.log(`==> dist/npm: iam-playground@${version}, ${walk(out).length} files, ${kb(total)} (gzip ${kb(totalGz)}); pack it with \`npm pack dist/npm\``);
