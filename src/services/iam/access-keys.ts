// Long-term access keys (§6.4: at most 2 per user and per root user): the secret is returned once, at
// creation, and stored sealed under the master key (DESIGN decision 5).

import { iamArn, limitExceeded, newAccessKeyId, newSecretAccessKey, noSuchEntity, rootArn } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import { pageOutput, paginate } from './pagination.js';
import { dataOf, isoNow, KIND, type AccessKeyData, type UserData } from './records.js';
import { findUser, userCheck, callingUser } from './users.js';

export const ACCESS_KEYS_PER_USER = 2;

interface KeyOwner {
  /** The scope of the owner's key records: the user id, or the account id for the root user. */
  readonly scope: string;
  readonly owner: string;
  readonly userName?: string;
  readonly arn: string;
  readonly user?: StoredRecord;
}

/** The user named in the request, else the caller itself (an IAM user or the root user). */
const keyOwner = (ctx: IamContext, userName: unknown): KeyOwner => {
  if (typeof userName === 'string') {
    const user = findUser(ctx, userName);
    return { scope: user.id, owner: user.id, userName: user.name, arn: dataOf<UserData>(user).arn, user };
  }
  if (ctx.caller.kind === 'root') return { scope: ctx.account, owner: 'root', arn: rootArn(ctx.account) };
  const user = callingUser(ctx);
  return { scope: user.id, owner: user.id, userName: user.name, arn: dataOf<UserData>(user).arn, user };
};

const authorizeOn = (ctx: IamContext, action: string, owner: KeyOwner): void => {
  ctx.authorize(owner.user ? userCheck(action, owner.user) : { action, resource: owner.arn });
};

/** The owning user's name as it is now (UpdateUser may have renamed the user since the key was made). */
const ownerName = (ctx: IamContext, data: AccessKeyData): string | undefined =>
  data.owner === 'root' ? undefined : (ctx.state.get(KIND.user, data.owner)?.name ?? data.userName);

const metadata = (ctx: IamContext, record: StoredRecord): Record<string, unknown> => {
  const data = dataOf<AccessKeyData>(record);
  const userName = ownerName(ctx, data);
  return {
    ...(userName !== undefined && { UserName: userName }),
    AccessKeyId: record.id,
    Status: data.status,
    CreateDate: data.createDate,
  };
};

const findKey = (ctx: IamContext, owner: KeyOwner, id: string): StoredRecord => {
  const key = ctx.state.get(KIND.accessKey, id);
  if (key === undefined || key.scope !== owner.scope || key.account !== ctx.account) {
    throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
  }
  return key;
};

const createAccessKey: IamHandler = async (ctx, input) => {
  const owner = keyOwner(ctx, input.UserName);
  authorizeOn(ctx, 'iam:CreateAccessKey', owner);
  const secret = newSecretAccessKey();
  const record = await ctx.write(async (tx) => {
    if ((await tx.count(ctx.account, KIND.accessKey, owner.scope)) >= ACCESS_KEYS_PER_USER) {
      throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
    }
    const id = newAccessKeyId('accessKey', ctx.account);
    const data: AccessKeyData = {
      owner: owner.owner,
      ...(owner.userName !== undefined && { userName: owner.userName }),
      sealedSecret: ctx.secrets.seal(secret),
      status: 'Active',
      createDate: isoNow(ctx.now),
    };
    return tx.insert({ account: ctx.account, kind: KIND.accessKey, id, scope: owner.scope, name: id, data });
  });
  return { AccessKey: { ...metadata(ctx, record), UserName: owner.userName ?? '', SecretAccessKey: secret } };
};

const listAccessKeys: IamHandler = async (ctx, input) => {
  const owner = keyOwner(ctx, input.UserName);
  authorizeOn(ctx, 'iam:ListAccessKeys', owner);
  const keys = ctx.state.list(ctx.account, KIND.accessKey, owner.scope);
  return pageOutput('AccessKeyMetadata', paginate(keys, input), (k) => metadata(ctx, k));
};

const updateAccessKey: IamHandler = async (ctx, input) => {
  const owner = keyOwner(ctx, input.UserName);
  const key = findKey(ctx, owner, input.AccessKeyId as string);
  authorizeOn(ctx, 'iam:UpdateAccessKey', owner);
  await ctx.write(async (tx) => {
    const current = await tx.getById(KIND.accessKey, key.id);
    if (current === undefined) throw noSuchEntity(`The Access Key with id ${key.id} cannot be found.`);
    await tx.update(KIND.accessKey, key.id, { data: { ...dataOf<AccessKeyData>(current), status: input.Status } });
  });
  return undefined;
};

const deleteAccessKey: IamHandler = async (ctx, input) => {
  const owner = keyOwner(ctx, input.UserName);
  const key = findKey(ctx, owner, input.AccessKeyId as string);
  authorizeOn(ctx, 'iam:DeleteAccessKey', owner);
  await ctx.write(async (tx) => {
    if (!(await tx.delete(KIND.accessKey, key.id))) throw noSuchEntity(`The Access Key with id ${key.id} cannot be found.`);
  });
  return undefined;
};

const getAccessKeyLastUsed: IamHandler = async (ctx, input) => {
  const id = input.AccessKeyId as string;
  const key = ctx.state.get(KIND.accessKey, id);
  if (key === undefined || key.account !== ctx.account) throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
  const data = dataOf<AccessKeyData>(key);
  const user = data.owner === 'root' ? undefined : ctx.state.get(KIND.user, data.owner);
  ctx.authorize({ action: 'iam:GetAccessKeyLastUsed', resource: user ? dataOf<UserData>(user).arn : iamArn(ctx.account, 'user', '', '/') });
  const userName = user?.name ?? data.userName; // the user's name now, should it have been renamed
  return {
    ...(userName !== undefined && { UserName: userName }),
    AccessKeyLastUsed: data.lastUsed
      ? { LastUsedDate: data.lastUsed.date, ServiceName: data.lastUsed.service, Region: data.lastUsed.region }
      : { ServiceName: 'N/A', Region: 'N/A' },
  };
};

export const ACCESS_KEY_OPERATIONS: Record<string, IamHandler> = {
  CreateAccessKey: createAccessKey,
  ListAccessKeys: listAccessKeys,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
};
