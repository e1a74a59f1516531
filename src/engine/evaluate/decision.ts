// A decision is data (STYLE "The engine pipeline"): the effect, the policy type that decided, a stable
// reason code, the statement that decided, and — when asked for — the full explanation.

import type { Explanation } from './explanation.js';
import type { PolicyType } from '../policy/index.js';

export type Effect = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** The policy type that decided; `always` for actions no policy can deny, `root` for the root user's own access. */
export type DecidedBy = PolicyType | 'always' | 'root';

export type ReasonCode =
  | 'always-allowed'
  | 'root-implicit-allow'
  | 'resource-policy-allow'
  | 'identity-policy-allow'
  | 'explicit-deny'
  | 'no-allow'
  | 'root-cannot-assume-role'
  | 'federated-user-without-session-policy';

/** Which statement decided: a Deny that applied, or the Allow that granted. */
export interface StatementRef {
  readonly policyType: PolicyType;
  readonly policyName: string;
  /** Hierarchy level for SCPs and RCPs (0 = organization root). */
  readonly level?: number;
  readonly statementIndex: number;
  readonly sid?: string;
}

export interface Decision {
  readonly decision: Effect;
  readonly decidedBy: DecidedBy;
  readonly reason: ReasonCode;
  readonly statement?: StatementRef;
  readonly explanation?: Explanation;
}
