// The decision procedure of §4.6: which policy types apply, explicit deny anywhere, the RCP and SCP gates,
// the root user, resource-based policies (same account and cross-account), then identity, boundary and
// session policies. Every step is a filter; the order only decides which reason is reported.
//
// How policy types combine (§4.1–§4.5), per kind of grant:
//
// | grant through                               | identity Allow | boundary caps | session policy caps | SCP/RCP gate |
// |---------------------------------------------|----------------|---------------|---------------------|--------------|
// | identity policy (same account)              | required       | yes           | yes                 | yes          |
// | RBP naming user / session / fed-user / `*`  | not needed     | no            | no                  | yes          |
// | RBP naming the role of a session            | not needed     | yes           | yes                 | yes          |
// | RBP naming a federated user's parent user   | not needed     | yes           | yes (none ⇒ deny)   | yes          |
// | RBP naming the account                      | required       | yes           | yes                 | yes          |
// | cross-account (any RBP entry)               | required       | yes           | yes                 | yes          |
// | anonymous / service / IdP caller            | n/a            | n/a           | n/a                 | RCP only     |
// | root user, same account                     | n/a (implicit) | n/a           | n/a                 | yes          |
//
// An explicit Deny in any applicable policy wins over all of the above. Trust policies and KMS key policies
// must allow in every case (§4.3). RCPs only ever deny explicitly: RCPFullAWSAccess (Allow * on *) is
// attached to every node of the organization and cannot be detached, and customer RCPs may only Deny
// (§1.3, §4.2), so every RCP level always has an applicable Allow and the step-4 gate always passes.

import type { CompiledPolicy, CompiledPolicySet } from '../compile/index.js';
import { principalAccount } from '../principal/index.js';
import type { PolicyType } from '../policy/index.js';
import type { DecidedBy, Decision, ReasonCode } from './decision.js';
import type { AuthorizationRequest } from './request.js';
import { applicability, type Applicability } from './applicability.js';
import { anyAllows, findAllow, findDeny, statementRef, strongestGrant, type ScanScope } from './scan.js';

/** Actions no policy can deny (§4.6 step 0). */
const ALWAYS_ALLOWED: ReadonlySet<string> = new Set(['sts:getcalleridentity']);

const KMS_KEY = /^arn:[^:]+:kms:[^:]*:[^:]*:key\//;

const allow = (decidedBy: DecidedBy, reason: ReasonCode, extra?: Partial<Decision>): Decision => ({
  decision: 'Allow',
  decidedBy,
  reason,
  ...extra,
});

const implicitDeny = (decidedBy: DecidedBy, reason: ReasonCode = 'no-allow'): Decision => ({
  decision: 'ImplicitDeny',
  decidedBy,
  reason,
});

/** §4.6 step 3: the first applicable Deny, in the order rcp, scp, resource, identity, boundary, session. */
const explicitDeny = (set: CompiledPolicySet, a: Applicability, scope: ScanScope): Decision | undefined => {
  const check = (policy: CompiledPolicy, level?: number): Decision | undefined => {
    const st = findDeny(policy, scope);
    return st === undefined
      ? undefined
      : { decision: 'ExplicitDeny', decidedBy: policy.type, reason: 'explicit-deny', statement: statementRef(policy, st, level) };
  };
  for (const levels of [a.rcpLevels, a.scpLevels]) {
    for (let level = 0; level < levels.length; level++) {
      for (const policy of levels[level]!) {
        const found = check(policy, level);
        if (found) return found;
      }
    }
  }
  const rest: CompiledPolicy[] = [
    ...(set.resource ? [set.resource] : []),
    ...(a.hasPrincipalPolicies ? set.identity : []),
    ...(a.boundary ? [a.boundary] : []),
    ...a.session,
  ];
  for (const policy of rest) {
    const found = check(policy);
    if (found) return found;
  }
  return undefined;
};

/** §4.6 step 5: every level of the SCP hierarchy must have an applicable Allow. */
const gate = (levels: CompiledPolicySet['scp'], type: PolicyType, scope: ScanScope): Decision | undefined => {
  for (const level of levels) if (!anyAllows(level, scope)) return implicitDeny(type);
  return undefined;
};

/** §4.6 steps 11–12: the boundary and session policies cap what identity or role/parent grants allow. */
const caps = (a: Applicability, request: AuthorizationRequest, scope: ScanScope): Decision | undefined => {
  if (a.boundary && findAllow(a.boundary, scope) === undefined) return implicitDeny('boundary');
  if (request.principal.kind === 'federated-user' && a.session.length === 0) {
    // A federated user without a session policy has no permissions but what RBPs grant its own ARN (§4.3).
    return implicitDeny('session', 'federated-user-without-session-policy');
  }
  if (a.session.length > 0 && !anyAllows(a.session, scope)) return implicitDeny('session');
  return undefined;
};

/** §4.6 steps 10–13: the principal's own policies. */
const principalSide = (set: CompiledPolicySet, a: Applicability, request: AuthorizationRequest, scope: ScanScope): Decision => {
  let granted;
  for (const policy of set.identity) {
    const st = findAllow(policy, scope);
    if (st !== undefined) {
      granted = statementRef(policy, st);
      break;
    }
  }
  if (granted === undefined) return implicitDeny('identity');
  return caps(a, request, scope) ?? allow('identity', 'identity-policy-allow', { statement: granted });
};

export const decide = (set: CompiledPolicySet, request: AuthorizationRequest): Decision => {
  if (ALWAYS_ALLOWED.has(request.actionKey)) return allow('always', 'always-allowed');

  const a = applicability(set, request);
  const scope: ScanScope = { request, hasBoundary: a.boundary !== undefined };

  const denied = explicitDeny(set, a, scope);
  if (denied) return denied;
  const gated = gate(a.scpLevels, 'scp', scope);
  if (gated) return gated;

  const { principal } = request;
  const account = principalAccount(principal);
  const sameAccount = account !== undefined && account === request.resourceAccount;
  const rbp = set.resource;
  const rbpType: PolicyType = rbp?.type ?? 'resource';
  const grant = rbp ? strongestGrant(rbp, scope) : undefined;
  const grantRef = grant && rbp ? statementRef(rbp, grant.statement) : undefined;
  const rbpAllows = (): Decision => allow(rbpType, 'resource-policy-allow', grantRef && { statement: grantRef });
  const mustRbpAllow = rbp?.type === 'trust' || KMS_KEY.test(request.resource);

  // §4.6 step 6: the root user has no identity policies; its own account is fully open to it.
  if (principal.kind === 'root') {
    if (request.actionKey === 'sts:assumerole') return implicitDeny('root', 'root-cannot-assume-role');
    if (sameAccount && !mustRbpAllow) return allow('root', 'root-implicit-allow');
    return grant ? rbpAllows() : implicitDeny(rbpType);
  }

  // §4.6 step 8: callers outside the resource's account need the resource-based policy in every case.
  if (!sameAccount) {
    if (grant === undefined) return implicitDeny(rbpType);
    if (!a.hasPrincipalPolicies) return rbpAllows(); // anonymous, services, IdP callers
    return principalSide(set, a, request, scope);
  }

  // §4.6 step 9: same-account grants that stand alone, or only within the boundary and session policy.
  switch (grant?.match) {
    case 'direct':
      return rbpAllows();
    case 'role':
    case 'parent':
      return caps(a, request, scope) ?? rbpAllows();
    default:
      if (mustRbpAllow && grant === undefined) return implicitDeny(rbpType);
      return principalSide(set, a, request, scope);
  }
};
