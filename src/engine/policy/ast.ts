// The normalised policy document: what the parser produces and what validation and compilation consume.
// Every shorthand of the JSON grammar (single values without brackets, "*" principals) is expanded here,
// so later stages never see `T | T[]`. See ../shared/reference/aws-iam-sts.md §1.

export const POLICY_TYPES = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

export const POLICY_VERSIONS = ['2012-10-17', '2008-10-17'] as const;
export type PolicyVersion = (typeof POLICY_VERSIONS)[number];

export type Effect = 'Allow' | 'Deny';

/** Where something stands in the source: a JSON pointer, and line/column (1-based) when parsed from text. */
export interface Location {
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
}

export interface Policy {
  /** The Version element; '2008-10-17' when absent (§1.2). */
  readonly version: PolicyVersion;
  /** True when the document carried no Version element. */
  readonly versionDefaulted: boolean;
  readonly id?: string;
  readonly statements: readonly Statement[];
}

export interface Statement {
  /** Position in the Statement array (0 when Statement is a lone object). */
  readonly index: number;
  /** JSON pointer of the statement object: "/Statement/0", or "/Statement" for a lone object. */
  readonly pointer: string;
  readonly sid?: string;
  readonly effect: Effect;
  readonly principal?: PrincipalElement;
  readonly action: ActionElement;
  /** Absent in resource-based and trust policies that leave it out (the policy's own resource). */
  readonly resource?: ResourceElement;
  readonly conditions: readonly ConditionClause[];
}

export type PrincipalKind = 'AWS' | 'Federated' | 'Service' | 'CanonicalUser';

/** `"*"` and `{"AWS":"*"}` both become `{kind: 'any'}`: everyone, including anonymous callers (§2.3). */
export type PrincipalEntry =
  | { readonly kind: 'any'; readonly pointer: string }
  | { readonly kind: PrincipalKind; readonly value: string; readonly pointer: string };

export interface PrincipalElement {
  readonly kind: 'Principal' | 'NotPrincipal';
  readonly entries: readonly PrincipalEntry[];
  readonly pointer: string;
}

export interface ActionElement {
  readonly kind: 'Action' | 'NotAction';
  readonly patterns: readonly string[];
  readonly pointer: string;
}

export interface ResourceElement {
  readonly kind: 'Resource' | 'NotResource';
  readonly patterns: readonly string[];
  readonly pointer: string;
}

export type SetQualifier = 'none' | 'ForAllValues' | 'ForAnyValue';

/** One operator/key pair of a Condition block; the block is the AND of its clauses (§3.1). */
export interface ConditionClause {
  /** "/Statement/0/Condition/StringEquals/aws:username" (JSON-pointer escaped). */
  readonly pointer: string;
  /** The operator exactly as written, e.g. "ForAnyValue:StringLikeIfExists". */
  readonly operator: string;
  /** The operator without qualifier and IfExists suffix, e.g. "StringLike". */
  readonly baseOperator: string;
  readonly qualifier: SetQualifier;
  readonly ifExists: boolean;
  /** The condition key exactly as written (matching is case-insensitive). */
  readonly key: string;
  /** Values as strings: JSON booleans and numbers are stringified (§1.1). */
  readonly values: readonly string[];
}
