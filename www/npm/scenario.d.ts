// A scenario: the policies in force and the request(s) to decide (format 1.1, documented in
// docs/scenario-format.md of the iam-playground project; docs/scenario.schema.json is the same
// as a JSON Schema). `evaluate` takes one as an object or as its JSON text.

/** A string, or a non-empty array of strings. */
export type OneOrMany = string | [string, ...string[]];

/** `Principal`/`NotPrincipal`: `"*"`, or principals by type. */
export type Principal =
  | '*'
  | {
      AWS?: OneOrMany;
      Service?: OneOrMany;
      Federated?: OneOrMany;
      CanonicalUser?: OneOrMany;
    };

/** The base condition operators, from the engine's table ("Condition operators"). */
export type BaseConditionOperator =
  | 'StringEquals' | 'StringNotEquals' | 'StringEqualsIgnoreCase' | 'StringNotEqualsIgnoreCase' | 'StringLike' | 'StringNotLike'
  | 'NumericEquals' | 'NumericNotEquals' | 'NumericLessThan' | 'NumericLessThanEquals' | 'NumericGreaterThan' | 'NumericGreaterThanEquals'
  | 'DateEquals' | 'DateNotEquals' | 'DateLessThan' | 'DateLessThanEquals' | 'DateGreaterThan' | 'DateGreaterThanEquals'
  | 'Bool'
  | 'BinaryEquals'
  | 'IpAddress' | 'NotIpAddress'
  | 'ArnEquals' | 'ArnLike' | 'ArnNotEquals' | 'ArnNotLike'
  | 'Null';

/** `[ForAllValues:|ForAnyValue:]Base[IfExists]` (there is no `NullIfExists`). */
export type ConditionOperator = `${'' | 'ForAllValues:' | 'ForAnyValue:'}${
  | BaseConditionOperator
  | `${Exclude<BaseConditionOperator, 'Null'>}IfExists`}`;

/** A condition value: numbers and booleans compare as the text they are written as. */
export type ConditionValue = string | number | boolean | [string | number | boolean, ...(string | number | boolean)[]];

/** `Condition`: operator → condition key → value(s); every operator and key must hold. */
export type Condition = { [operator in ConditionOperator]?: { [key: string]: ConditionValue } };

/** One statement of a policy. */
export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Principal;
  NotPrincipal?: Principal;
  Action?: OneOrMany;
  NotAction?: OneOrMany;
  Resource?: OneOrMany;
  NotResource?: OneOrMany;
  Condition?: Condition;
}

/** An IAM JSON policy document, as AWS takes it. */
export interface PolicyDocument {
  Version?: '2012-10-17' | '2008-10-17';
  Id?: string;
  Statement: Statement | Statement[];
}

/** A policy: a document, a named document, a JSON string holding a document, or an AWS managed policy by name. */
export type Policy =
  | PolicyDocument
  | { name?: string; document: PolicyDocument | string }
  | string
  | { managed: string };

/** One level of an organization (root, an OU, the account) for SCPs or RCPs. */
export type Level = Policy | { name?: string; policies: Policy[] };

/** The policies in force, by kind; an absent kind means none. */
export interface Policies {
  identity?: Policy | Policy[];
  permissionsBoundary?: Policy;
  session?: Policy;
  resource?: Policy;
  scp?: Level[];
  rcp?: Level[];
  /** (Format 1.1) The endpoint policy of the VPC endpoint the request passes through. */
  vpcEndpoint?: Policy;
}

/** A context value: a string, number or boolean, or an array of them (a multivalued key). */
export type ContextValue = string | number | boolean | (string | number | boolean)[];

/** A request to decide. */
export interface Request {
  /** An IAM user, role, role session, federated user or root ARN; a service principal; or `"anonymous"`. */
  principal: string;
  /** One action, such as `iam:PassRole`. */
  action: string;
  /** The resource ARN, or `*`. */
  resource: string;
  /** The resource's 12-digit account, where the ARN has none (S3). */
  resourceAccount?: string;
  /** Condition keys and values (key names are case-insensitive). */
  context?: { [key: string]: ContextValue };
}

/** What a test expects of one request. */
export interface RequestExpectation {
  decision?: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** The Sids of the statements that decided, as a set. */
  matched?: string[];
  /** Why this decision is expected; with a denial, what the denial teaches (fix suggestions show it instead of a fix). */
  because?: string;
  /** `true`: an expected denial is the problem the scenario poses, so fixes are suggested for it (by default it is the lesson). */
  fixable?: boolean;
}

/** What a test expects (`iam-playground test`). */
export interface Expectation extends RequestExpectation {
  /** One expectation per request, in order. */
  requests?: RequestExpectation[];
  /** The scenario must be rejected with this diagnostic code. */
  error?: string;
  errors?: OneOrMany;
  /** These warning codes must be reported. */
  warnings?: OneOrMany;
}

/** A policy, or one of its statements, switched off. */
export interface WhatIfSwitch {
  kind: 'identity' | 'permissionsBoundary' | 'session' | 'resource' | 'scp' | 'rcp' | 'vpcEndpoint';
  index?: number;
  position?: number;
  statement?: number;
  name?: string;
}

interface ScenarioBase {
  /** The address of the JSON Schema, for editors. */
  $schema?: string;
  name?: string;
  description?: string;
  policies: Policies;
  expect?: Expectation;
  whatIf?: { disabled?: WhatIfSwitch[] };
}

/** A scenario: the policies and one request, or several. */
export type Scenario =
  | (ScenarioBase & { request: Request; requests?: never })
  | (ScenarioBase & { requests: [Request, ...Request[]]; request?: never });
