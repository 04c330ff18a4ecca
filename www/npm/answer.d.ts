// The engine's answer: what `evaluate` returns, `iam-playground eval --format json` prints and
// the <iam-playground> element's `decision` event carries. Field names are camelCase.
//
// Compatibility (docs/scenario-format.md, "Versions and compatibility"): within a major
// version, fields and enum values are only added. Ignore fields you do not know. Sentences for
// people (`summary`, `reason`, `detail`, `message`, `help`) may change in any release: match on
// `code`, `decision`, `status`, `layer` and the other enum fields instead.

/** The decision AWS reaches. */
export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** A statement's `Effect`. */
export type Effect = 'Allow' | 'Deny';

/** The kinds of policy a scenario holds (the keys of its `policies`). */
export type PolicyKind = 'identity' | 'permissionsBoundary' | 'session' | 'resource' | 'scp' | 'rcp' | 'vpcEndpoint';

/** Where something is written in the scenario text. Lines and columns count from 1. */
export interface Location {
  /** Byte offset of the start (UTF-8). */
  start: number;
  /** Byte offset of the end. */
  end: number;
  line: number;
  /** Column of the start, in characters. */
  column: number;
  endLine: number;
  /** Column of the end, in characters (exclusive). */
  endColumn: number;
  /** UTF-16 offset of the start: a JavaScript string index into the scenario text. */
  utf16Start: number;
  /** UTF-16 offset of the end. */
  utf16End: number;
}

/** How serious a diagnostic is. */
export type Severity = 'error' | 'securityWarning' | 'warning' | 'suggestion';

/** An error or warning about the scenario. */
export interface Diagnostic {
  severity: Severity;
  /** A stable code, such as `invalid-effect` (docs/scenario-format.md lists them). */
  code: string;
  /** What is wrong. */
  message: string;
  /** What to do. */
  help?: string;
  /** Where, in the scenario text. */
  location?: Location;
  /** The JSON pointer of the value at fault, such as `/policies/identity/0/Statement/1/Effect`. */
  path?: string;
  /** The text pointed at. */
  snippet?: string;
  /** The text `location` should become: the correction `help` suggests ("did you mean"). */
  replacement?: string;
}

/** Which policy: its kind, index and (SCP/RCP) position within the level. */
export interface PolicyRef {
  kind: PolicyKind;
  /** Identity: the index in the list; SCP/RCP: the level; others 0. */
  index: number;
  /** SCP/RCP: the index within the level. */
  position?: number;
  /** The name given in the scenario. */
  name?: string;
}

/** A policy of the scenario and where it is written. */
export interface PolicyInfo extends PolicyRef {
  /** A label for people: "identity-based policy 1: AmazonEC2FullAccess". */
  label: string;
  /** The SCP/RCP level's name. */
  levelName?: string;
  location: Location;
  documentLocation: Location;
  statementCount: number;
  /** True when `whatIf.disabled` switches the whole policy off. */
  disabled?: true;
}

/** A statement that decided, or one being explained. */
export interface StatementRef {
  policy: PolicyRef;
  /** Its index in the policy's `Statement`. */
  statementIndex: number;
  sid?: string;
  effect: Effect;
  location: Location;
}

/** The layers of the decision, in AWS's order (`permissionNotRequired`: only for a call that
 * needs no permission, such as `sts:GetCallerIdentity`; `vpcEndpoint`: only for a request
 * through a VPC endpoint). */
export type LayerKind = 'permissionNotRequired' | 'explicitDeny' | 'rcp' | 'scp' | 'vpcEndpoint' | 'resource' | 'identity' | 'permissionsBoundary' | 'session';

/** A layer's outcome. */
export type LayerStatus = 'allow' | 'explicitDeny' | 'implicitDeny' | 'notApplicable';

/** One layer's outcome and why. */
export interface LayerResult {
  layer: LayerKind;
  /** SCP/RCP level index. */
  level?: number;
  levelName?: string;
  /** Which account's side of a cross-account request it belongs to. */
  side: 'principal' | 'resource' | (string & {});
  status: LayerStatus;
  /** Whether this layer's outcome was needed for the decision. */
  required: boolean;
  reason: string;
  /** The statements of this layer that applied. */
  statements: StatementRef[];
}

/** How one of Action, Resource or Principal matched. */
export interface ElementMatch {
  /** The element as written (`Action`, `NotAction`, ...), or `(none)` when absent. */
  element: string;
  matched: boolean;
  /** The pattern that matched (for `Not` elements: that excluded the request). */
  matchedValue?: string;
  detail: string;
  location?: Location;
}

/** One policy variable as substituted. */
export interface VariableUse {
  /** As written: `${aws:username}`. */
  text: string;
  key: string;
  /** The value substituted (absent when the key had no value). */
  value?: string;
  usedDefault: boolean;
}

/** One policy value of a condition and how it compared. */
export interface ValueComparison {
  value: string;
  /** After policy-variable substitution (absent when no variable). */
  resolved?: string;
  variables?: VariableUse[];
  matched: boolean;
  note?: string;
  location: Location;
}

/** One operator/key pair of a condition and its outcome. */
export interface ConditionResult {
  operator: string;
  key: string;
  keyPresent: boolean;
  /** The request's values for the key (absent when missing). */
  requestValues?: string[];
  /** Whether the key was supplied by the user or derived by the engine. */
  valueSource?: 'request' | 'derived';
  values: ValueComparison[];
  outcome: boolean;
  reason: string;
  location: Location;
}

/** Whether a statement applies to the request, and why. */
export interface StatementExplanation extends StatementRef {
  applies: boolean;
  action: ElementMatch;
  resource: ElementMatch;
  /** Only in resource-based policies, RCPs and endpoint policies. */
  principal?: ElementMatch;
  conditions: ConditionResult[];
  conditionsMet: boolean;
}

/** A key of the request context: supplied or derived. */
export interface ContextKeyInfo {
  key: string;
  values: string[];
  multivalued: boolean;
  source: 'request' | 'derived';
  /** For derived keys: what it was derived from. */
  derivedFrom?: string;
}

/** A key that conditions test but the request does not supply. */
export interface MissingKey {
  key: string;
  referencedBy: StatementRef[];
  /** True when supplying the key could change a statement that otherwise applies. */
  couldChangeDecision: boolean;
}

/** The request as the engine understood it. */
export interface RequestInfo {
  principal: string;
  /** `User`, `AssumedRole`, `Role`, `FederatedUser`, `Account`, `Service`, `WebIdentity`, `CanonicalUser`, `Anonymous`, `Unknown`. */
  principalType: string;
  principalAccount?: string;
  action: string;
  resource: string;
  resourceAccount?: string;
  crossAccount: boolean;
  location: Location;
}

/** `{"items": [...]}`, as a decoded authorization message wraps every list. */
export interface Items<T> {
  items: T[];
}

/** The answer in the shape of `aws sts decode-authorization-message` output. */
export interface AuthorizationMessage {
  allowed: boolean;
  explicitDeny: boolean;
  matchedStatements: Items<{
    statementId: string;
    effect: 'ALLOW' | 'DENY';
    principals: Items<{ value: string }>;
    principalGroups: Items<{ value: string }>;
    actions: Items<{ value: string }>;
    resources: Items<{ value: string }>;
    conditions: Items<{ key: string; values: Items<{ value: string }> }>;
  }>;
  failures: Items<{ value: string }>;
  context: {
    principal: { id?: string; name?: string; arn: string };
    action: string;
    resource: string;
    conditions: Items<{ key: string; values: Items<{ value: string }> }>;
  };
}

/** Why AWS checks passing a role at all (on every `iam:PassRole` result). */
export interface PassRoleNote {
  summary: string;
  explanation: string;
  learnMore: string;
}

/** The result for one request. */
export interface RequestResult {
  /** Index in the scenario's requests. */
  index: number;
  request: RequestInfo;
  decision: Decision;
  /** The layer that decided. */
  decidedBy: LayerKind;
  /** One sentence saying why. */
  summary: string;
  /** Every layer in AWS's order, with its outcome. */
  layers: LayerResult[];
  /** The statements that decided. */
  matchedStatements: StatementRef[];
  /** Every statement of every policy considered, explained. */
  statements: StatementExplanation[];
  context: ContextKeyInfo[];
  missingContextKeys: MissingKey[];
  authorizationMessage: AuthorizationMessage;
  /** Statements switched off by `whatIf.disabled`, explained as if they were on. */
  disabledStatements?: StatementExplanation[];
  passRoleNote?: PassRoleNote;
}

/** One request's brief result (`decide`): its decision and the statements that decided. */
export interface BriefRequest {
  /** Index in the scenario's requests. */
  index: number;
  decision: Decision;
  /** The layer that decided. */
  decidedBy: LayerKind;
  /** The statements that decided (as `RequestResult.matchedStatements`). */
  matchedStatements: StatementRef[];
}

/**
 * The brief answer (`decide`): the same decisions, deciding statements and diagnostics as
 * `Answer`, without the explanations.
 */
export interface Brief {
  /** The engine's version. */
  engineVersion: string;
  /** `evaluated`, or `invalid` when errors prevented a decision (see `diagnostics`). */
  status: 'evaluated' | 'invalid';
  name?: string;
  /** The combined decision (absent when invalid): Allow only if every request is allowed. */
  decision?: Decision;
  /** One result per request, in order (empty when invalid). */
  requests: BriefRequest[];
  /** Errors (when invalid) and warnings, sorted by position. */
  diagnostics: Diagnostic[];
}

/** The engine's answer for one scenario. */
export interface Answer {
  /** The engine's version. */
  engineVersion: string;
  /** `evaluated`, or `invalid` when errors prevented a decision (see `diagnostics`). */
  status: 'evaluated' | 'invalid';
  name?: string;
  /** The combined decision (absent when invalid): Allow only if every request is allowed. */
  decision?: Decision;
  /** One result per request, in order (empty when invalid). */
  requests: RequestResult[];
  /** Errors (when invalid) and warnings, sorted by position. */
  diagnostics: Diagnostic[];
  /** Every policy of the scenario, with its place. */
  policies: PolicyInfo[];
}
