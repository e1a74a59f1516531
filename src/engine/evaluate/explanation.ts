// The explanation of a decision as data: every policy and statement that took part, whether each applied,
// and for those that did not, which element failed and with what values (STYLE "The engine pipeline").
// Renderers (text, API, console) read this; the evaluator never formats text.

import type { PolicyType } from '../policy/index.js';
import type { PrincipalMatch } from '../principal/index.js';

export type Failure =
  | { readonly code: 'action-not-matched'; readonly element: 'Action'; readonly patterns: readonly string[] }
  | { readonly code: 'action-excluded'; readonly element: 'NotAction'; readonly patterns: readonly string[] }
  | { readonly code: 'resource-not-matched'; readonly element: 'Resource'; readonly patterns: readonly string[] }
  | { readonly code: 'resource-excluded'; readonly element: 'NotResource'; readonly patterns: readonly string[] }
  | { readonly code: 'principal-not-matched'; readonly element: 'Principal'; readonly entries: readonly string[] }
  | { readonly code: 'principal-exempt'; readonly element: 'NotPrincipal'; readonly entries: readonly string[] }
  | {
      readonly code: 'condition-failed';
      readonly element: 'Condition';
      readonly operator: string;
      readonly key: string;
      readonly policyValues: readonly string[];
      /** The request's values for the key; null when the key is absent. */
      readonly requestValues: readonly string[] | null;
    };

export type FailureCode = Failure['code'];

export interface StatementTrace {
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly pointer: string;
  readonly applies: boolean;
  /** For statements with Principal/NotPrincipal: how the caller matched. */
  readonly principalMatch?: PrincipalMatch;
  readonly failures: readonly Failure[];
}

export interface PolicyTrace {
  readonly type: PolicyType;
  readonly name: string;
  readonly level?: number;
  /** False when the policy type does not apply to this request (e.g. SCPs for the management account). */
  readonly isApplicable: boolean;
  readonly statements: readonly StatementTrace[];
}

export interface Explanation {
  readonly policies: readonly PolicyTrace[];
  /** Condition keys (lower-case) that conditions or variables referred to but the request did not carry. */
  readonly missingContextKeys: readonly string[];
}
