// A markdown-it plugin for sites built with markdown-it (VuePress, Eleventy, custom builds):
// keeps the options of ```iam-playground fences (`readonly panes=policies,decision`) in a
// `data-info` attribute on the rendered `<code>`, where the element's script reads them.
// markdown-it alone renders only the language word as a class.
//
//   import MarkdownIt from 'markdown-it';
//   import iamPlayground from 'iam-playground/markdown-it';
//   const md = new MarkdownIt().use(iamPlayground);

export default function iamPlayground(md) {
  md.core.ruler.push('iam_playground_fence_info', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'fence') continue;
      const [lang, ...rest] = token.info.trim().split(/\s+/);
      if (lang === 'iam-playground' && rest.length) token.attrSet('data-info', rest.join(' '));
    }
  });
}
