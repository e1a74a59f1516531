// Whether one statement applies to a request: Action ∧ Resource ∧ Principal (resource-based policies only)
// ∧ Condition (§4.1). Each element test is exported for the explanation builder.

import { evaluateCondition, singleValue } from '../conditions/index.js';
import type { CompiledStatement } from '../compile/index.js';
import { compileArnPattern, resolveTemplate } from '../match/index.js';
import { bestMatch, isExemptFromNotPrincipal, type PrincipalMatch } from '../principal/index.js';
import type { AuthorizationRequest } from './request.js';

export const actionMatches = (st: CompiledStatement, actionKey: string): boolean => {
  let matched = false;
  for (const m of st.actions) {
    if (m(actionKey)) {
      matched = true;
      break;
    }
  }
  return matched !== st.isActionNegated;
};

export const resourceMatches = (st: CompiledStatement, request: AuthorizationRequest): boolean => {
  const resources = st.resources;
  if (resources === undefined) return true;
  let matched = false;
  for (const m of resources.matchers) {
    if (m.kind === 'static') {
      if (m.matches(request.resource)) {
        matched = true;
        break;
      }
      continue;
    }
    // A variable without a value makes the entry match nothing (§2.2, §3.3).
    const text = resolveTemplate(m.template, (key) => singleValue(request.context, key));
    if (text !== undefined && compileArnPattern(text)(request.resource)) {
      matched = true;
      break;
    }
  }
  return matched !== resources.isNegated;
};

export const conditionsHold = (st: CompiledStatement, request: AuthorizationRequest): boolean => {
  for (const c of st.conditions) if (!evaluateCondition(c, request.context)) return false;
  return true;
};

/**
 * How the statement's Principal element matches the caller: 'none' when it does not apply. A statement
 * without Principal (identity, boundary, session, SCP) matches as 'direct'. A Deny with NotPrincipal
 * always applies to a user or role session that has a permissions boundary (§2.4).
 */
export const principalMatch = (
  st: CompiledStatement,
  request: AuthorizationRequest,
  hasBoundary: boolean,
): PrincipalMatch => {
  const principal = st.principal;
  if (principal === undefined) return 'direct';
  if (!principal.isNegated) return bestMatch(principal.entries, request.principal);
  const kind = request.principal.kind;
  if (!st.isAllow && hasBoundary && (kind === 'user' || kind === 'role-session')) return 'direct';
  return isExemptFromNotPrincipal(principal.entries, request.principal) ? 'none' : 'direct';
};

/** Action, resource and conditions (everything but the principal). */
export const statementApplies = (st: CompiledStatement, request: AuthorizationRequest): boolean =>
  actionMatches(st, request.actionKey) && resourceMatches(st, request) && conditionsHold(st, request);
