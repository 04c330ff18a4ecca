// Bundles the page with esbuild into www/dist and prints the sizes (raw and gzipped).
// Needs www/pkg (wasm-bindgen output): run scripts/build.sh, which makes it first.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { tokens } from './tokens-plugin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const www = path.join(root, 'www');
const dist = path.join(www, 'dist');
// The deciding module (the first decision needs it) and the tools module (loaded by the worker
// after the first decision, or when a tool is first used).
const wasm = path.join(www, 'pkg', 'iam_playground_bg.wasm');
const toolsWasm = path.join(www, 'pkg-tools', 'iam_playground_tools_bg.wasm');

for (const file of [wasm, toolsWasm]) {
  if (!existsSync(file)) {
    console.error(`missing ${path.relative(root, file)}: run scripts/build.sh (it builds the engine first)`);
    process.exit(1);
  }
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = { bundle: true, minify: true, target: 'es2020', logLevel: 'warning', legalComments: 'none', plugins: [tokens] };
// The page: app.js and the chunks it imports hold what the first decision needs; what comes
// after it (the editors: CodeMirror) is in chunks loaded with import() (esbuild splitting).
// Example scenarios are imported as text so they open exactly as written.
const pageBuild = {
  ...common,
  entryPoints: { app: path.join(www, 'src', 'main.js') },
  format: 'esm',
  splitting: true,
  outdir: dist,
  chunkNames: 'chunks/[name]-[hash]',
  // main.js awaits the page's language catalog (i18n/index.js) before its first words;
  // every browser with module workers and dynamic import has top-level await too.
  supported: { 'top-level-await': true },
  metafile: true,
  loader: { '.json': 'text' },
  // CodeMirror parses a long document in the background, in slices: up to 100 ms each where
  // the browser has navigator.scheduling.isInputPending (it trusts that to stop for input),
  // else within the idle period the browser gives, less 5 ms (at least 25 ms). The page takes
  // the latter, with idle periods cut to 30 ms (www/src/idle.js, in place of the global
  // requestIdleCallback): slices of about 25 ms, well within 50 ms on a busy machine.
  define: { 'navigator.scheduling': 'undefined' },
  inject: [path.join(www, 'src', 'idle.js')],
};
// esbuild puts a module that app.js shares with lazy chunks in a chunk per set of chunks that
// share it: eight small files that the page fetched before it could start (over HTTP/1.1, six
// at a time). A first pass finds the modules of those chunks; in the build, every lazy chunk
// imports them all too (a virtual module, `first-shared`), so that they make one chunk.
const probe = await esbuild.build({ ...pageBuild, write: false });
const probeApp = Object.keys(probe.metafile.outputs).find((f) => probe.metafile.outputs[f].entryPoint === path.relative(root, path.join(www, 'src', 'main.js')).split(path.sep).join('/'));
const sharedModules = probe.metafile.outputs[probeApp].imports
  .filter((i) => i.kind === 'import-statement')
  .flatMap((i) => Object.keys(probe.metafile.outputs[i.path].inputs))
  .map((f) => path.resolve(root, f));
const lazyEntries = new Set(
  Object.values(probe.metafile.outputs)
    .filter((o) => o.entryPoint && o !== probe.metafile.outputs[probeApp])
    .map((o) => path.resolve(root, o.entryPoint)),
);
const oneSharedChunk = {
  name: 'one-shared-chunk',
  setup(build) {
    build.onResolve({ filter: /^first-shared$/ }, () => ({ path: 'first-shared', namespace: 'first-shared' }));
    build.onLoad({ filter: /.*/, namespace: 'first-shared' }, () => ({
      contents: sharedModules.map((f) => `import ${JSON.stringify(f)};`).join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!lazyEntries.has(args.path)) return undefined;
      return { contents: `import 'first-shared';\n${readFileSync(args.path, 'utf8')}`, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};
const [page] = await Promise.all([
  esbuild.build({ ...pageBuild, plugins: [...pageBuild.plugins, oneSharedChunk] }),
  // The worker is a classic script (widest support); it passes the .wasm address to the
  // wasm-bindgen loader itself, so the loader's unused `import.meta.url` default is empty.
  esbuild.build({ ...common, entryPoints: [path.join(www, 'src', 'worker.js')], format: 'iife', outfile: path.join(dist, 'worker.js'), logOverride: { 'empty-import-meta': 'silent' } }),
  // Its tools half (the tools module's glue, the AWS data), read in by the worker when a tool
  // is first needed (tools-loader.js).
  esbuild.build({ ...common, entryPoints: [path.join(www, 'src', 'worker-tools.js')], format: 'iife', outfile: path.join(dist, 'worker-tools.js'), logOverride: { 'empty-import-meta': 'silent' } }),
  esbuild.build({ ...common, entryPoints: [path.join(www, 'style.css')], outfile: path.join(dist, 'app.css') }),
]);
for (const file of ['theme.js', 'boot.js', 'icon.svg']) copyFileSync(path.join(www, file), path.join(dist, file));

// The page's chunks: those app.js imports (statically, all the way down) are fetched with it,
// so index.html names them and app.js (modulepreload) and the browser fetches them at once,
// side by side, not one after the other; those it imports with import() are fetched after the
// first decision.
const outputs = page.metafile.outputs;
const rel = (file) => path.relative(dist, path.resolve(root, file)).split(path.sep).join('/');
const appOutput = Object.keys(outputs).find((f) => outputs[f].entryPoint && rel(f) === 'app.js');
const firstChunks = [];
(function walk(file) {
  for (const imp of outputs[file].imports) {
    if (imp.kind === 'import-statement' && !firstChunks.includes(rel(imp.path))) {
      firstChunks.push(rel(imp.path));
      walk(imp.path);
    }
  }
})(appOutput);
const html = readFileSync(path.join(www, 'index.html'), 'utf8');
const appTag = '<script type="module" src="app.js"></script>';
if (!html.includes(appTag)) {
  console.error(`www/index.html has lost its ${appTag}`);
  process.exit(1);
}
// The preloads go before boot.js: a classic script blocks the parser until it has arrived and
// run, and the styles then hold theme.js, so app.js itself was asked for only once both were
// in (measured in headless Chromium on a busy machine: app.js asked for at 0.8-1.3 s after
// navigation, after boot.js at 0.65 s; with the preloads first, at 0.2 s, and the decision
// shown 0.3 s sooner).
const bootTag = '<script src="boot.js"></script>';
if (!html.includes(bootTag)) {
  console.error(`www/index.html has lost its ${bootTag}`);
  process.exit(1);
}
const preloads = ['app.js', ...firstChunks].map((f) => `<link rel="modulepreload" href="${f}">\n  `).join('');
writeFileSync(path.join(dist, 'index.html'), html.replace(bootTag, preloads + bootTag));
// The scenario format's JSON Schema, served next to the page: downloaded scenarios name it in
// `$schema` so that editors check them (docs/scenario-format.md).
copyFileSync(path.join(root, 'docs', 'scenario.schema.json'), path.join(dist, 'scenario.schema.json'));
copyFileSync(wasm, path.join(dist, 'iam_playground_bg.wasm'));
copyFileSync(toolsWasm, path.join(dist, 'iam_playground_tools_bg.wasm'));
// The deciding module's Japanese sentences (src/i18n/ja.json, not compiled into it): fetched
// by the worker before its first Japanese answer, never for English.
mkdirSync(path.join(dist, 'i18n'), { recursive: true });
copyFileSync(path.join(root, 'src', 'i18n', 'ja.json'), path.join(dist, 'i18n', 'ja.json'));
// The AWS data: fetched by the worker after the first decision, never before it.
mkdirSync(path.join(dist, 'data'), { recursive: true });
for (const file of ['catalog.json', 'managed-policies.json', 'NOTICE']) copyFileSync(path.join(root, 'data', file), path.join(dist, 'data', file));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('www/dist:');
let total = 0;
let totalGz = 0;
for (const file of ['iam_playground_bg.wasm', 'app.js', ...firstChunks, 'worker.js', 'app.css', 'index.html', 'theme.js', 'boot.js', 'icon.svg']) {
  const bytes = readFileSync(path.join(dist, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += statSync(path.join(dist, file)).size;
  totalGz += gz;
  console.log(`  ${file.padEnd(24)} ${kb(bytes.length).padStart(10)}   gzip ${kb(gz).padStart(9)}`);
}
console.log(`  ${'total'.padEnd(24)} ${kb(total).padStart(10)}   gzip ${kb(totalGz).padStart(9)}`);
console.log('loaded lazily, after the first decision:');
const lazy = Object.keys(outputs).map(rel).filter((f) => f !== 'app.js' && !firstChunks.includes(f)).sort();
for (const file of [...lazy, 'worker-tools.js', 'iam_playground_tools_bg.wasm', 'i18n/ja.json', 'data/catalog.json', 'data/managed-policies.json']) {
  const bytes = readFileSync(path.join(dist, file));
  console.log(`  ${file.padEnd(28)} ${kb(bytes.length).padStart(10)}   gzip ${kb(gzipSync(bytes, { level: 9 }).length).padStart(9)}`);
}

// --- Embeds: the <iam-playground> element (a classic script, so one plain script
// tag works; its CSS is bundled as text and adopted in each shadow root), the iframe page,
// the frame sizer for host pages, the documentation page and the example scenarios it loads.
await Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(www, 'embed', 'iam-playground.js')], format: 'iife', outfile: path.join(dist, 'iam-playground.js'), loader: { '.css': 'text' } }),
  esbuild.build({ ...common, entryPoints: [path.join(www, 'embed', 'frame.js')], format: 'iife', outfile: path.join(dist, 'embed-frame.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(www, 'embed', 'frames.js')], format: 'iife', outfile: path.join(dist, 'iam-playground-frames.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(www, 'embed', 'frame.css')], outfile: path.join(dist, 'embed-frame.css') }),
  esbuild.build({ ...common, entryPoints: [path.join(www, 'embed', 'docs.css')], outfile: path.join(dist, 'docs.css') }),
]);
for (const file of ['embed.html', 'docs.html']) copyFileSync(path.join(www, file), path.join(dist, file));
mkdirSync(path.join(dist, 'examples'), { recursive: true });
for (const file of readdirSync(path.join(www, 'examples'))) {
  if (file.endsWith('.json')) copyFileSync(path.join(www, 'examples', file), path.join(dist, 'examples', file));
}
// Installable (manifest and icons) and the lessons, fetched by learn mode: one file
// each plus an index of ids and titles in course order (passrole-2 before passrole-10).
copyFileSync(path.join(www, 'manifest.webmanifest'), path.join(dist, 'manifest.webmanifest'));
mkdirSync(path.join(dist, 'icons'), { recursive: true });
for (const file of readdirSync(path.join(www, 'icons'))) copyFileSync(path.join(www, 'icons', file), path.join(dist, 'icons', file));
mkdirSync(path.join(dist, 'lessons'), { recursive: true });
const lessonIndex = [];
for (const file of readdirSync(path.join(root, 'lessons')).filter((f) => f.endsWith('.json'))) {
  const lesson = JSON.parse(readFileSync(path.join(root, 'lessons', file), 'utf8'));
  copyFileSync(path.join(root, 'lessons', file), path.join(dist, 'lessons', file));
  lessonIndex.push({ id: lesson.id, title: lesson.title });
}
lessonIndex.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
writeFileSync(path.join(dist, 'lessons', 'index.json'), JSON.stringify(lessonIndex));
const embedJs = readFileSync(path.join(dist, 'iam-playground.js'));
console.log(`  ${'iam-playground.js'.padEnd(24)} ${kb(embedJs.length).padStart(10)}   gzip ${kb(gzipSync(embedJs, { level: 9 }).length).padStart(9)}   (the embed element)`);
