// Words and symbols for the answer's values. A decision or status is always shown as a symbol
// and a word together, never by colour alone.

/** The decisions. */
export const DECISION_TEXT = {
  Allow: { symbol: '✓', word: 'Allowed', detail: 'The request is allowed.', cls: 'allow' },
  ExplicitDeny: {
    symbol: '⊘',
    word: 'Denied explicitly',
    detail: 'A Deny statement applies: no Allow can override it.',
    cls: 'explicit-deny',
  },
  ImplicitDeny: {
    symbol: '✗',
    word: 'Denied implicitly',
    detail: 'Nothing that must allow the request allows it (no Deny statement applies).',
    cls: 'implicit-deny',
  },
};

/** The layers (gates) of the decision. */
export const LAYER_NAMES = {
  permissionNotRequired: 'A call that needs no permission',
  explicitDeny: 'Explicit Deny in any policy',
  rcp: 'Resource control policies (RCPs)',
  scp: 'Service control policies (SCPs)',
  vpcEndpoint: 'VPC endpoint policy',
  resource: 'Resource-based policy',
  identity: 'Identity-based policies',
  permissionsBoundary: 'Permissions boundary',
  session: 'Session policy',
};

/** Short names for "decided by". */
export const LAYER_SHORT = {
  permissionNotRequired: 'AWS itself: the call needs no permission',
  explicitDeny: 'an explicit Deny',
  rcp: 'the resource control policies',
  scp: 'the service control policies',
  vpcEndpoint: 'the VPC endpoint policy',
  resource: 'the resource-based policy',
  identity: 'the identity-based policies',
  permissionsBoundary: 'the permissions boundary',
  session: 'the session policy',
};

/** A layer's outcome. */
export function layerStatusText(layer, status) {
  if (layer === 'explicitDeny') {
    return status === 'explicitDeny'
      ? { symbol: '⊘', word: 'a Deny applies', cls: 'explicit-deny' }
      : { symbol: '✓', word: 'no Deny applies', cls: 'allow' };
  }
  return (
    {
      allow: { symbol: '✓', word: 'allows', cls: 'allow' },
      implicitDeny: { symbol: '✗', word: 'does not allow (implicit deny)', cls: 'implicit-deny' },
      explicitDeny: { symbol: '⊘', word: 'denies explicitly', cls: 'explicit-deny' },
      notApplicable: { symbol: '–', word: 'not applicable', cls: 'not-applicable' },
    }[status] || { symbol: '?', word: status, cls: 'not-applicable' }
  );
}

/** A diagnostic's severity. */
export const SEVERITY_TEXT = {
  error: { symbol: '✖', word: 'error' },
  securityWarning: { symbol: '⚠', word: 'security warning' },
  warning: { symbol: '⚠', word: 'warning' },
  suggestion: { symbol: 'ℹ', word: 'suggestion' },
};

/** "matched" / "did not match" with a symbol. */
export function yesNo(ok, yes = 'matches', no = 'does not match') {
  return ok ? { symbol: '✓', word: yes, cls: 'yes' } : { symbol: '✗', word: no, cls: 'no' };
}

/** A size in characters or bytes for people: "12 KB", "1.5 MB". */
export function formatSize(n) {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
