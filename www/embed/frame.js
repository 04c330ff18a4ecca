// embed.html (iframe mode): the compact view of the scenario in the fragment. Options come from
// the query string (`?readonly&panes=policies,decision&theme=dark`). The page reports its height
// to the parent ({type: 'iam-playground:height', height}) so the host can size the frame
// (iam-playground-frames.js does it), and its "Open in playground" link carries the current state.

const params = new URLSearchParams(location.search);
const el = document.createElement('iam-playground');
el.setAttribute('compact', '');
el.setAttribute('src', location.hash || '#');
el.setAttribute('playground', new URL('index.html', location.href).href);
for (const name of ['readonly', 'panes', 'theme']) {
  if (params.has(name)) el.setAttribute(name, params.get(name));
}
// The example is the frame's main content (its one landmark, after its heading).
document.querySelector('main').append(el);

let last = 0;
function report() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === last || window.parent === window) return;
  last = height;
  window.parent.postMessage({ type: 'iam-playground:height', height }, '*');
}
new ResizeObserver(report).observe(document.documentElement);
el.addEventListener('decision', report);
addEventListener('hashchange', () => location.reload());
