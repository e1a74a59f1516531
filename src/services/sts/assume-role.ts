// AssumeRole (§5.1–5.8): the role's trust policy decides together with the caller's own policies (same
// account: a trust naming the caller suffices; naming the account, or any cross-account call, needs the
// caller's identity Allow too, §4.3–4.4), then durations, session policies, tags and source identity, and
// the role session's credentials.

import { checkPolicy, compilePolicy, MAX_POLICY_DOCUMENT_LENGTH, type ContextValueInput } from '../../engine/index.js';
import { assumedRoleArn, AwsError, parseIamArn, validationError } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import { callerArn, callerUserId } from '../access/caller.js';
import { KIND, type IamContext, type IamHandler } from '../iam/index.js';
import { dataOf, isoNow, type RoleData, type RoleLastUsedData } from '../iam/records.js';
import { effectiveTrustPolicy } from '../iam/trust-principals.js';
import { accessDenied } from './authorization-message.js';
import { issueSession } from './issue.js';
import { verifyRequestMfa } from './mfa.js';
import { packedPolicySize, readSessionPolicies, requirePackedSize } from './session-policies.js';
import { inheritedTransitiveTags, readSessionTags, roleResourceTagContext, sessionTagContext } from './session-tags.js';

export const DEFAULT_ROLE_SESSION_SECONDS = 3600;
/** Role chaining caps a session at one hour (§5.4). */
export const CHAINED_SESSION_MAX_SECONDS = 3600;

/** The role an ARN names, in any account this Keycard holds; the path must match too. */
const findRoleByArn = (ctx: IamContext, roleArn: string): StoredRecord | undefined => {
  const parsed = parseIamArn(roleArn);
  if (parsed === undefined || parsed.type !== 'role') return undefined;
  const role = ctx.state.byName(parsed.account, KIND.role, '', parsed.name);
  return role !== undefined && dataOf<RoleData>(role).arn === roleArn ? role : undefined;
};

/** The source identity of the new session: set now, or carried from the caller; never changed (§5.8). */
const sourceIdentityOf = (ctx: IamContext, requested: string | undefined): string | undefined => {
  const inherited = ctx.caller.session?.sourceIdentity;
  if (requested !== undefined && requested.toLowerCase().startsWith('aws:')) {
    throw validationError(`1 validation error detected: Value '${requested}' at 'sourceIdentity' failed to satisfy constraint: Member must not start with 'aws:'`);
  }
  if (requested !== undefined && inherited !== undefined && requested !== inherited) {
    throw new AwsError('InvalidParameterValue', `The source identity ${inherited} of the calling session cannot be changed.`);
  }
  return requested ?? inherited;
};

/** RoleLastUsed for GetRole: recorded at most hourly, so assumption does not write on every call. */
const recordLastUsed = async (ctx: IamContext, role: StoredRecord): Promise<void> => {
  const last = dataOf<RoleLastUsedData>(role).lastUsed?.date;
  if (last !== undefined && ctx.now.getTime() - Date.parse(last) < 3_600_000) return;
  await ctx.store.transaction(role.account, async (tx) => {
    const current = await tx.getById(KIND.role, role.id);
    if (current !== undefined) await tx.update(KIND.role, role.id, { data: { ...(current.data as object), lastUsed: { date: isoNow(ctx.now), region: ctx.region } } });
  });
  await ctx.state.catchUp();
};

const assumeRole: IamHandler = async (ctx, input) => {
  const { caller } = ctx;
  const roleArn = input.RoleArn as string;
  const sessionName = input.RoleSessionName as string;
  const deny = (reason: string) => {
    // AWS answers an unknown role as it answers one whose trust policy does not allow the caller.
    const message = `User: ${callerArn(caller)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
    const principal = { id: callerUserId(caller), arn: callerArn(caller), account: caller.account };
    return accessDenied(ctx.secrets, message, { principal, action: 'sts:AssumeRole', resource: roleArn, context: {}, reason });
  };
  // Federated users may call no STS operation but GetCallerIdentity (§5.3).
  if (caller.kind === 'federated-user') throw deny('federated-user-cannot-assume-role');
  const role = findRoleByArn(ctx, roleArn);
  if (role === undefined) throw deny('role-not-found');
  const data = dataOf<RoleData>(role);
  const isChained = caller.kind === 'role-session';

  // Request checks that do not depend on the trust policy.
  const inherited = inheritedTransitiveTags(caller.session);
  const tags = readSessionTags(input, inherited, true);
  const policies = readSessionPolicies(ctx, input, role.account);
  const sourceIdentity = sourceIdentityOf(ctx, input.SourceIdentity as string | undefined);
  const mfaAt = await verifyRequestMfa(ctx, input, 'sts:AssumeRole');

  // The trust policy is the resource policy of the decision (§4.3), typed 'trust' so that it must allow.
  // Principals bound at save to an entity since deleted or re-created match nobody (§2.3).
  const { policy: trust } = checkPolicy(effectiveTrustPolicy(ctx.state, data), 'trust', { sizeLimit: MAX_POLICY_DOCUMENT_LENGTH });
  if (trust === undefined) throw deny('trust-policy-unreadable');
  const resourcePolicy = compilePolicy(trust, 'trust', `${role.name} trust policy`);
  const transitiveKeys = Array.isArray(input.TransitiveTagKeys) ? (input.TransitiveTagKeys as string[]) : [];
  const context: Record<string, ContextValueInput> = {
    'sts:RoleSessionName': sessionName,
    ...(input.ExternalId !== undefined && { 'sts:ExternalId': input.ExternalId as string }),
    // The source identity the new session will carry, passed now or inherited along a chain (§5.8).
    ...(sourceIdentity !== undefined && { 'sts:SourceIdentity': sourceIdentity }),
    ...sessionTagContext(tags, transitiveKeys),
    ...roleResourceTagContext(data.tags, inherited),
    ...(mfaAt !== undefined && { 'aws:MultiFactorAuthPresent': true, 'aws:MultiFactorAuthAge': 0 }),
  };
  const check = { resource: roleArn, context, resourcePolicy };
  ctx.authorize({ ...check, action: 'sts:AssumeRole' });
  if (Object.keys(tags.tags).length > 0) ctx.authorize({ ...check, action: 'sts:TagSession' });
  // A source identity carried along a chain needs the permission in each next role's trust policy too (§5.8).
  if (sourceIdentity !== undefined) ctx.authorize({ ...check, action: 'sts:SetSourceIdentity' });

  // Durations (§5.4): chaining caps at an hour; otherwise the role's MaxSessionDuration.
  const duration = (input.DurationSeconds as number | undefined) ?? DEFAULT_ROLE_SESSION_SECONDS;
  if (isChained && duration > CHAINED_SESSION_MAX_SECONDS) {
    throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (duration > data.maxSessionDuration) throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');

  const hasSessionInput = policies.policy !== undefined || policies.policyArns.length > 0 || Object.keys(tags.tags).length > 0;
  const packed = packedPolicySize(policies, tags.tags);
  requirePackedSize(packed);

  const mfaAuthenticatedAt = mfaAt ?? caller.session?.mfaAuthenticatedAt;
  const issued = await issueSession(
    ctx,
    {
      account: role.account,
      principal: { kind: 'role-session', roleId: role.id, roleName: role.name, roleArn, sessionName },
      origin: 'AssumeRole',
      ...(policies.policy !== undefined && { policy: policies.policy }),
      ...(policies.policyArns.length > 0 && { policyArns: policies.policyArns }),
      ...(Object.keys(tags.tags).length > 0 && { tags: tags.tags }),
      ...(tags.transitiveTagKeys.length > 0 && { transitiveTagKeys: tags.transitiveTagKeys }),
      ...(sourceIdentity !== undefined && { sourceIdentity }),
      ...(mfaAuthenticatedAt !== undefined && { mfaAuthenticatedAt }),
    },
    duration,
  );
  await recordLastUsed(ctx, role);
  return {
    Credentials: issued.output,
    AssumedRoleUser: { AssumedRoleId: `${role.id}:${sessionName}`, Arn: assumedRoleArn(role.account, role.name, sessionName) },
    ...(hasSessionInput && { PackedPolicySize: packed }),
    ...(sourceIdentity !== undefined && { SourceIdentity: sourceIdentity }),
  };
};

export const ASSUME_ROLE_OPERATIONS: Readonly<Record<string, IamHandler>> = { AssumeRole: assumeRole };
