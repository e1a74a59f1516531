// Virtual MFA devices as stored records, and the code check the STS layer uses (GetSessionToken and
// AssumeRole with SerialNumber/TokenCode, §5.8). The seed is kept sealed under the master key.

import { noSuchEntity, type SecretBox } from '../../domain/index.js';
import type { Snapshot } from '../../state/index.js';
import type { Store, StoredRecord } from '../../store/index.js';
import { dataOf, type Tag } from './records.js';
import { findStep, stepAt } from './totp.js';

/** Kept out of records.ts's KIND table, which another change owns; same conventions. */
export const MFA_DEVICE_KIND = 'mfa-device';

/**
 * A virtual MFA device: id = its serial number (the device ARN), scope '', name = path + device name, so
 * that IAM's "same path and name" uniqueness is the store's own (case-insensitive) name rule.
 */
export interface MfaDeviceData {
  readonly path: string;
  readonly createDate: string;
  /** The base32 seed, sealed with SecretBox (AES-256-GCM). */
  readonly sealedSeed: string;
  readonly tags: readonly Tag[];
  /** Set while the device is enabled for a user: the user's id (names change; ids do not). */
  readonly userId?: string;
  readonly enableDate?: string;
  /** The last time step whose code was accepted: a code is never accepted twice. */
  readonly lastUsedStep?: number;
  /** Steps the device's clock runs ahead (positive) or behind, learned by ResyncMFADevice. */
  readonly drift?: number;
}

/** §6.4: MFA devices in use per user. */
export const MFA_DEVICES_PER_USER = 8;

/** How far (in 30-second steps) EnableMFADevice looks back for the pair of codes: people type slowly. */
export const ENABLE_WINDOW_STEPS = 10;

/** How far either way ResyncMFADevice looks for the pair: a device clock may have drifted minutes. */
export const RESYNC_WINDOW_STEPS = 20;

export const deviceNotFound = (serial: string) => noSuchEntity(`VirtualMFADevice with serial number ${serial} doesn't exist.`);

/** The virtual device with this serial number in the account, from the snapshot. */
export const findDevice = (state: Snapshot, account: string, serial: string): StoredRecord => {
  const device = state.get(MFA_DEVICE_KIND, serial);
  if (device === undefined || device.account !== account) throw deviceNotFound(serial);
  return device;
};

/** Devices of the account enabled for a user. */
export const devicesOfUser = (state: Snapshot, account: string, userId: string): StoredRecord[] =>
  state.list(account, MFA_DEVICE_KIND).filter((d) => dataOf<MfaDeviceData>(d).userId === userId);

/** What verifyMfaCode needs: the store to record the accepted step, the snapshot, and the master key. */
export interface MfaVerifierDeps {
  readonly store: Store;
  readonly state: Snapshot;
  readonly secrets: SecretBox;
}

/**
 * True when `code` is the current code of the ENABLED device `serialNumber` of `account`: the step at
 * `now` (corrected by the device's learned drift) or one step either side, and later than the last code
 * accepted, so that a code is never accepted twice (a replayed or shoulder-surfed code fails). Accepting
 * records the step, in a transaction that serialises concurrent checks on the account.
 */
export const verifyMfaCode = async (
  deps: MfaVerifierDeps,
  account: string,
  serialNumber: string,
  code: string,
  now: Date,
): Promise<boolean> => {
  if (!/^\d{6}$/.test(code)) return false;
  const accepted = await deps.store.transaction(account, async (tx) => {
    const device = await tx.getById(MFA_DEVICE_KIND, serialNumber);
    if (device === undefined || device.account !== account) return false;
    const data = dataOf<MfaDeviceData>(device);
    if (data.userId === undefined) return false;
    const center = stepAt(now) + (data.drift ?? 0);
    const from = Math.max(center - 1, (data.lastUsedStep ?? -Infinity) + 1);
    const step = findStep(deps.secrets.open(data.sealedSeed), code, from, center + 1);
    if (step === undefined) return false;
    await tx.update(MFA_DEVICE_KIND, device.id, { data: { ...data, lastUsedStep: step } });
    return true;
  });
  if (accepted) await deps.state.catchUp();
  return accepted;
};

/** The id of the user a device is enabled for, or undefined (unassigned, unknown, or another account's). */
export const mfaDeviceUserId = (state: Snapshot, account: string, serialNumber: string): string | undefined => {
  const device = state.get(MFA_DEVICE_KIND, serialNumber);
  return device === undefined || device.account !== account ? undefined : dataOf<MfaDeviceData>(device).userId;
};
