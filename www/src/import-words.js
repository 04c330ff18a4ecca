// The words for an import's format, and edits with UTF-8 byte offsets: what the Import dialog
// (diagnose.js, loaded on first use) and the result's import report and fixes (fixes.js,
// there from the first decision) share.

import { t } from './i18n/index.js';

const FORMATS = new Set(['decodedMessage', 'decodedMessageCli', 'accessDeniedMessage', 'cloudTrailEvent']);

/** The words for an import's format ("a decoded authorization message"). */
export function formatWords(format) {
  return FORMATS.has(format) ? t(`import.format.${format}`) : t('import.format.pasted');
}

/** Applies edits with UTF-8 byte offsets (as the engine gives them) to `text`. */
export function applyByteEdits(text, edits) {
  let bytes = new TextEncoder().encode(text);
  // From the last to the first, so earlier offsets stay valid.
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    const insert = new TextEncoder().encode(e.text);
    const next = new Uint8Array(bytes.length - (e.end - e.start) + insert.length);
    next.set(bytes.subarray(0, e.start), 0);
    next.set(insert, e.start);
    next.set(bytes.subarray(e.end), e.start + insert.length);
    bytes = next;
  }
  return new TextDecoder().decode(bytes);
}
