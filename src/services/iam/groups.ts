// IAM groups (§6.4: at most 300) and membership, a record in the group's scope named by the member's user
// id (at most 10 groups per user); deletes wait for members and policies to go first (§6.5).

import { randomUUID } from 'node:crypto';
import { deleteConflict, entityAlreadyExists, iamArn, limitExceeded, newId, noSuchEntity } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import { matchesPathPrefix, pageOutput, paginate } from './pagination.js';
import { dataOf, isoNow, KIND, type GroupData } from './records.js';
import { findUser, userCheck, userOutput } from './users.js';

export const GROUPS_PER_ACCOUNT = 300;
export const GROUPS_PER_USER = 10;

export const groupOutput = (record: StoredRecord): Record<string, unknown> => {
  const data = dataOf<GroupData>(record);
  return { Path: data.path, GroupName: record.name, GroupId: record.id, Arn: data.arn, CreateDate: data.createDate };
};

export const findGroup = (ctx: IamContext, name: string): StoredRecord => {
  const group = ctx.state.byName(ctx.account, KIND.group, '', name);
  if (group === undefined) throw noSuchEntity(`The group with name ${name} cannot be found.`);
  return group;
};

/** Groups carry no tags, so the resource ARN is the whole check. */
export const groupCheck = (action: string, group: StoredRecord) => ({ action, resource: dataOf<GroupData>(group).arn });

/** Orders records as IAM lists them: by name, ignoring case. */
export const byLowerName = (a: StoredRecord, b: StoredRecord): number => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The groups a user belongs to, ordered by group name. */
export const groupsOfUser = (ctx: IamContext, userId: string): StoredRecord[] =>
  ctx.state
    .withName(ctx.account, KIND.membership, userId)
    .map((m) => ctx.state.get(KIND.group, m.scope))
    .filter((g): g is StoredRecord => g !== undefined)
    .sort(byLowerName);

const createGroup: IamHandler = async (ctx, input) => {
  const name = input.GroupName as string;
  const path = (input.Path as string | undefined) ?? '/';
  const arn = iamArn(ctx.account, 'group', name, path);
  ctx.authorize({ action: 'iam:CreateGroup', resource: arn });
  const record = await ctx.write(async (tx) => {
    if (await tx.getByName(ctx.account, KIND.group, '', name)) throw entityAlreadyExists(`Group with name ${name} already exists.`);
    if ((await tx.count(ctx.account, KIND.group)) >= GROUPS_PER_ACCOUNT) {
      throw limitExceeded(`Cannot exceed quota for GroupsPerAccount: ${GROUPS_PER_ACCOUNT}`);
    }
    const data: GroupData = { path, arn, createDate: isoNow(ctx.now) };
    return tx.insert({ account: ctx.account, kind: KIND.group, id: newId('group'), scope: '', name, data });
  });
  return { Group: groupOutput(record) };
};

const getGroup: IamHandler = async (ctx, input) => {
  const group = findGroup(ctx, input.GroupName as string);
  ctx.authorize(groupCheck('iam:GetGroup', group));
  const members = ctx.state
    .list(ctx.account, KIND.membership, group.id)
    .map((m) => ctx.state.get(KIND.user, m.name))
    .filter((u): u is StoredRecord => u !== undefined)
    .sort(byLowerName);
  return { Group: groupOutput(group), ...pageOutput('Users', paginate(members, input), (u) => userOutput(u)) };
};

const listGroups: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:ListGroups', resource: iamArn(ctx.account, 'group', '', '/') });
  const groups = ctx.state.list(ctx.account, KIND.group).filter((g) => matchesPathPrefix(dataOf<GroupData>(g).path, input.PathPrefix));
  return pageOutput('Groups', paginate(groups, input), groupOutput);
};

const updateGroup: IamHandler = async (ctx, input) => {
  const group = findGroup(ctx, input.GroupName as string);
  const data = dataOf<GroupData>(group);
  const newName = (input.NewGroupName as string | undefined) ?? group.name;
  const path = (input.NewPath as string | undefined) ?? data.path;
  const arn = iamArn(ctx.account, 'group', newName, path);
  // AWS requires permission on the group under both its old and its new name.
  ctx.authorize(groupCheck('iam:UpdateGroup', group));
  if (arn !== data.arn) ctx.authorize({ action: 'iam:UpdateGroup', resource: arn });
  await ctx.write(async (tx) => {
    const current = await tx.getById(KIND.group, group.id);
    if (current === undefined) throw noSuchEntity(`The group with name ${group.name} cannot be found.`);
    const clash = await tx.getByName(ctx.account, KIND.group, '', newName);
    if (clash !== undefined && clash.id !== group.id) throw entityAlreadyExists(`Group with name ${newName} already exists.`);
    await tx.update(KIND.group, group.id, { name: newName, data: { ...dataOf<GroupData>(current), path, arn } });
  });
  return undefined;
};

const deleteGroup: IamHandler = async (ctx, input) => {
  const group = findGroup(ctx, input.GroupName as string);
  ctx.authorize(groupCheck('iam:DeleteGroup', group));
  await ctx.write(async (tx) => {
    if ((await tx.getById(KIND.group, group.id)) === undefined) throw noSuchEntity(`The group with name ${group.name} cannot be found.`);
    // IAM never cascades: members and policies must be removed first (§6.5).
    if ((await tx.count(ctx.account, KIND.membership, group.id)) > 0) throw deleteConflict('Cannot delete entity, must remove users from group first.');
    if ((await tx.count(ctx.account, KIND.inlinePolicy, group.id)) > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if ((await tx.count(ctx.account, KIND.attachment, group.id)) > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    await tx.delete(KIND.group, group.id);
  });
  return undefined;
};

const addUserToGroup: IamHandler = async (ctx, input) => {
  const group = findGroup(ctx, input.GroupName as string);
  const user = findUser(ctx, input.UserName as string);
  ctx.authorize(groupCheck('iam:AddUserToGroup', group));
  await ctx.write(async (tx) => {
    if ((await tx.getById(KIND.group, group.id)) === undefined) throw noSuchEntity(`The group with name ${group.name} cannot be found.`);
    if ((await tx.getById(KIND.user, user.id)) === undefined) throw noSuchEntity(`The user with name ${user.name} cannot be found.`);
    // Adding a member again succeeds and changes nothing.
    if ((await tx.getByName(ctx.account, KIND.membership, group.id, user.id)) !== undefined) return;
    const memberships = (await tx.list(ctx.account, KIND.membership)).filter((m) => m.name === user.id);
    if (memberships.length >= GROUPS_PER_USER) throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${GROUPS_PER_USER}`);
    await tx.insert({ account: ctx.account, kind: KIND.membership, id: randomUUID(), scope: group.id, name: user.id, data: {} });
  });
  return undefined;
};

const removeUserFromGroup: IamHandler = async (ctx, input) => {
  const group = findGroup(ctx, input.GroupName as string);
  const user = findUser(ctx, input.UserName as string);
  ctx.authorize(groupCheck('iam:RemoveUserFromGroup', group));
  await ctx.write(async (tx) => {
    const membership = await tx.getByName(ctx.account, KIND.membership, group.id, user.id);
    // AWS words a non-member like a missing user.
    if (membership === undefined) throw noSuchEntity(`The user with name ${user.name} cannot be found.`);
    await tx.delete(KIND.membership, membership.id);
  });
  return undefined;
};

const listGroupsForUser: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  ctx.authorize(userCheck('iam:ListGroupsForUser', user));
  return pageOutput('Groups', paginate(groupsOfUser(ctx, user.id), input), groupOutput);
};

export const GROUP_OPERATIONS: Record<string, IamHandler> = {
  CreateGroup: createGroup,
  GetGroup: getGroup,
  ListGroups: listGroups,
  UpdateGroup: updateGroup,
  DeleteGroup: deleteGroup,
  AddUserToGroup: addUserToGroup,
  RemoveUserFromGroup: removeUserFromGroup,
  ListGroupsForUser: listGroupsForUser,
};
