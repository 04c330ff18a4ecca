// What the budget scripts share: the repository's root, a median, the JSON files of a folder,
// and the deciding WebAssembly module loaded in Node.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository's root folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The median of `xs` (the mean of the middle two when their count is even). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Every `.json` file below `dir`, as full paths, sorted. */
export function jsonFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsonFiles(full));
    else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

/** The deciding module of `pkg` (www/pkg unless given), as the page loads it, ready in Node. */
export async function loadEngine(pkg = path.join(ROOT, 'www', 'pkg')) {
  const mod = await import(pathToFileURL(path.join(pkg, 'iam_playground.js')).href);
  mod.initSync({ module: readFileSync(path.join(pkg, 'iam_playground_bg.wasm')) });
  return mod;
}
