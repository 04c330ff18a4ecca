// Code fences that come alive (www/embed/fences.js, part of the element's script): a host page
// made by a real Markdown renderer (markdown-it) with two ```iam-playground blocks shows two
// live decisions under the strict host CSP; the info string's options reach the embeds; the
// blocks stay readable without JavaScript; fences added later (single-page navigation) and the
// HTML shapes of other generators (Jekyll, Hugo, Docusaurus, MkDocs Material) are upgraded.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import iamPlayground from '../../www/npm/markdown-it.js';
import { DIST, ROOT, launch, openHost } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

const STORY = ['passrole-1-ec2-full-access-only.json', 'passrole-2-allow-passrole-on-role.json'].map((f) => readFileSync(path.join(ROOT, 'tests', 'fixtures', 'fix', f), 'utf8'));

/** The host policy the README documents for the element, read from the README. */
const HOST_CSP = `default-src 'none'; ${readFileSync(path.join(ROOT, 'README.md'), 'utf8').match(/`(script-src 'self' 'wasm-unsafe-eval';[^`]*)`/)[1]}; img-src 'self' data:`;

const MARKDOWN = `# PassRole, live

With EC2 full access alone, passing the role is denied:

\`\`\`iam-playground
${STORY[0].trim()}
\`\`\`

An Allow for \`iam:PassRole\` on the role fixes it:

\`\`\`iam-playground readonly panes=policies,decision
${STORY[1].trim()}
\`\`\`

A plain JSON block stays as it is:

\`\`\`json
{ "not": "a scenario" }
\`\`\`
`;

/** A page around `body`, loading the element's script from the built site. */
const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"><script src="iam-playground.js" defer></script></head><body>${body}</body></html>`;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens `html` as a page of the built site, every response with the strict host CSP. */
async function host(name, html, options) {
  const started = await serve(DIST, { headers: { 'Content-Security-Policy': HOST_CSP }, pages: { [`/${name}`]: html } });
  started.server.unref();
  return openHost(browser, started, name, options);
}

const reports = (p) => p.evaluate(() => window.__cspViolations);

test('a markdown-it page with two iam-playground fences shows two live decisions under the strict CSP', async () => {
  const md = new MarkdownIt().use(iamPlayground);
  const h = await host('fences-markdown-it.html', page('fences', md.render(MARKDOWN)));
  try {
    const { page: p } = h;
    await p.waitForFunction(() => document.querySelectorAll('iam-playground[data-decision]').length === 2, null, { timeout: 30000 });
    const embeds = await p.$$eval('iam-playground', (els) => els.map((e) => ({ decision: e.dataset.decision, readonly: e.hasAttribute('readonly'), panes: e.getAttribute('panes') })));
    assert.deepEqual(embeds, [
      { decision: 'ImplicitDeny', readonly: false, panes: null },
      { decision: 'Allow', readonly: true, panes: 'policies,decision' },
    ]);
    // The second embed shows what its options say: policies and the decision, not editable.
    const labels = await p.locator('iam-playground >> nth=1 >> .part-label').allTextContents();
    assert.equal(labels.length, JSON.parse(STORY[1]).policies.identity.length, labels.join(' | '));
    assert.ok(labels.every((l) => !/^Request/.test(l)), labels.join(' | '));
    assert.deepEqual(await p.locator('iam-playground >> nth=1 >> .cm-content').evaluateAll((els) => els.map((e) => e.getAttribute('contenteditable'))), ['false', 'false']);
    // Each fence is still in the page, hidden, right after its embed; the plain JSON block is untouched.
    const blocks = await p.$$eval('pre', (pres) => pres.map((pre) => ({ hidden: pre.hidden, visible: pre.getClientRects().length > 0, after: pre.previousElementSibling?.tagName, lang: pre.querySelector('code')?.className })));
    assert.deepEqual(blocks, [
      { hidden: true, visible: false, after: 'IAM-PLAYGROUND', lang: 'language-iam-playground' },
      { hidden: true, visible: false, after: 'IAM-PLAYGROUND', lang: 'language-iam-playground' },
      { hidden: false, visible: true, after: 'P', lang: 'language-json' },
    ]);
    assert.deepEqual(await reports(p), []);
    assert.deepEqual(h.errors, []);
    assert.equal(h.requests.filter((u) => u.endsWith('.wasm')).length, 1, 'two embeds, one .wasm fetch');
  } finally {
    await h.close();
  }
});

test('without JavaScript the fences stay readable code blocks', async () => {
  const md = new MarkdownIt().use(iamPlayground);
  const h = await host('fences-no-js.html', page('fences', md.render(MARKDOWN)), { javaScriptEnabled: false });
  try {
    const texts = await h.page.$$eval('pre code.language-iam-playground', (codes) => codes.map((c) => ({ text: c.textContent, visible: c.getClientRects().length > 0 })));
    assert.equal(texts.length, 2);
    assert.ok(texts.every((t) => t.visible));
    assert.deepEqual(texts.map((t) => JSON.parse(t.text).name), STORY.map((s) => JSON.parse(s).name));
    assert.equal(await h.page.locator('iam-playground').count(), 0);
  } finally {
    await h.close();
  }
});

test("other generators' HTML shapes and their attribute forms are upgraded, and fences added later too", async () => {
  const json = (i) => STORY[i].replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  // Docusaurus renders each line as a span followed by <br>.
  const lines = (i) => STORY[i].trim().split('\n').map((l) => `<span class="token-line"><span class="token plain">${l.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</span><br></span>`).join('');
  const body = `
<div id="jekyll" class="language-iam-playground highlighter-rouge" readonly="true"><div class="highlight"><pre class="highlight"><code>${json(1)}</code></pre></div></div>
<div id="hugo" class="highlight" panes="decision" theme="dark"><pre tabindex="0" class="chroma"><code class="language-iam-playground" data-lang="iam-playground"><span class="line"><span class="cl">${json(0)}</span></span></code></pre></div>
<div id="docusaurus" class="language-iam-playground theme-code-block codeBlockContainer_Ckt0"><div class="codeBlockContent_biex"><pre tabindex="0" class="prism-code language-iam-playground codeBlock_bY9V thin-scrollbar"><code class="codeBlockLines_e6Vv">${lines(1)}</code></pre><div class="buttonGroup__atx"><button type="button" class="clean-btn">Copy</button></div></div></div>
<div id="mkdocs" class="language-iam-playground highlight" data-info="compact readonly=false"><pre><span></span><code>${json(0)}</code></pre></div>
<main id="later"></main>`;
  const h = await host('fences-shapes.html', page('shapes', body));
  try {
    const { page: p } = h;
    await p.waitForFunction(() => document.querySelectorAll('iam-playground[data-decision]').length === 4, null, { timeout: 30000 });
    const seen = await p.$$eval('iam-playground', (els) => els.map((e) => ({ before: e.nextElementSibling.id, decision: e.dataset.decision, attrs: [...e.attributes].map((a) => a.name).filter((n) => !n.startsWith('data-')).sort().join(' ') })));
    assert.deepEqual(seen, [
      { before: 'jekyll', decision: 'Allow', attrs: 'readonly' },
      { before: 'hugo', decision: 'ImplicitDeny', attrs: 'panes theme' },
      { before: 'docusaurus', decision: 'Allow', attrs: '' },
      { before: 'mkdocs', decision: 'ImplicitDeny', attrs: 'compact' },
    ]);
    // The whole wrapper (with Docusaurus's copy button) is hidden, not just the pre.
    assert.deepEqual(await p.$$eval('#jekyll, #hugo, #docusaurus, #mkdocs', (els) => els.map((e) => e.getClientRects().length)), [0, 0, 0, 0]);
    // A single-page site navigates: new content with a fence arrives after load.
    await p.evaluate((text) => {
      const pre = document.createElement('pre');
      const code = document.createElement('code');
      code.className = 'language-iam-playground';
      code.textContent = text;
      pre.append(code);
      document.getElementById('later').append(pre);
    }, STORY[1]);
    await p.waitForFunction(() => document.querySelectorAll('iam-playground[data-decision]').length === 5, null, { timeout: 30000 });
    assert.equal(await p.$eval('#later iam-playground', (e) => e.dataset.decision), 'Allow');
    assert.deepEqual(await reports(p), []);
    assert.deepEqual(h.errors, []);
  } finally {
    await h.close();
  }
});
