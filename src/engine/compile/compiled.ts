// The compiled form of a policy: matchers prebuilt and statements indexed by service prefix, so evaluating
// a request does no parsing (DESIGN decision 2).

import type { Matcher, Template } from '../match/index.js';
import type { CompiledCondition } from '../conditions/index.js';
import type { Policy, PolicyType, PrincipalEntry, Statement } from '../policy/index.js';

export type ResourceMatcher =
  | { readonly kind: 'static'; readonly matches: Matcher }
  /** Holds policy variables: resolved against each request, then matched as an ARN pattern. */
  | { readonly kind: 'template'; readonly template: Template };

export interface CompiledStatement {
  readonly statement: Statement;
  readonly isAllow: boolean;
  /** NotAction: the statement covers every action that matches none of the patterns. */
  readonly isActionNegated: boolean;
  /** Lower-cased action patterns (action names are case-insensitive, §2.1). */
  readonly actions: readonly Matcher[];
  /** Undefined when the statement has no Resource/NotResource (a resource-based policy's own resource). */
  readonly resources?: { readonly isNegated: boolean; readonly matchers: readonly ResourceMatcher[] };
  readonly principal?: { readonly isNegated: boolean; readonly entries: readonly PrincipalEntry[] };
  readonly conditions: readonly CompiledCondition[];
}

export interface CompiledPolicy {
  readonly type: PolicyType;
  /** A label for explanations: a policy name or ARN, or "identity[2]". */
  readonly name: string;
  readonly policy: Policy;
  readonly statements: readonly CompiledStatement[];
  /** Statements that can apply to actions of a service (lower-cased prefix), in document order. */
  readonly byService: ReadonlyMap<string, readonly CompiledStatement[]>;
  /** Statements that can apply to a service not in byService (wildcard prefixes, NotAction). */
  readonly otherServices: readonly CompiledStatement[];
}

/** The statements of a policy that may apply to an action of the given service. */
export const candidateStatements = (policy: CompiledPolicy, service: string): readonly CompiledStatement[] =>
  policy.byService.get(service) ?? policy.otherServices;

/** Every policy that can take part in one decision. */
export interface CompiledPolicySet {
  readonly identity: readonly CompiledPolicy[];
  /** The resource-based policy: a bucket or key policy, or a role trust policy (type 'trust'). */
  readonly resource?: CompiledPolicy;
  readonly boundary?: CompiledPolicy;
  readonly session: readonly CompiledPolicy[];
  /** SCPs per level of the principal's account, root first. */
  readonly scp: readonly (readonly CompiledPolicy[])[];
  /** RCPs per level of the resource's account, root first. */
  readonly rcp: readonly (readonly CompiledPolicy[])[];
}
