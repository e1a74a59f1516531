// Virtual MFA devices: create (the seed and its QR code are shown once), enable for a user with two
// consecutive codes, resynchronise, deactivate, delete, list, and tags (§6.2 ARN, §6.3 tags, §6.4 quotas).

import QRCode from 'qrcode';
import { AwsError, deleteConflict, entityAlreadyExists, iamArn, limitExceeded, noSuchEntity, rootArn } from '../../domain/index.js';
import type { StoredRecord, StoreTransaction } from '../../store/index.js';
import type { AuthorizationCheck, IamContext, IamHandler } from './context.js';
import {
  deviceNotFound,
  devicesOfUser,
  ENABLE_WINDOW_STEPS,
  findDevice,
  MFA_DEVICE_KIND,
  MFA_DEVICES_PER_USER,
  RESYNC_WINDOW_STEPS,
  type MfaDeviceData,
} from './mfa-devices.js';
import { pageOutput, paginate } from './pagination.js';
import { dataOf, isoNow, KIND } from './records.js';
import { checkNewTags, readTags, requestTagContext, resourceTagContext, tagsOutput } from './tags.js';
import { tagOperations } from './tag-operations.js';
import { findConsecutive, newSeed, provisioningUri, stepAt } from './totp.js';
import { findUser, userCheck, userOutput, USERS_PER_ACCOUNT, callingUser } from './users.js';

export { verifyMfaCode, mfaDeviceUserId, type MfaVerifierDeps } from './mfa-devices.js';

/** §6.4: virtual MFA devices per account = the user quota. */
export const VIRTUAL_MFA_DEVICES_PER_ACCOUNT = USERS_PER_ACCOUNT;

/** The issuer authenticator apps show, as AWS's own QR codes name it. */
const ISSUER = 'Amazon Web Services';

const invalidCode = (): AwsError => new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.');
const inUse = (): AwsError => deleteConflict('MFA Device is already in use.');

const deviceCheck = (action: string, device: StoredRecord, extra: AuthorizationCheck['context'] = {}): AuthorizationCheck => ({
  action,
  resource: device.id,
  context: { ...resourceTagContext(dataOf<MfaDeviceData>(device).tags), ...extra },
});

/** The user named in the request, else the calling user; undefined for the root user (it has no user record). */
const targetUser = (ctx: IamContext, userName: unknown): StoredRecord | undefined => {
  if (typeof userName === 'string') return findUser(ctx, userName);
  if (ctx.caller.kind === 'root') return undefined;
  const self = callingUser(ctx);
  return self;
};

const authorizeOnUser = (ctx: IamContext, action: string, user: StoredRecord | undefined): void => {
  ctx.authorize(user ? userCheck(action, user) : { action, resource: rootArn(ctx.account) });
};

/** The device, which must be enabled for this user (the root user has none through the API). */
const userDevice = (ctx: IamContext, user: StoredRecord | undefined, serial: string): StoredRecord => {
  const device = findDevice(ctx.state, ctx.account, serial);
  if (user === undefined || dataOf<MfaDeviceData>(device).userId !== user.id) throw deviceNotFound(serial);
  return device;
};

/** Re-reads a device inside a transaction; gone means NoSuchEntity. */
const currentDevice = async (ctx: IamContext, tx: StoreTransaction, serial: string) => {
  const device = await tx.getById(MFA_DEVICE_KIND, serial);
  if (device === undefined || device.account !== ctx.account) throw deviceNotFound(serial);
  return { device, data: dataOf<MfaDeviceData>(device) };
};

const createVirtualMFADevice: IamHandler = async (ctx, input) => {
  const name = input.VirtualMFADeviceName as string;
  const path = (input.Path as string | undefined) ?? '/';
  const tags = readTags(input.Tags);
  const serial = iamArn(ctx.account, 'mfa', name, path);
  ctx.authorize({ action: 'iam:CreateVirtualMFADevice', resource: serial, context: requestTagContext(tags) });
  checkNewTags(tags, 'sensitive');
  const seed = newSeed();
  const label = `${name}@${ctx.account}`;
  const png = await QRCode.toBuffer(provisioningUri(seed, ISSUER, label), { type: 'png' });
  await ctx.write(async (tx) => {
    if ((await tx.getByName(ctx.account, MFA_DEVICE_KIND, '', `${path}${name}`)) !== undefined) {
      throw entityAlreadyExists('MFADevice entity at the same path and name already exists.');
    }
    if ((await tx.count(ctx.account, MFA_DEVICE_KIND)) >= VIRTUAL_MFA_DEVICES_PER_ACCOUNT) {
      throw limitExceeded(`Cannot exceed quota for VirtualMFADevicesPerAccount: ${VIRTUAL_MFA_DEVICES_PER_ACCOUNT}`);
    }
    const data: MfaDeviceData = { path, createDate: isoNow(ctx.now), sealedSeed: ctx.secrets.seal(seed), tags };
    await tx.insert({ account: ctx.account, kind: MFA_DEVICE_KIND, id: serial, scope: '', name: `${path}${name}`, data });
  });
  // Base32StringSeed is a blob holding the base32 text: the wire carries base64 of that text, as AWS's does.
  return {
    VirtualMFADevice: { SerialNumber: serial, Base32StringSeed: Buffer.from(seed, 'ascii'), QRCodePNG: png, ...tagsOutput(tags) },
  };
};

const enableMFADevice: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  const serial = input.SerialNumber as string;
  ctx.authorize(userCheck('iam:EnableMFADevice', user));
  const device = findDevice(ctx.state, ctx.account, serial);
  if (dataOf<MfaDeviceData>(device).userId !== undefined) throw entityAlreadyExists('MFA Device is already in use.');
  const now = stepAt(ctx.now);
  const seed = ctx.secrets.open(dataOf<MfaDeviceData>(device).sealedSeed);
  // The two codes are consecutive and recent: the second at most one step ahead (a slightly fast clock).
  const step = findConsecutive(seed, input.AuthenticationCode1 as string, input.AuthenticationCode2 as string, now - ENABLE_WINDOW_STEPS, now);
  if (step === undefined) throw invalidCode();
  await ctx.write(async (tx) => {
    const { data } = await currentDevice(ctx, tx, serial);
    if (data.userId !== undefined) throw entityAlreadyExists('MFA Device is already in use.');
    if ((await tx.getById(KIND.user, user.id)) === undefined) throw noSuchEntity(`The user with name ${user.name} cannot be found.`);
    const inUseByUser = (await tx.list(ctx.account, MFA_DEVICE_KIND)).filter((d) => dataOf<MfaDeviceData>(d).userId === user.id);
    if (inUseByUser.length >= MFA_DEVICES_PER_USER) throw limitExceeded(`Cannot exceed quota for MFADevicesPerUser: ${MFA_DEVICES_PER_USER}`);
    const { drift: _drift, ...rest } = data;
    const next: MfaDeviceData = { ...rest, userId: user.id, enableDate: isoNow(ctx.now), lastUsedStep: step };
    await tx.update(MFA_DEVICE_KIND, serial, { data: next });
  });
  return undefined;
};

const resyncMFADevice: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  const serial = input.SerialNumber as string;
  ctx.authorize(userCheck('iam:ResyncMFADevice', user));
  const device = userDevice(ctx, user, serial);
  const data = dataOf<MfaDeviceData>(device);
  const now = stepAt(ctx.now);
  // A pair already used (or older) never resynchronises: the first code must come after the last accepted one.
  const from = Math.max(now - RESYNC_WINDOW_STEPS, (data.lastUsedStep ?? -Infinity) + 1);
  const step = findConsecutive(ctx.secrets.open(data.sealedSeed), input.AuthenticationCode1 as string, input.AuthenticationCode2 as string, from, now + RESYNC_WINDOW_STEPS);
  if (step === undefined) throw invalidCode();
  await ctx.write(async (tx) => {
    const current = await currentDevice(ctx, tx, serial);
    if (current.data.userId !== user.id) throw deviceNotFound(serial);
    await tx.update(MFA_DEVICE_KIND, serial, { data: { ...current.data, drift: step - now, lastUsedStep: step } });
  });
  return undefined;
};

const deactivateMFADevice: IamHandler = async (ctx, input) => {
  const user = targetUser(ctx, input.UserName);
  const serial = input.SerialNumber as string;
  authorizeOnUser(ctx, 'iam:DeactivateMFADevice', user);
  userDevice(ctx, user, serial);
  await ctx.write(async (tx) => {
    const { data } = await currentDevice(ctx, tx, serial);
    if (data.userId !== user?.id) throw deviceNotFound(serial);
    const { userId: _user, enableDate: _date, drift: _drift, ...rest } = data;
    await tx.update(MFA_DEVICE_KIND, serial, { data: rest });
  });
  return undefined;
};

const deleteVirtualMFADevice: IamHandler = async (ctx, input) => {
  const serial = input.SerialNumber as string;
  const device = findDevice(ctx.state, ctx.account, serial);
  ctx.authorize(deviceCheck('iam:DeleteVirtualMFADevice', device));
  await ctx.write(async (tx) => {
    const { data } = await currentDevice(ctx, tx, serial);
    if (data.userId !== undefined) throw inUse();
    await tx.delete(MFA_DEVICE_KIND, serial);
  });
  return undefined;
};

/** The MFADevice shape (ListMFADevices). */
const mfaDeviceOutput = (user: StoredRecord, device: StoredRecord): Record<string, unknown> => ({
  UserName: user.name,
  SerialNumber: device.id,
  EnableDate: dataOf<MfaDeviceData>(device).enableDate,
});

const listMFADevices: IamHandler = async (ctx, input) => {
  const user = targetUser(ctx, input.UserName);
  authorizeOnUser(ctx, 'iam:ListMFADevices', user);
  const devices = user ? devicesOfUser(ctx.state, ctx.account, user.id) : [];
  return pageOutput('MFADevices', paginate(devices, input), (d) => mfaDeviceOutput(user!, d));
};

const getMFADevice: IamHandler = async (ctx, input) => {
  const user = targetUser(ctx, input.UserName);
  authorizeOnUser(ctx, 'iam:GetMFADevice', user);
  const device = userDevice(ctx, user, input.SerialNumber as string);
  return mfaDeviceOutput(user!, device);
};

/** Unassigned devices, and those whose user no longer exists, list without User. */
const assignedUser = (ctx: IamContext, device: StoredRecord): StoredRecord | undefined => {
  const userId = dataOf<MfaDeviceData>(device).userId;
  return userId === undefined ? undefined : ctx.state.get(KIND.user, userId);
};

const listVirtualMFADevices: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:ListVirtualMFADevices', resource: iamArn(ctx.account, 'mfa', '', '/') });
  // No AssignmentStatus means Any (IAM API reference, ListVirtualMFADevices).
  const status = (input.AssignmentStatus as string | undefined) ?? 'Any';
  const devices = ctx.state.list(ctx.account, MFA_DEVICE_KIND).filter((d) => {
    const isAssigned = assignedUser(ctx, d) !== undefined;
    return status === 'Any' || (status === 'Assigned') === isAssigned;
  });
  return pageOutput('VirtualMFADevices', paginate(devices, input), (d) => {
    const user = assignedUser(ctx, d);
    return user
      ? { SerialNumber: d.id, User: userOutput(user), EnableDate: dataOf<MfaDeviceData>(d).enableDate }
      : { SerialNumber: d.id };
  });
};

export const MFA_OPERATIONS: Record<string, IamHandler> = {
  CreateVirtualMFADevice: createVirtualMFADevice,
  EnableMFADevice: enableMFADevice,
  ResyncMFADevice: resyncMFADevice,
  DeactivateMFADevice: deactivateMFADevice,
  DeleteVirtualMFADevice: deleteVirtualMFADevice,
  ListMFADevices: listMFADevices,
  GetMFADevice: getMFADevice,
  ListVirtualMFADevices: listVirtualMFADevices,
  ...tagOperations({
    label: 'MFADevice',
    keyCase: 'sensitive',
    find: (ctx, input) => findDevice(ctx.state, ctx.account, input.SerialNumber as string),
    check: (action, device) => deviceCheck(action, device),
    notFound: (device) => deviceNotFound(device.id),
  }),
};
