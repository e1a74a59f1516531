// GetAccountAuthorizationDetails: the account's users, groups, roles and managed policies with everything
// attached to each, paginated; AWS managed policies appear only when the account uses them.

import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import { attachedArns, attachedPolicyOutput } from './attachments.js';
import { groupOutput, groupsOfUser } from './groups.js';
import { inlinePolicyDetails } from './inline-policies.js';
import { instanceProfileOutput } from './instance-profiles.js';
import { paginate } from './pagination.js';
import { policyFields, policyUsage, policyVersions, type ManagedPolicy, type PolicyUsage } from './policies.js';
import { dataOf, KIND, type PolicyData } from './records.js';
import { roleOutput } from './roles.js';
import { userOutput } from './users.js';

type Section = 'User' | 'Group' | 'Role' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

const SECTIONS: readonly Section[] = ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy'];

type Item =
  | { readonly section: 'User' | 'Group' | 'Role'; readonly record: StoredRecord }
  | { readonly section: 'Policy'; readonly policy: ManagedPolicy };

const userDetail = (ctx: IamContext, user: StoredRecord): Record<string, unknown> => {
  // The detailed user shape already carries PermissionsBoundary and Tags where set.
  const { Path, UserName, UserId, Arn, CreateDate, ...details } = userOutput(user, true);
  return {
    Path,
    UserName,
    UserId,
    Arn,
    CreateDate,
    UserPolicyList: inlinePolicyDetails(ctx, user.id),
    GroupList: groupsOfUser(ctx, user.id).map((g) => g.name),
    AttachedManagedPolicies: attachedArns(ctx, user.id).map(attachedPolicyOutput),
    ...details,
  };
};

const groupDetail = (ctx: IamContext, group: StoredRecord): Record<string, unknown> => ({
  ...groupOutput(group),
  GroupPolicyList: inlinePolicyDetails(ctx, group.id),
  AttachedManagedPolicies: attachedArns(ctx, group.id).map(attachedPolicyOutput),
});

const roleDetail = (ctx: IamContext, role: StoredRecord): Record<string, unknown> => {
  // RoleDetail has no Description or MaxSessionDuration; the rest of the detailed Role shape carries over.
  const { Path, RoleName, RoleId, Arn, CreateDate, AssumeRolePolicyDocument, Description: _d, MaxSessionDuration: _m, ...details } =
    roleOutput(ctx.state, role, true);
  const profiles = ctx.state
    .withName(ctx.account, KIND.instanceProfileRole, role.id)
    .map((m) => ctx.state.get(KIND.instanceProfile, m.scope))
    .filter((p): p is StoredRecord => p !== undefined);
  return {
    Path,
    RoleName,
    RoleId,
    Arn,
    CreateDate,
    AssumeRolePolicyDocument,
    InstanceProfileList: profiles.map((p) => instanceProfileOutput(ctx, p)),
    RolePolicyList: inlinePolicyDetails(ctx, role.id),
    AttachedManagedPolicies: attachedArns(ctx, role.id).map(attachedPolicyOutput),
    ...details,
  };
};

const policyDetail = (ctx: IamContext, policy: ManagedPolicy, usage: PolicyUsage): Record<string, unknown> => ({
  ...policyFields(policy, usage, 'list'),
  PolicyVersionList: policyVersions(ctx, policy),
});

/** The AWS managed policies the account uses, ordered by name. */
const awsPoliciesInUse = (ctx: IamContext, usage: PolicyUsage): ManagedPolicy[] =>
  ctx.catalogue
    .list()
    .filter((entry) => usage.attachments(entry.arn) > 0 || usage.boundaries(entry.arn) > 0)
    .map((entry) => ({ kind: 'aws', arn: entry.arn, entry }));

const getAccountAuthorizationDetails: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:GetAccountAuthorizationDetails', resource: '*' });
  const filter = (input.Filter as Section[] | undefined) ?? [];
  const wanted = new Set<Section>(filter.length > 0 ? filter : SECTIONS);
  const usage = policyUsage(ctx);
  const items: Item[] = [];
  for (const section of ['User', 'Group', 'Role'] as const) {
    if (!wanted.has(section)) continue;
    const kind = section === 'User' ? KIND.user : section === 'Group' ? KIND.group : KIND.role;
    for (const record of ctx.state.list(ctx.account, kind)) items.push({ section, record });
  }
  if (wanted.has('LocalManagedPolicy')) {
    for (const record of ctx.state.list(ctx.account, KIND.policy)) {
      items.push({ section: 'Policy', policy: { kind: 'local', arn: dataOf<PolicyData>(record).arn, record } });
    }
  }
  if (wanted.has('AWSManagedPolicy')) {
    for (const policy of awsPoliciesInUse(ctx, usage)) items.push({ section: 'Policy', policy });
  }

  const page = paginate(items, input);
  const users: Array<Record<string, unknown>> = [];
  const groups: Array<Record<string, unknown>> = [];
  const roles: Array<Record<string, unknown>> = [];
  const policies: Array<Record<string, unknown>> = [];
  for (const item of page.items) {
    if (item.section === 'Policy') policies.push(policyDetail(ctx, item.policy, usage));
    else if (item.section === 'User') users.push(userDetail(ctx, item.record));
    else if (item.section === 'Group') groups.push(groupDetail(ctx, item.record));
    else roles.push(roleDetail(ctx, item.record));
  }
  return {
    UserDetailList: users,
    GroupDetailList: groups,
    RoleDetailList: roles,
    Policies: policies,
    IsTruncated: page.IsTruncated,
    ...(page.Marker !== undefined && { Marker: page.Marker }),
  };
};

export const AUTHORIZATION_DETAILS_OPERATIONS: Record<string, IamHandler> = {
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
};
