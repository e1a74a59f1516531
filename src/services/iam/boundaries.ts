// Permissions boundaries on users (roles get theirs with the role operations): a managed policy that must
// exist, named by ARN (§1.3, §4.2).

import { noSuchEntity } from '../../domain/index.js';
import { requireBoundaryPolicy } from './boundary-policy.js';
import type { IamHandler } from './context.js';
import { dataOf, KIND, type UserData } from './records.js';
import { findUser, userCheck } from './users.js';

const putUserPermissionsBoundary: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  const arn = input.PermissionsBoundary as string;
  const check = userCheck('iam:PutUserPermissionsBoundary', user);
  ctx.authorize({ ...check, context: { ...check.context, 'iam:PermissionsBoundary': arn } });
  requireBoundaryPolicy(ctx, arn);
  await ctx.write(async (tx) => {
    const current = await tx.getById(KIND.user, user.id);
    if (current === undefined) throw noSuchEntity(`The user with name ${user.name} cannot be found.`);
    await tx.update(KIND.user, user.id, { data: { ...dataOf<UserData>(current), permissionsBoundary: arn } });
  });
  return undefined;
};

const deleteUserPermissionsBoundary: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  const check = userCheck('iam:DeleteUserPermissionsBoundary', user);
  const existing = dataOf<UserData>(user).permissionsBoundary;
  ctx.authorize({ ...check, context: { ...check.context, ...(existing && { 'iam:PermissionsBoundary': existing }) } });
  await ctx.write(async (tx) => {
    const current = await tx.getById(KIND.user, user.id);
    if (current === undefined) throw noSuchEntity(`The user with name ${user.name} cannot be found.`);
    const { permissionsBoundary: _removed, ...rest } = dataOf<UserData>(current);
    await tx.update(KIND.user, user.id, { data: rest });
  });
  return undefined;
};

export const USER_BOUNDARY_OPERATIONS: Record<string, IamHandler> = {
  PutUserPermissionsBoundary: putUserPermissionsBoundary,
  DeleteUserPermissionsBoundary: deleteUserPermissionsBoundary,
};
