// Words and symbols for the answer's values, in the page's language (i18n/). A decision or
// status is always shown as a symbol and a word together, never by colour alone. Each function
// takes the translator `t` of its language (the page's by default; an embed passes its own).

import { t as pageT } from './i18n/index.js';

const DECISIONS = {
  Allow: { symbol: '✓', cls: 'allow' },
  ExplicitDeny: { symbol: '⊘', cls: 'explicit-deny' },
  ImplicitDeny: { symbol: '✗', cls: 'implicit-deny' },
};

/** A decision: {symbol, word, detail, cls}; null for a value that is not a decision. */
export function decisionText(decision, t = pageT) {
  const d = Object.hasOwn(DECISIONS, decision) ? DECISIONS[decision] : null;
  if (!d) return null;
  return { ...d, word: t(`decision.${decision}.word`), detail: t(`decision.${decision}.detail`) };
}

const LAYERS = ['permissionNotRequired', 'explicitDeny', 'rcp', 'scp', 'vpcEndpoint', 'resource', 'identity', 'permissionsBoundary', 'session'];

/** The name of a layer (gate) of the decision. */
export function layerName(layer, t = pageT) {
  return LAYERS.includes(layer) ? t(`layer.${layer}.name`) : layer;
}

/** The short name of a layer for "decided by". */
export function layerShort(layer, t = pageT) {
  return LAYERS.includes(layer) ? t(`layer.${layer}.short`) : layer;
}

/** A layer's outcome. */
export function layerStatusText(layer, status, t = pageT) {
  if (layer === 'explicitDeny') {
    return status === 'explicitDeny'
      ? { symbol: '⊘', word: t('gate.denyApplies'), cls: 'explicit-deny' }
      : { symbol: '✓', word: t('gate.noDeny'), cls: 'allow' };
  }
  const statuses = {
    allow: { symbol: '✓', cls: 'allow' },
    implicitDeny: { symbol: '✗', cls: 'implicit-deny' },
    explicitDeny: { symbol: '⊘', cls: 'explicit-deny' },
    notApplicable: { symbol: '–', cls: 'not-applicable' },
  };
  return Object.hasOwn(statuses, status) ? { ...statuses[status], word: t(`gate.${status}`) } : { symbol: '?', word: status, cls: 'not-applicable' };
}

const SEVERITIES = { error: '✖', securityWarning: '⚠', warning: '⚠', suggestion: 'ℹ' };

/** A diagnostic's severity: {symbol, word}, or null for an unknown one. */
export function severityText(severity, t = pageT) {
  return Object.hasOwn(SEVERITIES, severity) ? { symbol: SEVERITIES[severity], word: t(`severity.${severity}`) } : null;
}

/** "matches" / "does not match" with a symbol (the words already translated). */
export function yesNo(ok, yes = pageT('match.yes'), no = pageT('match.no')) {
  return ok ? { symbol: '✓', word: yes, cls: 'yes' } : { symbol: '✗', word: no, cls: 'no' };
}

/** A size in characters or bytes for people: "12 KB", "1.5 MB". */
export function formatSize(n) {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
