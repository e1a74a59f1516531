// Which policy types take part in a decision (§4.2, §4.6 step 2): SCPs for member-account IAM principals,
// RCPs for member-account resources of supported services, identity/boundary/session for IAM principals.

import type { CompiledPolicy, CompiledPolicySet } from '../compile/index.js';
import type { AuthorizationRequest } from './request.js';

/** Services whose resources RCPs govern (AWS Organizations RCP documentation, §4.2). */
export const RCP_SERVICES: ReadonlySet<string> = new Set([
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'cognito-identity',
  'logs',
  'dynamodb',
  'ecr',
  'aoss',
]);

export interface Applicability {
  readonly scpApplies: boolean;
  readonly rcpApplies: boolean;
  readonly rcpLevels: CompiledPolicySet['rcp'];
  readonly scpLevels: CompiledPolicySet['scp'];
  /** Identity policies, boundary and session policies belong to IAM users, role sessions and federated users. */
  readonly hasPrincipalPolicies: boolean;
  readonly isSessionPrincipal: boolean;
  readonly boundary: CompiledPolicy | undefined;
  readonly session: readonly CompiledPolicy[];
}

export const applicability = (set: CompiledPolicySet, request: AuthorizationRequest): Applicability => {
  const kind = request.principal.kind;
  const isIamPrincipal = kind === 'user' || kind === 'role-session' || kind === 'federated-user' || kind === 'root';
  const scpApplies = isIamPrincipal && !request.isManagementAccount && !request.isServiceLinkedRole;
  const rcpApplies =
    !request.resourceAccountIsManagement && !request.isServiceLinkedRole && RCP_SERVICES.has(request.service);
  const hasPrincipalPolicies = kind === 'user' || kind === 'role-session' || kind === 'federated-user';
  const isSessionPrincipal = kind === 'role-session' || kind === 'federated-user';
  return {
    scpApplies,
    rcpApplies,
    rcpLevels: rcpApplies ? set.rcp : [],
    scpLevels: scpApplies ? set.scp : [],
    hasPrincipalPolicies,
    isSessionPrincipal,
    boundary: hasPrincipalPolicies ? set.boundary : undefined,
    session: isSessionPrincipal ? set.session : [],
  };
};
