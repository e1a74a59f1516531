// Builds the explanation of a decision: walks every policy of the set and records, statement by statement,
// what matched and what did not. Runs only when an explanation is asked for.

import type { CompiledPolicy, CompiledPolicySet, CompiledStatement } from '../compile/index.js';
import { evaluateCondition } from '../conditions/index.js';
import { templateKeys } from '../match/index.js';
import type { PrincipalEntry } from '../policy/index.js';
import {
  actionMatches,
  applicability,
  principalMatch,
  resourceMatches,
  type AuthorizationRequest,
  type Explanation,
  type Failure,
  type PolicyTrace,
  type StatementTrace,
} from '../evaluate/index.js';

const entryText = (e: PrincipalEntry): string => (e.kind === 'any' ? '*' : `${e.kind}:${e.value}`);

interface TraceScope {
  readonly request: AuthorizationRequest;
  readonly hasBoundary: boolean;
  readonly missing: Set<string>;
}

const traceStatement = (st: CompiledStatement, scope: TraceScope): StatementTrace => {
  const { request } = scope;
  const { statement } = st;
  const failures: Failure[] = [];
  const isActionMatch = actionMatches(st, request.actionKey);
  if (!isActionMatch) {
    const patterns = statement.action.patterns;
    failures.push(
      st.isActionNegated
        ? { code: 'action-excluded', element: 'NotAction', patterns }
        : { code: 'action-not-matched', element: 'Action', patterns },
    );
  }
  if (!resourceMatches(st, request) && statement.resource) {
    const patterns = statement.resource.patterns;
    failures.push(
      statement.resource.kind === 'NotResource'
        ? { code: 'resource-excluded', element: 'NotResource', patterns }
        : { code: 'resource-not-matched', element: 'Resource', patterns },
    );
  }
  for (const resource of st.resources?.matchers ?? []) {
    if (resource.kind === 'template' && isActionMatch) {
      for (const key of templateKeys(resource.template)) if (!request.context.has(key)) scope.missing.add(key);
    }
  }
  const match = principalMatch(st, request, scope.hasBoundary);
  if (match === 'none' && statement.principal) {
    const entries = statement.principal.entries.map(entryText);
    failures.push(
      statement.principal.kind === 'NotPrincipal'
        ? { code: 'principal-exempt', element: 'NotPrincipal', entries }
        : { code: 'principal-not-matched', element: 'Principal', entries },
    );
  }
  for (const condition of st.conditions) {
    const entry = request.context.get(condition.key);
    if (entry === undefined && isActionMatch) scope.missing.add(condition.key);
    if (condition.kind === 'operator') {
      for (const value of condition.values) {
        if (value.kind !== 'template' || !isActionMatch) continue;
        for (const key of templateKeys(value.template)) if (!request.context.has(key)) scope.missing.add(key);
      }
    }
    if (evaluateCondition(condition, request.context)) continue;
    failures.push({
      code: 'condition-failed',
      element: 'Condition',
      operator: condition.clause.operator,
      key: condition.clause.key,
      policyValues: condition.clause.values,
      requestValues: entry === undefined ? null : entry.values,
    });
  }
  return {
    index: statement.index,
    ...(statement.sid !== undefined && { sid: statement.sid }),
    effect: statement.effect,
    pointer: statement.pointer,
    applies: failures.length === 0,
    ...(statement.principal && { principalMatch: match }),
    failures,
  };
};

const tracePolicy = (policy: CompiledPolicy, scope: TraceScope, isApplicable: boolean, level?: number): PolicyTrace => ({
  type: policy.type,
  name: policy.name,
  ...(level !== undefined && { level }),
  isApplicable,
  statements: policy.statements.map((st) => traceStatement(st, scope)),
});

export const explain = (set: CompiledPolicySet, request: AuthorizationRequest): Explanation => {
  const a = applicability(set, request);
  const scope: TraceScope = { request, hasBoundary: a.boundary !== undefined, missing: new Set() };
  const policies: PolicyTrace[] = [
    ...set.rcp.flatMap((level, i) => level.map((p) => tracePolicy(p, scope, a.rcpApplies, i))),
    ...set.scp.flatMap((level, i) => level.map((p) => tracePolicy(p, scope, a.scpApplies, i))),
    ...(set.resource ? [tracePolicy(set.resource, scope, true)] : []),
    ...set.identity.map((p) => tracePolicy(p, scope, a.hasPrincipalPolicies)),
    ...(set.boundary ? [tracePolicy(set.boundary, scope, a.hasPrincipalPolicies)] : []),
    ...set.session.map((p) => tracePolicy(p, scope, a.isSessionPrincipal)),
  ];
  return { policies, missingContextKeys: [...scope.missing].sort() };
};
