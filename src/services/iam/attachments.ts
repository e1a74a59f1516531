// Managed policies attached to users, groups and roles (§6.4: at most 10 on each), and the reverse view,
// ListEntitiesForPolicy. An attachment is a record in the owner's scope named by the policy ARN.

import { randomUUID } from 'node:crypto';
import type { ContextValueInput } from '../../engine/index.js';
import { AwsError, limitExceeded, noSuchEntity, parseIamArn } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { AuthorizationCheck, IamContext, IamHandler } from './context.js';
import { byLowerName, findGroup } from './groups.js';
import { matchesPathPrefix, pageOutput, paginate } from './pagination.js';
import { findPolicy, lookupPolicy } from './policies.js';
import { dataOf, KIND, type AttachmentData, type GroupData, type OwnerType, type RoleData, type Tag, type UserData } from './records.js';
import { findRole, requireModifiable } from './roles.js';
import { resourceTagContext } from './tags.js';
import { findUser } from './users.js';

export const POLICIES_PER_OWNER = 10;

/** Per owner type: its record kind, its name in action names and quota names, and its name member. */
export const OWNER_TYPES = {
  user: { kind: KIND.user, label: 'User', nameMember: 'UserName' },
  group: { kind: KIND.group, label: 'Group', nameMember: 'GroupName' },
  role: { kind: KIND.role, label: 'Role', nameMember: 'RoleName' },
} as const satisfies Record<OwnerType, { kind: string; label: string; nameMember: string }>;

/** A user, group or role that policies can be attached to or embedded in. */
export interface PolicyOwner {
  readonly type: OwnerType;
  readonly record: StoredRecord;
  readonly arn: string;
  readonly path: string;
}

export const findOwner = (ctx: IamContext, type: OwnerType, name: string): PolicyOwner => {
  const record = type === 'user' ? findUser(ctx, name) : type === 'group' ? findGroup(ctx, name) : findRole(ctx, name);
  const data = dataOf<UserData | GroupData | RoleData>(record);
  return { type, record, arn: data.arn, path: data.path };
};

/** Groups carry no tags; users and roles add aws:ResourceTag/… (§3.9). */
export const ownerCheck = (action: string, owner: PolicyOwner, extra: Record<string, ContextValueInput> = {}): AuthorizationCheck => {
  const tags: readonly Tag[] = owner.type === 'group' ? [] : dataOf<UserData | RoleData>(owner.record).tags;
  return { action, resource: owner.arn, context: { ...resourceTagContext(tags), ...extra } };
};

/** Service-linked roles take no policy changes from customers (§6.5). */
export const requireOwnerModifiable = (owner: PolicyOwner): void => {
  if (owner.type === 'role') requireModifiable(owner.record);
};

export const ownerGone = (owner: PolicyOwner): AwsError =>
  noSuchEntity(`The ${owner.type} with name ${owner.record.name} cannot be found.`);

/** The policy ARNs attached to an owner, ordered by ARN. */
export const attachedArns = (ctx: IamContext, ownerId: string): string[] =>
  ctx.state.list(ctx.account, KIND.attachment, ownerId).map((a) => dataOf<AttachmentData>(a).policyArn);

/** The AttachedPolicy shape. */
export const attachedPolicyOutput = (arn: string): Record<string, unknown> => ({ PolicyName: parseIamArn(arn)?.name ?? arn, PolicyArn: arn });

const attachPolicy = (type: OwnerType): IamHandler => async (ctx, input) => {
  const { label, nameMember } = OWNER_TYPES[type];
  const owner = findOwner(ctx, type, input[nameMember] as string);
  const arn = input.PolicyArn as string;
  ctx.authorize(ownerCheck(`iam:Attach${label}Policy`, owner, { 'iam:PolicyARN': arn }));
  requireOwnerModifiable(owner);
  const policy = lookupPolicy(ctx, arn);
  if (policy === undefined) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  // AWS reserves its service-role policies for service-linked roles.
  if (policy.kind === 'aws' && policy.entry.path === '/aws-service-role/') {
    throw new AwsError('PolicyNotAttachable', `Cannot attach a Service Role Policy to a Customer ${label}.`);
  }
  await ctx.write(async (tx) => {
    if ((await tx.getById(OWNER_TYPES[type].kind, owner.record.id)) === undefined) throw ownerGone(owner);
    if (policy.kind === 'local' && (await tx.getById(KIND.policy, policy.record.id)) === undefined) {
      throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    }
    // Attaching an attached policy again succeeds and changes nothing.
    if ((await tx.getByName(ctx.account, KIND.attachment, owner.record.id, arn)) !== undefined) return;
    if ((await tx.count(ctx.account, KIND.attachment, owner.record.id)) >= POLICIES_PER_OWNER) {
      throw limitExceeded(`Cannot exceed quota for PoliciesPer${label}: ${POLICIES_PER_OWNER}`);
    }
    const data: AttachmentData = { ownerType: type, policyArn: arn };
    await tx.insert({ account: ctx.account, kind: KIND.attachment, id: randomUUID(), scope: owner.record.id, name: arn, data });
  });
  return undefined;
};

const detachPolicy = (type: OwnerType): IamHandler => async (ctx, input) => {
  const { label, nameMember } = OWNER_TYPES[type];
  const owner = findOwner(ctx, type, input[nameMember] as string);
  const arn = input.PolicyArn as string;
  ctx.authorize(ownerCheck(`iam:Detach${label}Policy`, owner, { 'iam:PolicyARN': arn }));
  requireOwnerModifiable(owner);
  await ctx.write(async (tx) => {
    const attachment = await tx.getByName(ctx.account, KIND.attachment, owner.record.id, arn);
    if (attachment === undefined || dataOf<AttachmentData>(attachment).policyArn !== arn) throw noSuchEntity(`Policy ${arn} was not found.`);
    await tx.delete(KIND.attachment, attachment.id);
  });
  return undefined;
};

const listAttachedPolicies = (type: OwnerType): IamHandler => async (ctx, input) => {
  const { label, nameMember } = OWNER_TYPES[type];
  const owner = findOwner(ctx, type, input[nameMember] as string);
  ctx.authorize(ownerCheck(`iam:ListAttached${label}Policies`, owner));
  const arns = attachedArns(ctx, owner.record.id).filter((arn) => matchesPathPrefix(parseIamArn(arn)?.path ?? '/', input.PathPrefix));
  return pageOutput('AttachedPolicies', paginate(arns, input), attachedPolicyOutput);
};

interface PolicyEntity {
  readonly type: OwnerType;
  readonly record: StoredRecord;
}

const ENTITY_FILTER: Readonly<Record<string, OwnerType>> = { User: 'user', Group: 'group', Role: 'role' };

const listEntitiesForPolicy: IamHandler = async (ctx, input) => {
  const policy = findPolicy(ctx, input.PolicyArn as string);
  ctx.authorize({ action: 'iam:ListEntitiesForPolicy', resource: policy.arn });
  const found = new Map<string, PolicyEntity>();
  if (input.PolicyUsageFilter !== 'PermissionsBoundary') {
    for (const a of ctx.state.withName(ctx.account, KIND.attachment, policy.arn)) {
      const { ownerType, policyArn } = dataOf<AttachmentData>(a);
      const record = ctx.state.get(OWNER_TYPES[ownerType].kind, a.scope);
      if (policyArn === policy.arn && record !== undefined) found.set(record.id, { type: ownerType, record });
    }
  }
  if (input.PolicyUsageFilter !== 'PermissionsPolicy') {
    for (const type of ['user', 'role'] as const) {
      for (const record of ctx.state.list(ctx.account, OWNER_TYPES[type].kind)) {
        if (dataOf<UserData | RoleData>(record).permissionsBoundary === policy.arn) found.set(record.id, { type, record });
      }
    }
  }
  // EntityFilter LocalManagedPolicy / AWSManagedPolicy name no entity type, so they select nothing.
  const filter = input.EntityFilter as string | undefined;
  const order: readonly OwnerType[] = ['group', 'user', 'role'];
  const entities = [...found.values()]
    .filter((e) => filter === undefined || ENTITY_FILTER[filter] === e.type)
    .filter((e) => matchesPathPrefix(dataOf<UserData | GroupData | RoleData>(e.record).path, input.PathPrefix))
    .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type) || byLowerName(a.record, b.record));
  const page = paginate(entities, input);
  const of = (type: OwnerType) => page.items.filter((e) => e.type === type).map((e) => e.record);
  return {
    PolicyGroups: of('group').map((g) => ({ GroupName: g.name, GroupId: g.id })),
    PolicyUsers: of('user').map((u) => ({ UserName: u.name, UserId: u.id })),
    PolicyRoles: of('role').map((r) => ({ RoleName: r.name, RoleId: r.id })),
    IsTruncated: page.IsTruncated,
    ...(page.Marker !== undefined && { Marker: page.Marker }),
  };
};

export const ATTACHMENT_OPERATIONS: Record<string, IamHandler> = {
  AttachUserPolicy: attachPolicy('user'),
  AttachGroupPolicy: attachPolicy('group'),
  AttachRolePolicy: attachPolicy('role'),
  DetachUserPolicy: detachPolicy('user'),
  DetachGroupPolicy: detachPolicy('group'),
  DetachRolePolicy: detachPolicy('role'),
  ListAttachedUserPolicies: listAttachedPolicies('user'),
  ListAttachedGroupPolicies: listAttachedPolicies('group'),
  ListAttachedRolePolicies: listAttachedPolicies('role'),
  ListEntitiesForPolicy: listEntitiesForPolicy,
};
