// What AssumeRoleWithWebIdentity and AssumeRoleWithSAML share: the role named by ARN, its trust policy
// decided by the engine for the IdP principal (§5.5), session tags and source identity from the IdP
// (§5.7, §5.8), session policies with their packed size (§5.6), the duration (§5.4) and the output.

import {
  buildContext,
  checkPolicy,
  compilePolicy,
  evaluate,
  type AuthorizationRequest,
  type CompiledPolicySet,
  type ContextValueInput,
  type RequestPrincipal,
} from '../../engine/index.js';
import { assumedRoleArn, AwsError, parseIamArn, validationError } from '../../domain/index.js';
import { FederationError } from '../../sts/index.js';
import type { StoredRecord } from '../../store/index.js';
import { dataOf, KIND, type RoleData } from '../iam/records.js';
import { requestTagContext, resourceTagContext } from '../iam/tags.js';
import { DEFAULT_MAX_SESSION_DURATION } from '../iam/roles.js';
import { effectiveTrustPolicy } from '../iam/trust-principals.js';
import { packedPolicySize, requirePackedSize, type SessionPolicies } from './session-policies.js';
import { issueSession } from './issue.js';
import type { UnsignedStsDeps } from './unsigned.js';

export type FederatedAction = 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRoleWithSAML';

const MAX_SESSION_TAGS = 50;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;

export const notAuthorized = (action: FederatedAction): AwsError => new AwsError('AccessDenied', `Not authorized to perform ${action}`);

/** The FederationError of the verifiers as the AWS error it names. */
export const asAwsError = (error: unknown): unknown => (error instanceof FederationError ? new AwsError(error.code, error.message) : error);

export interface FederatedRole {
  readonly record: StoredRecord;
  readonly data: RoleData;
  readonly account: string;
}

/** The role named by ARN (path and all); a role that does not exist is simply not assumable (AccessDenied). */
export const findFederatedRole = (deps: UnsignedStsDeps, roleArn: string, action: FederatedAction): FederatedRole => {
  const parsed = parseIamArn(roleArn);
  if (parsed === undefined || parsed.type !== 'role' || parsed.account === 'aws') throw validationError('Request ARN is invalid');
  const record = deps.state.byName(parsed.account, KIND.role, '', parsed.name);
  if (record === undefined || dataOf<RoleData>(record).arn !== roleArn) throw notAuthorized(action);
  return { record, data: dataOf<RoleData>(record), account: parsed.account };
};

export interface IdpSessionFacts {
  readonly tags?: Readonly<Record<string, string>>;
  readonly transitiveTagKeys?: readonly string[];
  readonly sourceIdentity?: string;
}

/** Session tags and source identity the IdP asserted must be well formed (§5.7, §5.8). */
export const checkIdpSessionFacts = (facts: IdpSessionFacts): void => {
  const bad = (message: string) => new AwsError('InvalidIdentityToken', message);
  const keys = Object.keys(facts.tags ?? {});
  if (keys.length > MAX_SESSION_TAGS) throw bad(`The identity provider passed ${keys.length} session tags; at most ${MAX_SESSION_TAGS} are allowed.`);
  const lower = new Set<string>();
  for (const key of keys) {
    if (!TAG_KEY.test(key) || key.toLowerCase().startsWith('aws:')) throw bad(`Session tag key ${key} is not valid.`);
    if (!TAG_VALUE.test(facts.tags![key]!)) throw bad(`The value of session tag ${key} is not valid.`);
    // Keys are case-insensitive (§5.7): Department and department are one tag.
    if (lower.has(key.toLowerCase())) throw bad(`Session tag ${key} is passed twice.`);
    lower.add(key.toLowerCase());
  }
  for (const key of facts.transitiveTagKeys ?? []) {
    if (!lower.has(key.toLowerCase())) throw bad(`Transitive tag key ${key} is not one of the session tags.`);
  }
  const source = facts.sourceIdentity;
  if (source !== undefined && (!SOURCE_IDENTITY.test(source) || source.toLowerCase().startsWith('aws:'))) {
    throw bad(`Source identity ${source} is not valid.`);
  }
};

/** The request context keys of the IdP's session facts, for the trust policy (§3.8, §3.9). */
export const idpSessionContext = (facts: IdpSessionFacts): Record<string, ContextValueInput> => ({
  ...requestTagContext(Object.entries(facts.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))),
  ...(facts.transitiveTagKeys !== undefined && { 'sts:TransitiveTagKeys': facts.transitiveTagKeys }),
  ...(facts.sourceIdentity !== undefined && { 'sts:SourceIdentity': facts.sourceIdentity }),
});

/**
 * The trust policy must allow the action for the IdP principal, and also sts:TagSession when tags come in
 * and sts:SetSourceIdentity when a source identity does (§5.5). Each denial answers the operation's AccessDenied.
 */
export const requireTrust = (
  deps: UnsignedStsDeps,
  role: FederatedRole,
  principal: RequestPrincipal & { kind: 'web-identity' | 'saml' },
  action: FederatedAction,
  facts: IdpSessionFacts,
  context: Readonly<Record<string, ContextValueInput>>,
): void => {
  const { policy } = checkPolicy(effectiveTrustPolicy(deps.state, role.data), 'trust');
  const set: CompiledPolicySet = {
    identity: [],
    session: [],
    scp: [],
    rcp: [],
    ...(policy !== undefined && { resource: compilePolicy(policy, 'trust', `${role.record.name} trust policy`) }),
  };
  const given: Record<string, ContextValueInput> = {
    'aws:SourceIp': deps.facts.sourceIp,
    'aws:UserAgent': deps.facts.userAgent,
    'aws:SecureTransport': deps.facts.isSecureTransport,
    'aws:RequestedRegion': deps.facts.region,
    'aws:ViaAWSService': false,
    ...resourceTagContext(role.data.tags),
    ...idpSessionContext(facts),
    ...context,
  };
  const actions = [
    action,
    ...(facts.tags !== undefined ? ['sts:TagSession'] : []),
    ...(facts.sourceIdentity !== undefined ? ['sts:SetSourceIdentity'] : []),
  ];
  for (const checked of actions) {
    const actionKey = checked.toLowerCase();
    const request: AuthorizationRequest = {
      principal,
      action: checked,
      actionKey,
      service: 'sts',
      resource: role.data.arn,
      resourceAccount: role.account,
      context: buildContext(given, principal, role.account, deps.now),
      isServiceLinkedRole: false,
      isManagementAccount: false,
      resourceAccountIsManagement: false,
    };
    const decision = evaluate(set, request);
    if (decision.decision === 'Allow') continue;
    if (deps.enforcement === 'soft') {
      deps.onSoftDenial({ caller: principal.provider, action: checked, resource: role.data.arn, decision });
      continue;
    }
    throw notAuthorized(action);
  }
};

/** PackedPolicySize when session policies or tags were passed (§5.2); over 100 % fails (§5.11). */
export const packedSizeOf = (policies: SessionPolicies, facts: IdpSessionFacts): number | undefined => {
  const tags = facts.tags ?? {};
  if (policies.policy === undefined && policies.policyArns.length === 0 && Object.keys(tags).length === 0) return undefined;
  const size = packedPolicySize(policies, tags);
  requirePackedSize(size);
  return size;
};

/** The session-claims members of the session policies. */
export const sessionPolicyClaims = (policies: SessionPolicies): { policy?: string; policyArns?: readonly string[] } => ({
  ...(policies.policy !== undefined && { policy: policies.policy }),
  ...(policies.policyArns.length > 0 && { policyArns: policies.policyArns }),
});

/** DurationSeconds (default 3600) within the role's MaxSessionDuration (§5.4). */
export const requestedDuration = (input: Record<string, unknown>, role: FederatedRole): number => {
  const requested = (input.DurationSeconds as number | undefined) ?? 3600;
  if (requested > (role.data.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION)) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  return requested;
};

export const rolePrincipal = (role: FederatedRole, sessionName: string) =>
  ({ kind: 'role-session', roleId: role.record.id, roleName: role.record.name, roleArn: role.data.arn, sessionName }) as const;

export const assumedRoleUser = (role: FederatedRole, sessionName: string): Record<string, string> => ({
  AssumedRoleId: `${role.record.id}:${sessionName}`,
  Arn: assumedRoleArn(role.account, role.record.name, sessionName),
});


/**
 * Issues the role session an IdP-backed caller obtains (§5.9, §5.10): the session policies, the IdP's
 * session tags and source identity, and the IdP keys that carry over into the session's requests.
 */
export const issueFederatedSession = (
  deps: UnsignedStsDeps,
  request: {
    readonly role: FederatedRole;
    readonly sessionName: string;
    readonly origin: 'AssumeRoleWithWebIdentity' | 'AssumeRoleWithSAML';
    readonly policies: SessionPolicies;
    readonly facts: IdpSessionFacts;
    readonly provider: string;
    readonly carriedKeys: Readonly<Record<string, string | readonly string[]>>;
    readonly duration: number;
  },
) => {
  const { role, sessionName, facts } = request;
  return issueSession(
    deps,
    {
      account: role.account,
      principal: rolePrincipal(role, sessionName),
      origin: request.origin,
      ...sessionPolicyClaims(request.policies),
      ...(facts.tags !== undefined && { tags: facts.tags }),
      ...(facts.transitiveTagKeys !== undefined && { transitiveTagKeys: facts.transitiveTagKeys }),
      ...(facts.sourceIdentity !== undefined && { sourceIdentity: facts.sourceIdentity }),
      federatedProvider: request.provider,
      carriedKeys: request.carriedKeys,
    },
    request.duration,
  );
};
