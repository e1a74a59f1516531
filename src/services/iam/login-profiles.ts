// Console passwords (login profiles, §6.4: one per user) and the account password policy they must meet
// (§6.5). Only a salted scrypt hash of a password is stored, never the password.

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AwsError, entityAlreadyExists, noSuchEntity, validationError } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import { dataOf, isoNow, KIND, type AccountData } from './records.js';
import { findUser, userCheck, callingUser } from './users.js';

/** A login profile record: kind login-profile, id and scope = the user's id, name "LoginProfile". */
export interface LoginProfileData {
  /** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
  readonly passwordHash: string;
  /** Hashes of earlier passwords, newest first, for PasswordReusePrevention (at most 24 kept). */
  readonly previousHashes: readonly string[];
  readonly passwordResetRequired: boolean;
  readonly createDate: string;
  /** When the password was last set after creation (UpdateLoginProfile, ChangePassword); the credential report's password_last_changed. */
  readonly passwordLastChanged?: string;
}

/** The account password policy, as GetAccountPasswordPolicy returns it. */
export interface PasswordPolicy {
  readonly MinimumPasswordLength: number;
  readonly RequireSymbols: boolean;
  readonly RequireNumbers: boolean;
  readonly RequireUppercaseCharacters: boolean;
  readonly RequireLowercaseCharacters: boolean;
  readonly AllowUsersToChangePassword: boolean;
  readonly ExpirePasswords: boolean;
  readonly MaxPasswordAge?: number;
  readonly PasswordReusePrevention?: number;
  readonly HardExpiry: boolean;
}

export const MAX_REUSE_PREVENTION = 24;

// ---- Password hashing: scrypt with N = 2^15, r = 8, p = 3, one of the settings OWASP's Password Storage
// Cheat Sheet lists as equivalent to its minimum (N = 2^17, r = 8, p = 1) while using a quarter of the memory.

const SCRYPT = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // maxmem must cover 128·N·r bytes plus headroom.
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem: 256 * options.N! * options.r! }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
};

/** True when the password hashes to the stored hash (compared in constant time). */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
};

// ---- The password policy.

/** The characters AWS counts as symbols. */
const SYMBOLS = new Set("!@#$%^&*()_+-=[]{}|'");

export const passwordPolicyOf = (ctx: IamContext): PasswordPolicy | undefined => {
  const account = ctx.state.get(KIND.account, ctx.account);
  return account && (dataOf<AccountData>(account).passwordPolicy as PasswordPolicy | undefined);
};

const violation = (): AwsError => new AwsError('PasswordPolicyViolation', 'Password does not conform to the account password policy.');

export const requireConformingPassword = (password: string, policy: PasswordPolicy | undefined): void => {
  if (policy === undefined) return;
  const chars = [...password];
  const conforms =
    chars.length >= policy.MinimumPasswordLength &&
    (!policy.RequireSymbols || chars.some((c) => SYMBOLS.has(c))) &&
    (!policy.RequireNumbers || chars.some((c) => c >= '0' && c <= '9')) &&
    (!policy.RequireUppercaseCharacters || chars.some((c) => c >= 'A' && c <= 'Z')) &&
    (!policy.RequireLowercaseCharacters || chars.some((c) => c >= 'a' && c <= 'z'));
  if (!conforms) throw violation();
};

// ---- Login profiles.

const profileNotFound = (userName: string) => noSuchEntity(`Login Profile for User ${userName} cannot be found.`);

/** The user named, else the calling user; the root user's console password is not an IAM login profile. */
const profileUser = (ctx: IamContext, userName: unknown): StoredRecord => {
  if (typeof userName === 'string') return findUser(ctx, userName);
  if (ctx.caller.kind === 'root') throw profileNotFound('null');
  const self = callingUser(ctx);
  return self;
};

const profileOutput = (user: StoredRecord, data: LoginProfileData) => ({
  LoginProfile: { UserName: user.name, CreateDate: data.createDate, PasswordResetRequired: data.passwordResetRequired },
});

const createLoginProfile: IamHandler = async (ctx, input) => {
  const user = profileUser(ctx, input.UserName);
  ctx.authorize(userCheck('iam:CreateLoginProfile', user));
  const password = input.Password as string | undefined;
  if (password === undefined) throw validationError('Password is required to create a login profile.');
  requireConformingPassword(password, passwordPolicyOf(ctx));
  const data: LoginProfileData = {
    passwordHash: await hashPassword(password),
    previousHashes: [],
    passwordResetRequired: input.PasswordResetRequired === true,
    createDate: isoNow(ctx.now),
  };
  await ctx.write(async (tx) => {
    if ((await tx.getById(KIND.user, user.id)) === undefined) throw noSuchEntity(`The user with name ${user.name} cannot be found.`);
    if ((await tx.getById(KIND.loginProfile, user.id)) !== undefined) throw entityAlreadyExists(`Login Profile for user ${user.name} already exists.`);
    await tx.insert({ account: ctx.account, kind: KIND.loginProfile, id: user.id, scope: user.id, name: 'LoginProfile', data });
  });
  return profileOutput(user, data);
};

const getLoginProfile: IamHandler = async (ctx, input) => {
  const user = profileUser(ctx, input.UserName);
  ctx.authorize(userCheck('iam:GetLoginProfile', user));
  const profile = ctx.state.get(KIND.loginProfile, user.id);
  if (profile === undefined) throw profileNotFound(user.name);
  return profileOutput(user, dataOf<LoginProfileData>(profile));
};

/** True when the password is one of the last `count` passwords (the current one included). */
export const isReused = async (password: string, data: LoginProfileData, count: number): Promise<boolean> => {
  // Checked side by side: scrypt runs on libuv's thread pool, and up to 24 hashes may need checking.
  const hashes = [data.passwordHash, ...data.previousHashes].slice(0, count);
  return (await Promise.all(hashes.map((hash) => verifyPassword(password, hash)))).some(Boolean);
};

const updateLoginProfile: IamHandler = async (ctx, input) => {
  const user = profileUser(ctx, input.UserName);
  ctx.authorize(userCheck('iam:UpdateLoginProfile', user));
  const profile = ctx.state.get(KIND.loginProfile, user.id);
  if (profile === undefined) throw profileNotFound(user.name);
  const password = input.Password as string | undefined;
  const reset = input.PasswordResetRequired as boolean | undefined;
  let newHash: string | undefined;
  if (password !== undefined) {
    const policy = passwordPolicyOf(ctx);
    requireConformingPassword(password, policy);
    const reuse = policy?.PasswordReusePrevention;
    if (reuse !== undefined && (await isReused(password, dataOf<LoginProfileData>(profile), reuse))) throw violation();
    newHash = await hashPassword(password);
  }
  await ctx.write(async (tx) => {
    const current = await tx.getById(KIND.loginProfile, user.id);
    if (current === undefined) throw profileNotFound(user.name);
    const data = dataOf<LoginProfileData>(current);
    const next: LoginProfileData = {
      ...data,
      ...(newHash !== undefined && {
        passwordHash: newHash,
        previousHashes: [data.passwordHash, ...data.previousHashes].slice(0, MAX_REUSE_PREVENTION - 1),
        passwordLastChanged: isoNow(ctx.now),
      }),
      ...(reset !== undefined && { passwordResetRequired: reset }),
    };
    await tx.update(KIND.loginProfile, user.id, { data: next });
  });
  return undefined;
};

const deleteLoginProfile: IamHandler = async (ctx, input) => {
  const user = profileUser(ctx, input.UserName);
  ctx.authorize(userCheck('iam:DeleteLoginProfile', user));
  await ctx.write(async (tx) => {
    if (!(await tx.delete(KIND.loginProfile, user.id))) throw profileNotFound(user.name);
  });
  return undefined;
};

// ---- The account password policy, kept on the account record.

const updateAccountPasswordPolicy: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:UpdateAccountPasswordPolicy', resource: '*' });
  // Every parameter left out reverts to its default: the call replaces the whole policy.
  const maxAge = input.MaxPasswordAge as number | undefined;
  const reuse = input.PasswordReusePrevention as number | undefined;
  const policy: PasswordPolicy = {
    MinimumPasswordLength: (input.MinimumPasswordLength as number | undefined) ?? 6,
    RequireSymbols: input.RequireSymbols === true,
    RequireNumbers: input.RequireNumbers === true,
    RequireUppercaseCharacters: input.RequireUppercaseCharacters === true,
    RequireLowercaseCharacters: input.RequireLowercaseCharacters === true,
    AllowUsersToChangePassword: input.AllowUsersToChangePassword === true,
    ExpirePasswords: maxAge !== undefined,
    ...(maxAge !== undefined && { MaxPasswordAge: maxAge }),
    ...(reuse !== undefined && { PasswordReusePrevention: reuse }),
    HardExpiry: input.HardExpiry === true,
  };
  await ctx.write(async (tx) => {
    const account = await tx.getById(KIND.account, ctx.account);
    if (account === undefined) throw noSuchEntity(`The account ${ctx.account} cannot be found.`);
    await tx.update(KIND.account, ctx.account, { data: { ...dataOf<AccountData>(account), passwordPolicy: { ...policy } } });
  });
  return undefined;
};

const noPasswordPolicy = (ctx: IamContext) => noSuchEntity(`The Password Policy with domain name ${ctx.account} cannot be found.`);

const getAccountPasswordPolicy: IamHandler = async (ctx) => {
  ctx.authorize({ action: 'iam:GetAccountPasswordPolicy', resource: '*' });
  const policy = passwordPolicyOf(ctx);
  if (policy === undefined) throw noPasswordPolicy(ctx);
  return { PasswordPolicy: policy };
};

const deleteAccountPasswordPolicy: IamHandler = async (ctx) => {
  ctx.authorize({ action: 'iam:DeleteAccountPasswordPolicy', resource: '*' });
  await ctx.write(async (tx) => {
    const account = await tx.getById(KIND.account, ctx.account);
    const data = account ? dataOf<AccountData>(account) : {};
    if (data.passwordPolicy === undefined) throw noPasswordPolicy(ctx);
    const { passwordPolicy: _removed, ...rest } = data;
    await tx.update(KIND.account, ctx.account, { data: rest });
  });
  return undefined;
};

export const LOGIN_PROFILE_OPERATIONS: Record<string, IamHandler> = {
  CreateLoginProfile: createLoginProfile,
  GetLoginProfile: getLoginProfile,
  UpdateLoginProfile: updateLoginProfile,
  DeleteLoginProfile: deleteLoginProfile,
  UpdateAccountPasswordPolicy: updateAccountPasswordPolicy,
  GetAccountPasswordPolicy: getAccountPasswordPolicy,
  DeleteAccountPasswordPolicy: deleteAccountPasswordPolicy,
};
