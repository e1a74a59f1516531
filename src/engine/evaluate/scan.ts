// Scans compiled policies for the statements that apply to a request: the first applicable Deny, the
// first applicable Allow, and for resource-based policies the strongest principal match among Allows.

import { candidateStatements, type CompiledPolicy, type CompiledStatement } from '../compile/index.js';
import { PRINCIPAL_MATCH_RANK, type PrincipalMatch } from '../principal/index.js';
import type { StatementRef } from './decision.js';
import type { AuthorizationRequest } from './request.js';
import { principalMatch, statementApplies } from './statement.js';

export const statementRef = (policy: CompiledPolicy, st: CompiledStatement, level?: number): StatementRef => ({
  policyType: policy.type,
  policyName: policy.name,
  ...(level !== undefined && { level }),
  statementIndex: st.statement.index,
  ...(st.statement.sid !== undefined && { sid: st.statement.sid }),
});

/** The scan options every call shares: the request and whether the caller has a permissions boundary. */
export interface ScanScope {
  readonly request: AuthorizationRequest;
  readonly hasBoundary: boolean;
}

const applies = (st: CompiledStatement, scope: ScanScope): PrincipalMatch => {
  if (!statementApplies(st, scope.request)) return 'none';
  return principalMatch(st, scope.request, scope.hasBoundary);
};

/** The first Deny statement of the policy that applies. */
export const findDeny = (policy: CompiledPolicy, scope: ScanScope): CompiledStatement | undefined => {
  for (const st of candidateStatements(policy, scope.request.service)) {
    if (!st.isAllow && applies(st, scope) !== 'none') return st;
  }
  return undefined;
};

/** The first Allow statement of the policy that applies. */
export const findAllow = (policy: CompiledPolicy, scope: ScanScope): CompiledStatement | undefined => {
  for (const st of candidateStatements(policy, scope.request.service)) {
    if (st.isAllow && applies(st, scope) !== 'none') return st;
  }
  return undefined;
};

/** True when some policy of the list has an applicable Allow. */
export const anyAllows = (policies: readonly CompiledPolicy[], scope: ScanScope): boolean => {
  for (const policy of policies) if (findAllow(policy, scope) !== undefined) return true;
  return false;
};

export interface ResourceGrant {
  readonly statement: CompiledStatement;
  readonly match: PrincipalMatch;
}

/** The applicable Allow of a resource-based policy whose principal entry matched most strongly (§4.6 step 7). */
export const strongestGrant = (policy: CompiledPolicy, scope: ScanScope): ResourceGrant | undefined => {
  let best: ResourceGrant | undefined;
  for (const st of candidateStatements(policy, scope.request.service)) {
    if (!st.isAllow) continue;
    const match = applies(st, scope);
    if (match !== 'none' && (best === undefined || PRINCIPAL_MATCH_RANK[match] > PRINCIPAL_MATCH_RANK[best.match])) best = { statement: st, match };
  }
  return best;
};
