// Writes www/dist/sw.js (or DIR/sw.js: `node scripts/offline.mjs [DIR]`) from www/sw.js with the release's version and the list of files to
// cache: every file of the built site (www/dist) except the service worker itself. Run by
// build.sh after the page is built and before dist/ is assembled, so the list always follows
// the build output (two WebAssembly modules, new pages, lessons) without being written by hand.
// The version is a hash of every cached file: a new release is a new sw.js, which is how
// browsers notice it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The built site: www/dist, or the folder given (tests make a second release in a copy).
const dist = path.resolve(process.argv[2] || path.join(root, 'www', 'dist'));
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error('www/dist is not built: run scripts/build.sh');
  process.exit(1);
}

/** Every file under `dir`, as paths relative to www/dist with `/`, sorted. */
function files(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(full));
    else out.push(path.relative(dist, full).split(path.sep).join('/'));
  }
  return out.sort();
}

// Not cached: the service worker (browsers fetch it themselves), dotfiles (.nojekyll).
const cached = files(dist).filter((f) => f !== 'sw.js' && !f.split('/').some((part) => part.startsWith('.')));
const hash = createHash('sha256');
for (const f of cached) {
  hash.update(f);
  hash.update('\0');
  hash.update(readFileSync(path.join(dist, f)));
}
const version = hash.digest('hex').slice(0, 12);
// './' too: the directory address serves index.html, and a visit to `.../` asks for it.
const list = ['./', ...cached];
const template = readFileSync(path.join(root, 'www', 'sw.js'), 'utf8');
if (!template.includes("'__VERSION__'") || !template.includes('/* __FILES__ */ []')) {
  console.error('www/sw.js has lost its __VERSION__ or __FILES__ placeholder');
  process.exit(1);
}
const sw = template
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('/* __FILES__ */ []', JSON.stringify(list));
writeFileSync(path.join(dist, 'sw.js'), sw);
const bytes = cached.reduce((n, f) => n + readFileSync(path.join(dist, f)).length, 0);
console.log(`==> offline: sw.js release ${version}, ${list.length} files to cache (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
