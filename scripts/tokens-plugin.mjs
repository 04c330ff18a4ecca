// The colour tokens as an esbuild plugin, shared by the page's build (build-web.mjs) and the
// npm package's (npm-package.mjs): both bundle the <iam-playground> element, whose shadow root
// imports `tokens:host`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const www = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'www');

/**
 * The colour tokens (www/tokens.css, written once as a light `:root` block and a dark
 * `:root[data-theme='dark']` block) as the rules of one place: `tokens:page` for the page's
 * stylesheet (`@import "tokens:page"`), `tokens:host` for the element's shadow root (imported
 * as text). Each gets the dark set twice: for its theme switch and, on "auto", for a system
 * that prefers dark.
 */
function themeRules(place) {
  const source = readFileSync(path.join(www, 'tokens.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const block = (selector) => {
    const at = source.indexOf(`${selector} {`);
    if (at < 0) throw new Error(`www/tokens.css: no \`${selector}\` block`);
    return source.slice(source.indexOf('{', at) + 1, source.indexOf('}', at)).trim();
  };
  const light = block(':root');
  const dark = block(":root[data-theme='dark']");
  const s = place === 'page'
    ? { base: ':root', auto: ":root:not([data-theme='light'])", dark: ":root[data-theme='dark']" }
    : { base: ':host', auto: ":host(:not([theme='light']))", dark: ":host([theme='dark'])" };
  return `${s.base} {\n${light}\n}\n@media (prefers-color-scheme: dark) {\n${s.auto} {\n${dark}\n}\n}\n${s.dark} {\n${dark}\n}\n`;
}

export const tokens = {
  name: 'tokens',
  setup(build) {
    build.onResolve({ filter: /^tokens:(page|host)$/ }, (args) => ({ path: args.path.slice('tokens:'.length), namespace: 'tokens' }));
    build.onLoad({ filter: /.*/, namespace: 'tokens' }, (args) => ({
      contents: themeRules(args.path),
      loader: args.path === 'page' ? 'css' : 'text',
      watchFiles: [path.join(www, 'tokens.css')],
    }));
  },
};
