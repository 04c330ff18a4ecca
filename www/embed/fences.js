// Code fences that come alive: with the element's script on a page, every Markdown code block
// written as
//
//   ```iam-playground readonly panes=policies,decision
//   { "policies": { ... }, "request": { ... } }
//   ```
//
// (rendered by MkDocs, Docusaurus, Hugo, Jekyll, GitHub Pages, markdown-it... as
// `pre > code.language-iam-playground`, often inside a wrapper `div`) becomes a live
// <iam-playground> embed. The block itself stays in the page, hidden: without JavaScript it is
// what readers see, and a page whose framework re-renders its own nodes (Docusaurus) keeps
// them. Blocks added later (single-page navigation) are upgraded as they appear.
//
// Options come from the fence's info string, wherever the Markdown renderer puts it: attributes
// on the code, the pre or the wrapper (`readonly`, `panes="..."`, or `data-readonly`,
// `data-panes`...: Hugo's `{readonly=true}`, kramdown's `{: readonly="true"}`), or the whole
// string in `data-info` / `data-meta` (the package's markdown-it plugin writes `data-info`).

const SELECTOR = 'code.language-iam-playground, pre.language-iam-playground, pre.iam-playground, div.language-iam-playground';
const DONE = 'data-iam-playground-fence';

/** The options an embed takes from a fence, and whether each is a flag. */
const OPTIONS = { readonly: 'flag', compact: 'flag', panes: 'value', theme: 'value', lesson: 'value', src: 'value', playground: 'value' };

/**
 * Parses an info string's options: `readonly panes=policies,decision lesson="passrole-3"`,
 * also in Hugo's braces (`{readonly=true, panes="policies decision"}`). The language word, if
 * there, is skipped. Returns a Map of option name to value (`''` for a flag).
 */
export function parseInfo(info) {
  const out = new Map();
  const text = String(info || '').replace(/^\s*iam-playground\b/, '').replace(/[{}]/g, ' ');
  let i = 0;
  const at = (re) => i < text.length && re.test(text[i]);
  while (i < text.length) {
    while (at(/[\s,]/)) i++;
    const start = i;
    while (at(/[^\s,=]/)) i++;
    if (i === start) {
      i++;
      continue;
    }
    const name = text.slice(start, i).replace(/^[:.]+/, '').replace(/^data-/, '').toLowerCase();
    let value = '';
    if (text[i] === '=') {
      i++;
      const quote = text[i];
      if (quote === '"' || quote === "'") {
        const end = text.indexOf(quote, i + 1);
        value = text.slice(i + 1, end < 0 ? text.length : end);
        i = end < 0 ? text.length : end + 1;
      } else {
        // Unquoted: up to a space, or a comma that starts the next `name=` (Hugo separates
        // attributes with commas; `panes=policies,decision` keeps its commas).
        const rest = text.slice(i).match(/^[^\s]*/)[0];
        const next = rest.search(/,[^\s,=]+=/);
        value = (next < 0 ? rest : rest.slice(0, next)).replace(/,+$/, '');
        i += next < 0 ? rest.length : next;
      }
    }
    if (!Object.hasOwn(OPTIONS, name)) continue;
    if (OPTIONS[name] === 'flag') {
      if (/^(false|no|off|0)$/i.test(value)) continue;
      value = '';
    }
    out.set(name, value);
  }
  return out;
}

/** The nodes a fence's options may sit on: the code, its pre, and the wrappers around it. */
function carriers(code) {
  const nodes = [code];
  let node = code.closest('pre') || code;
  if (node !== code) nodes.push(node);
  for (let i = 0; i < 3 && node.parentElement && node.parentElement !== document.body; i++) {
    node = node.parentElement;
    nodes.push(node);
  }
  return nodes;
}

/** The options of one fence, gathered from its info string wherever the renderer put it. */
function optionsOf(code) {
  const options = new Map();
  for (const node of carriers(code).reverse()) {
    for (const name of ['data-info', 'data-meta', 'data-options']) {
      if (node.hasAttribute(name)) parseInfo(node.getAttribute(name)).forEach((v, k) => options.set(k, v));
    }
    for (const name of Object.keys(OPTIONS)) {
      for (const attr of [name, `data-${name}`]) {
        if (!node.hasAttribute(attr) || (name === 'src' && attr === 'src')) continue;
        const value = node.getAttribute(attr);
        if (OPTIONS[name] === 'flag') {
          if (/^(false|no|off|0)$/i.test(value)) options.delete(name);
          else options.set(name, '');
        } else {
          options.set(name, value);
        }
      }
    }
  }
  return options;
}

/**
 * The element to hide for a fence: the pre, or the wrapper `div`s that hold only it (a
 * highlighter's `div.highlight`, Docusaurus's code block container).
 */
function blockOf(code) {
  let block = code.closest('pre') || code;
  for (let i = 0; i < 3; i++) {
    const parent = block.parentElement;
    if (!parent || parent === document.body || parent.tagName !== 'DIV') break;
    const alone = [...parent.children].filter((c) => c !== block && !c.matches('button, .copy, [class*="copy"], [class*="Button"], [class*="title"], [class*="Title"]')).length === 0;
    if (!alone && !/\b(language-iam-playground|highlight|highlighter-rouge|codeBlock)/.test(parent.className)) break;
    block = parent;
  }
  return block;
}

/** Turns one fence into an embed placed before it; the fence stays, hidden. */
function upgrade(found) {
  const code = found.matches('code') ? found : found.querySelector('code') || found;
  const block = blockOf(code);
  if (block.hasAttribute(DONE)) return null;
  block.setAttribute(DONE, '');
  const embed = document.createElement('iam-playground');
  for (const [name, value] of optionsOf(code)) embed.setAttribute(name, value);
  const text = code.textContent.trim();
  if (text) {
    // The scenario goes in as text, never as markup.
    const data = document.createElement('script');
    data.type = 'application/json';
    data.textContent = text;
    embed.append(data);
  }
  block.before(embed);
  block.hidden = true;
  block.style.display = 'none'; // a site's CSS may show [hidden] blocks
  return embed;
}

/** Upgrades every fence in `root` (a document or an element); returns the new embeds. */
export function upgradeFences(root = document) {
  const found = [];
  if (root.matches && root.matches(SELECTOR)) found.push(root);
  if (root.querySelectorAll) found.push(...root.querySelectorAll(SELECTOR));
  // A wrapper div and its code are one fence: keep the innermost code.
  const codes = new Set(found.map((n) => (n.matches('code') ? n : n.querySelector('code') || n)));
  return [...codes].map(upgrade).filter(Boolean);
}

let watching = false;

/** Upgrades the page's fences now and those added later. */
export function watchFences() {
  if (watching || typeof document === 'undefined') return;
  watching = true;
  const start = () => {
    upgradeFences(document);
    new MutationObserver((records) => {
      for (const r of records) for (const node of r.addedNodes) if (node.nodeType === 1 && !node.closest(`[${DONE}]`)) upgradeFences(node);
    }).observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
