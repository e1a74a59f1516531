// Inline policies of users, groups and roles: records in the owner's scope named by the policy name, with
// a quota on each owner's total counted without whitespace (§1.4: user 2,048, group 5,120, role 10,240).

import { randomUUID } from 'node:crypto';
import { countNonWhitespace } from '../../engine/index.js';
import { limitExceeded, noSuchEntity } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import { findOwner, ownerCheck, ownerGone, OWNER_TYPES, requireOwnerModifiable } from './attachments.js';
import { pageOutput, paginate } from './pagination.js';
import { requireValidDocument } from './policies.js';
import { dataOf, KIND, type InlinePolicyData, type OwnerType } from './records.js';

/** The aggregate inline-policy quota per owner type (§1.4). */
export const INLINE_POLICY_SIZE: Readonly<Record<OwnerType, number>> = { user: 2048, group: 5120, role: 10240 };

const policyNotFound = (type: OwnerType, name: string) => noSuchEntity(`The ${type} policy with name ${name} cannot be found.`);

/** An owner's inline policies as PolicyDetail shapes (GetAccountAuthorizationDetails). */
export const inlinePolicyDetails = (ctx: IamContext, ownerId: string): Array<Record<string, unknown>> =>
  ctx.state
    .list(ctx.account, KIND.inlinePolicy, ownerId)
    .map((p: StoredRecord) => ({ PolicyName: p.name, PolicyDocument: dataOf<InlinePolicyData>(p).document }));

const putPolicy = (type: OwnerType): IamHandler => async (ctx, input) => {
  const { label, nameMember } = OWNER_TYPES[type];
  const owner = findOwner(ctx, type, input[nameMember] as string);
  const name = input.PolicyName as string;
  const document = input.PolicyDocument as string;
  ctx.authorize(ownerCheck(`iam:Put${label}Policy`, owner));
  requireOwnerModifiable(owner);
  requireValidDocument(document, { sizeLimit: Number.POSITIVE_INFINITY });
  const limit = INLINE_POLICY_SIZE[type];
  await ctx.write(async (tx) => {
    if ((await tx.getById(OWNER_TYPES[type].kind, owner.record.id)) === undefined) throw ownerGone(owner);
    const existing = await tx.list(ctx.account, KIND.inlinePolicy, owner.record.id);
    // Names compare without case, as the store keeps them; putting an existing name replaces that policy.
    const replaced = existing.find((p) => p.name.toLowerCase() === name.toLowerCase());
    const others = existing.filter((p) => p !== replaced).reduce((n, p) => n + countNonWhitespace(dataOf<InlinePolicyData>(p).document), 0);
    if (others + countNonWhitespace(document) > limit) {
      throw limitExceeded(`Maximum policy size of ${limit} bytes exceeded for ${type} ${owner.record.name}`);
    }
    const data: InlinePolicyData = { ownerType: type, document };
    if (replaced !== undefined) await tx.update(KIND.inlinePolicy, replaced.id, { name, data });
    else await tx.insert({ account: ctx.account, kind: KIND.inlinePolicy, id: randomUUID(), scope: owner.record.id, name, data });
  });
  return undefined;
};

const getPolicy = (type: OwnerType): IamHandler => async (ctx, input) => {
  const { label, nameMember } = OWNER_TYPES[type];
  const owner = findOwner(ctx, type, input[nameMember] as string);
  const name = input.PolicyName as string;
  ctx.authorize(ownerCheck(`iam:Get${label}Policy`, owner));
  const policy = ctx.state.byName(ctx.account, KIND.inlinePolicy, owner.record.id, name);
  if (policy === undefined) throw policyNotFound(type, name);
  return { [nameMember]: owner.record.name, PolicyName: policy.name, PolicyDocument: dataOf<InlinePolicyData>(policy).document };
};

const listPolicies = (type: OwnerType): IamHandler => async (ctx, input) => {
  const { label, nameMember } = OWNER_TYPES[type];
  const owner = findOwner(ctx, type, input[nameMember] as string);
  ctx.authorize(ownerCheck(`iam:List${label}Policies`, owner));
  const names = ctx.state.list(ctx.account, KIND.inlinePolicy, owner.record.id).map((p) => p.name);
  return pageOutput('PolicyNames', paginate(names, input), (n) => n);
};

const deletePolicy = (type: OwnerType): IamHandler => async (ctx, input) => {
  const { label, nameMember } = OWNER_TYPES[type];
  const owner = findOwner(ctx, type, input[nameMember] as string);
  const name = input.PolicyName as string;
  ctx.authorize(ownerCheck(`iam:Delete${label}Policy`, owner));
  requireOwnerModifiable(owner);
  await ctx.write(async (tx) => {
    const policy = await tx.getByName(ctx.account, KIND.inlinePolicy, owner.record.id, name);
    if (policy === undefined) throw policyNotFound(type, name);
    await tx.delete(KIND.inlinePolicy, policy.id);
  });
  return undefined;
};

export const INLINE_POLICY_OPERATIONS: Record<string, IamHandler> = {
  PutUserPolicy: putPolicy('user'),
  PutGroupPolicy: putPolicy('group'),
  PutRolePolicy: putPolicy('role'),
  GetUserPolicy: getPolicy('user'),
  GetGroupPolicy: getPolicy('group'),
  GetRolePolicy: getPolicy('role'),
  ListUserPolicies: listPolicies('user'),
  ListGroupPolicies: listPolicies('group'),
  ListRolePolicies: listPolicies('role'),
  DeleteUserPolicy: deletePolicy('user'),
  DeleteGroupPolicy: deletePolicy('group'),
  DeleteRolePolicy: deletePolicy('role'),
};
