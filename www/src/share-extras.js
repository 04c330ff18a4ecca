// Sharing extras in the share panel: redact before sharing (account ids and names replaced
// consistently by the engine, same decision), "Copy as Markdown" (a link with the decision),
// "Copy embed snippet" (the <iam-playground> element and the iframe, or only the iframe when
// this site does not let other sites load its engine), "Download scenario" (a .json file with
// `$schema`) and "Copy as AWS CLI command" (`aws iam simulate-custom-policy`, for AWS's own
// answer). Every copied text is also shown in a box, for when the clipboard is not available.
// Text goes in as text, never HTML.

import { h, replace } from './dom.js';
import { decisionText } from './words.js';
import { t } from './i18n/index.js';
import { compactHeight, FRAME_MAX } from '../embed/parts.js';
import { downloadScenario } from './download.js';

/** Escapes text for a Markdown link label. */
export function markdownLabel(text) {
  return String(text).replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();
}

/** The Markdown line for a link and an answer: `[✓ Allowed: name](url)`. */
export function markdownLink(url, answer, name) {
  const words = answer && answer.status === 'evaluated' ? decisionText(answer.decision) : null;
  const decision = words ? `${words.symbol} ${words.word}` : t('share.md.none');
  const label = markdownLabel(name ? t('share.md.named', { decision, name }) : t('share.md.label', { decision }));
  return `[${label}](${url})`;
}

/**
 * The embed snippet for a fragment; `base` is the address of the playground's folder. `height`
 * is the iframe's height (a host that runs no script keeps it). `element` says whether other
 * sites may load this site's engine (CORS): only then is the <iam-playground> element offered,
 * else only the iframe, with the reason.
 */
export function embedSnippet(base, fragment, { height = FRAME_MAX, element = true } = {}) {
  const iframe = [
    `<iframe src="${base}embed.html#${fragment}" title="IAM policy example" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`,
    `<script src="${base}iam-playground-frames.js" defer></script>`,
  ];
  if (!element) {
    return [
      `<!-- IAM policy playground: a live example in an iframe (${height} px high; iam-playground-frames.js fits it to its content).`,
      '     The <iam-playground> element form needs this site to let other sites load its engine',
      `     (the header Access-Control-Allow-Origin: *, as GitHub Pages sends); see ${base}docs.html -->`,
      ...iframe,
    ].join('\n');
  }
  return [
    `<!-- IAM policy playground: the element (this site's engine; see ${base}docs.html for the CSP) -->`,
    `<script src="${base}iam-playground.js" defer></script>`,
    `<iam-playground src="#${fragment}"></iam-playground>`,
    '',
    `<!-- or an iframe (${height} px high; iam-playground-frames.js fits it to its content) -->`,
    ...iframe,
  ].join('\n');
}

/**
 * True when other sites may load this site's engine: the .wasm is served with
 * `Access-Control-Allow-Origin: *` (a worker on another origin fetches it with CORS).
 */
export async function engineSharedWithOtherSites(base) {
  try {
    const response = await fetch(new URL('iam_playground_bg.wasm', base), { method: 'HEAD', cache: 'no-store' });
    return response.ok && response.headers.get('access-control-allow-origin') === '*';
  } catch {
    return false;
  }
}

/**
 * Adds the extras to the share panel. `getText()` is the scenario text now; `getName()` its
 * name; `redactByDefault()` true when redaction is offered ticked (a scenario from an account
 * file); `announce(text)` speaks a status.
 */
export function setupShareExtras({ engine, panel, linkInput, getText, getName, redactByDefault = () => false, announce }) {
  const redactBox = h('input', { type: 'checkbox', id: 'share-redact' });
  const output = h('textarea', { id: 'share-output', readonly: true, rows: 4, spellcheck: 'false', 'aria-label': t('share.output'), hidden: true });
  const page = () => location.href.split('#')[0];
  const folder = () => new URL('.', page()).href;

  /** The text to share: redacted when asked. */
  async function sharedText() {
    const text = getText();
    return redactBox.checked ? engine.call('redact', text) : text;
  }

  async function link() {
    return `${page()}#${await engine.encode(await sharedText())}`;
  }

  /** Copies what `make()` makes; `kind` (markdown, embed, simulate) names its sentences. */
  async function copy(kind, make) {
    let text;
    try {
      text = await make();
    } catch (e) {
      announce(t(`share.${kind}.failed`, { message: e.message }));
      return;
    }
    output.value = text;
    output.hidden = false;
    output.dataset.kind = kind;
    try {
      await navigator.clipboard.writeText(text);
      announce(t(`share.${kind}.copied`));
    } catch {
      announce(t(`share.${kind}.below`));
      output.focus();
      output.select();
    }
  }

  const button = (id, label, title, action) => h('button', { type: 'button', id, class: 'small', title, onclick: action }, label);

  const row = h(
    'div',
    { class: 'share-extras' },
    h('label', { class: 'share-redact' }, redactBox, ' ', t('share.redact')),
    button('share-markdown', t('share.markdown.button'), t('share.markdown.title'), () =>
      copy('markdown', async () => {
        const text = await sharedText();
        const [answer, url] = await Promise.all([engine.evaluate(text), link()]);
        return markdownLink(url, answer, getName());
      }),
    ),
    button('share-embed', t('share.embed.button'), t('share.embed.title'), () =>
      copy('embed', async () => {
        const text = await sharedText();
        const [fragment, answer, element] = await Promise.all([engine.encode(text), engine.evaluate(text), engineSharedWithOtherSites(folder())]);
        return embedSnippet(folder(), fragment, { height: compactHeight(JSON.parse(text), answer), element });
      }),
    ),
    button('share-download', t('share.download.button'), t('share.download.title'), async () => {
      try {
        downloadScenario(await sharedText(), getName());
        announce(t('share.download.done'));
      } catch (e) {
        announce(t('share.download.failed', { message: e.message }));
      }
    }),
    button('share-simulate', t('share.simulate.button'), t('share.simulate.title'), () =>
      copy('simulate', async () => engine.call('simulateCommand', await sharedText())),
    ),
    output,
  );
  replace(panel.querySelector('.share-extras-slot') || panel.appendChild(h('div', { class: 'share-extras-slot' })), row);

  // The link in the box follows the redaction choice (the page's own address does not).
  redactBox.addEventListener('change', async () => {
    try {
      linkInput.value = await link();
      announce(redactBox.checked ? t('share.redacted') : t('share.notRedacted'));
    } catch (e) {
      announce(t('share.redactFailed', { message: e.message }));
    }
  });

  return {
    sharedText,
    /** Called before a link is made: a scenario from an account file starts redacted. */
    prepare() {
      if (redactByDefault()) redactBox.checked = true;
    },
    /** Called when the panel opens with a fresh link: keeps the redaction choice. */
    async refresh() {
      output.hidden = true;
      if (redactBox.checked) linkInput.value = await link();
    },
  };
}
