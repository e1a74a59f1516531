// IAM users: create, read, list, rename/move, delete (with AWS's dependency checks), and tags.

import { entityAlreadyExists, deleteConflict, iamArn, limitExceeded, newId, noSuchEntity, validationError } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import { matchesPathPrefix, pageOutput, paginate } from './pagination.js';
import { dataOf, isoNow, KIND, type UserData } from './records.js';
import { tagOperations } from './tag-operations.js';
import { readTags, requestTagContext, resourceTagContext, tagsOutput, checkNewTags } from './tags.js';
import { requireBoundaryPolicy } from './boundary-policy.js';
import { MFA_DEVICE_KIND, type MfaDeviceData } from './mfa-devices.js';
import { CREDENTIAL_KIND } from './user-credentials.js';

export const USERS_PER_ACCOUNT = 5000;

export const userOutput = (record: StoredRecord, withDetails = false): Record<string, unknown> => {
  const data = dataOf<UserData>(record);
  return {
    Path: data.path,
    UserName: record.name,
    UserId: record.id,
    Arn: data.arn,
    CreateDate: data.createDate,
    ...(withDetails && data.permissionsBoundary !== undefined && {
      PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: data.permissionsBoundary },
    }),
    ...(withDetails && tagsOutput(data.tags)),
  };
};

export const findUser = (ctx: IamContext, name: string): StoredRecord => {
  const user = ctx.state.byName(ctx.account, KIND.user, '', name);
  if (user === undefined) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
};

/** The condition keys every call on an existing user carries. */
export const userCheck = (action: string, user: StoredRecord) => ({
  action,
  resource: dataOf<UserData>(user).arn,
  context: resourceTagContext(dataOf<UserData>(user).tags),
});

/** The calling IAM user's record, for operations whose UserName defaults to the caller (§6.5). */
export const callingUser = (ctx: IamContext): StoredRecord => {
  if (ctx.caller.kind !== 'user') throw validationError('Must specify userName when calling with non-User credentials');
  const self = ctx.state.get(KIND.user, ctx.caller.userId);
  if (self === undefined) throw noSuchEntity(`The user with name ${ctx.caller.userName} cannot be found.`);
  return self;
};

const createUser: IamHandler = async (ctx, input) => {
  const name = input.UserName as string;
  const path = (input.Path as string | undefined) ?? '/';
  const tags = readTags(input.Tags);
  checkNewTags(tags);
  const boundary = input.PermissionsBoundary as string | undefined;
  const arn = iamArn(ctx.account, 'user', name, path);
  ctx.authorize({
    action: 'iam:CreateUser',
    resource: arn,
    context: { ...requestTagContext(tags), ...(boundary !== undefined && { 'iam:PermissionsBoundary': boundary }) },
  });
  if (boundary !== undefined) requireBoundaryPolicy(ctx, boundary);
  const record = await ctx.write(async (tx) => {
    if (await tx.getByName(ctx.account, KIND.user, '', name)) throw entityAlreadyExists(`User with name ${name} already exists.`);
    if ((await tx.count(ctx.account, KIND.user)) >= USERS_PER_ACCOUNT) {
      throw limitExceeded(`Cannot exceed quota for UsersPerAccount: ${USERS_PER_ACCOUNT}.`);
    }
    const data: UserData = { path, arn, createDate: isoNow(ctx.now), tags, ...(boundary !== undefined && { permissionsBoundary: boundary }) };
    return tx.insert({ account: ctx.account, kind: KIND.user, id: newId('user'), scope: '', name, data });
  });
  return { User: userOutput(record, true) };
};

const getUser: IamHandler = async (ctx, input) => {
  const name = input.UserName as string | undefined;
  if (name === undefined) {
    // Without a name, GetUser describes the caller (an IAM user; the root user has no user record).
    if (ctx.caller.kind === 'root') {
      return { User: { Path: '/', UserName: '', UserId: ctx.account, Arn: `arn:aws:iam::${ctx.account}:root`, CreateDate: isoNow(ctx.now) } };
    }
    const self = callingUser(ctx);
    ctx.authorize(userCheck('iam:GetUser', self));
    return { User: userOutput(self, true) };
  }
  const user = findUser(ctx, name);
  ctx.authorize(userCheck('iam:GetUser', user));
  return { User: userOutput(user, true) };
};

const listUsers: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:ListUsers', resource: iamArn(ctx.account, 'user', '', '/') });
  const users = ctx.state.list(ctx.account, KIND.user).filter((u) => matchesPathPrefix(dataOf<UserData>(u).path, input.PathPrefix));
  return pageOutput('Users', paginate(users, input), (u) => userOutput(u));
};

const updateUser: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  const newName = (input.NewUserName as string | undefined) ?? user.name;
  const data = dataOf<UserData>(user);
  const path = (input.NewPath as string | undefined) ?? data.path;
  // AWS requires permission on the user under both its old and its new name.
  ctx.authorize(userCheck('iam:UpdateUser', user));
  const arn = iamArn(ctx.account, 'user', newName, path);
  if (arn !== data.arn) ctx.authorize({ ...userCheck('iam:UpdateUser', user), resource: arn });
  await ctx.write(async (tx) => {
    const current = await tx.getById(KIND.user, user.id);
    if (current === undefined) throw noSuchEntity(`The user with name ${user.name} cannot be found.`);
    const clash = await tx.getByName(ctx.account, KIND.user, '', newName);
    if (clash !== undefined && clash.id !== user.id) throw entityAlreadyExists(`User with name ${newName} already exists.`);
    const next: UserData = { ...dataOf<UserData>(current), path, arn };
    await tx.update(KIND.user, user.id, { name: newName, data: next });
  });
  return undefined;
};

const deleteUser: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  ctx.authorize(userCheck('iam:DeleteUser', user));
  await ctx.write(async (tx) => {
    if ((await tx.getById(KIND.user, user.id)) === undefined) throw noSuchEntity(`The user with name ${user.name} cannot be found.`);
    // IAM never cascades: each dependency must be removed first (§6.5).
    if ((await tx.count(ctx.account, KIND.loginProfile, user.id)) > 0) throw deleteConflict('Cannot delete entity, must delete login profile first.');
    if ((await tx.count(ctx.account, KIND.accessKey, user.id)) > 0) throw deleteConflict('Cannot delete entity, must delete access keys first.');
    if ((await tx.count(ctx.account, CREDENTIAL_KIND.signingCertificate, user.id)) > 0) throw deleteConflict('Cannot delete entity, must delete signing certificates first.');
    if ((await tx.count(ctx.account, CREDENTIAL_KIND.sshPublicKey, user.id)) > 0) throw deleteConflict('Cannot delete entity, must delete SSH public keys first.');
    if ((await tx.count(ctx.account, CREDENTIAL_KIND.serviceSpecificCredential, user.id)) > 0) {
      throw deleteConflict('Cannot delete entity, must delete service specific credentials first.');
    }
    if ((await tx.count(ctx.account, KIND.inlinePolicy, user.id)) > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if ((await tx.count(ctx.account, KIND.attachment, user.id)) > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    const devices = (await tx.list(ctx.account, MFA_DEVICE_KIND)).filter((d) => dataOf<MfaDeviceData>(d).userId === user.id);
    if (devices.length > 0) throw deleteConflict('Cannot delete entity, must delete MFA device first.');
    const memberships = (await tx.list(ctx.account, KIND.membership)).filter((m) => m.name === user.id);
    if (memberships.length > 0) throw deleteConflict('Cannot delete entity, must remove users from group first.');
    await tx.delete(KIND.user, user.id);
  });
  return undefined;
};

export const USER_OPERATIONS: Record<string, IamHandler> = {
  CreateUser: createUser,
  GetUser: getUser,
  ListUsers: listUsers,
  UpdateUser: updateUser,
  DeleteUser: deleteUser,
  ...tagOperations({
    label: 'User',
    keyCase: 'insensitive',
    find: (ctx, input) => findUser(ctx, input.UserName as string),
    check: userCheck,
    notFound: (user) => noSuchEntity(`The user with name ${user.name} cannot be found.`),
  }),
};
