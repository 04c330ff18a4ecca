// Every link in the repository's Markdown stays inside the repository and leads somewhere: a
// relative link names a tracked file (or folder), and an anchor names a heading of its page.
// The published project must never send a reader to a file outside itself.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const md = new MarkdownIt({ html: true });

const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
const markdownFiles = tracked.filter((f) => f.endsWith('.md') && !f.includes('node_modules/'));

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(file) {
  const seen = new Map();
  const out = new Set();
  const tokens = md.parse(readFileSync(path.join(ROOT, file), 'utf8'), {});
  tokens.forEach((t, i) => {
    if (t.type !== 'heading_open') return;
    const text = tokens[i + 1].children.map((c) => c.content).join('');
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
    const n = seen.get(base) || 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  });
  return out;
}

/** Every link target of a Markdown file, from a real Markdown parser. */
function linksOf(file) {
  const links = [];
  const walk = (tokens) => {
    for (const t of tokens) {
      if (t.type === 'link_open') links.push(t.attrGet('href'));
      if (t.type === 'image') links.push(t.attrGet('src'));
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(readFileSync(path.join(ROOT, file), 'utf8'), {}));
  return links;
}

test('the repository has Markdown pages to check', () => {
  assert.ok(markdownFiles.includes('README.md'));
  assert.ok(markdownFiles.includes('docs/scenario-format.md'));
});

test('relative links in Markdown name files inside the repository, anchors name headings', () => {
  const problems = [];
  for (const file of markdownFiles) {
    for (const href of linksOf(file)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // https:, mailto:
      const [target, anchor] = href.split('#');
      const resolved = target ? path.normalize(path.join(path.dirname(file), decodeURIComponent(target))) : file;
      if (resolved.startsWith('..') || path.isAbsolute(resolved)) {
        problems.push(`${file}: \`${href}\` leads outside the repository`);
        continue;
      }
      if (!existsSync(path.join(ROOT, resolved))) {
        problems.push(`${file}: \`${href}\` names \`${resolved}\`, which does not exist`);
        continue;
      }
      if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
        problems.push(`${file}: \`${href}\`: \`${resolved}\` has no heading with the anchor \`#${anchor}\``);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('no tracked file points at the machine it was written on', () => {
  // Paths such as /work/shared/... or ../shared/... exist on the authors' machines only.
  const pattern = /(^|[\s`'"(])(\/work\/|\.\.\/shared\/)/;
  const problems = [];
  for (const file of tracked) {
    if (file === 'package-lock.json' || file.startsWith('data/') || file === 'tests/docs/links.test.mjs') continue;
    let text;
    try {
      text = readFileSync(path.join(ROOT, file), 'utf8');
    } catch {
      continue; // removed in the working tree
    }
    text.split('\n').forEach((line, i) => {
      if (pattern.test(line)) problems.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(problems, []);
});
