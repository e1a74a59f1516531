import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SecretBox } from '../../domain/index.js';
import { MFA_DEVICE_KIND, verifyMfaCode, type MfaDeviceData } from './mfa-devices.js';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';
import { codeAt, newSeed, stepAt } from './totp.js';

const ARN = (path: string) => `arn:aws:iam::${ACCOUNT}:${path}`;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

interface Created {
  readonly serial: string;
  readonly seed: string;
}

const createDevice = async (name: string, extra: Record<string, unknown> = {}): Promise<Created> => {
  const out = await h.call('CreateVirtualMFADevice', { VirtualMFADeviceName: name, ...extra });
  const device = out.VirtualMFADevice as { SerialNumber: string; Base32StringSeed: Uint8Array };
  return { serial: device.SerialNumber, seed: Buffer.from(device.Base32StringSeed).toString('ascii') };
};

/** Two consecutive codes ending at the current step, as a person reads them off an authenticator app. */
const codePair = (seed: string, back = 0): { AuthenticationCode1: string; AuthenticationCode2: string } => {
  const now = stepAt(new Date()) - back;
  return { AuthenticationCode1: codeAt(seed, now - 1), AuthenticationCode2: codeAt(seed, now) };
};

const enable = async (user: string, device: Created) =>
  h.call('EnableMFADevice', { UserName: user, SerialNumber: device.serial, ...codePair(device.seed) });

describe('CreateVirtualMFADevice', () => {
  test('returns the serial number, the seed as base32 text, a PNG QR code and the tags', async () => {
    const out = await h.call('CreateVirtualMFADevice', {
      VirtualMFADeviceName: 'alice-phone',
      Path: '/team/',
      Tags: [{ Key: 'owner', Value: 'alice' }],
    });
    const device = out.VirtualMFADevice as Record<string, unknown>;
    expect(device.SerialNumber).toBe(ARN('mfa/team/alice-phone'));
    expect(Buffer.from(device.Base32StringSeed as Uint8Array).toString('ascii')).toMatch(/^[A-Z2-7]{64}$/);
    expect(Buffer.from(device.QRCodePNG as Uint8Array).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(device.Tags).toEqual([{ Key: 'owner', Value: 'alice' }]);
  });

  test('keeps the seed sealed, never in plain text', async () => {
    const { serial, seed } = await createDevice('dev');
    const record = await h.store.getById(MFA_DEVICE_KIND, serial);
    const data = record!.data as MfaDeviceData;
    expect(data.sealedSeed).toMatch(/^v1\./);
    expect(JSON.stringify(record!.data)).not.toContain(seed);
  });

  test('the same path and name twice is EntityAlreadyExists, compared case-insensitively', async () => {
    await createDevice('dev');
    const error = await h.fail('CreateVirtualMFADevice', { VirtualMFADeviceName: 'DEV' });
    expect(error.code).toBe('EntityAlreadyExists');
    expect(error.message).toBe('MFADevice entity at the same path and name already exists.');
    await createDevice('dev', { Path: '/other/' });
  });

  test('rejects reserved and duplicate tag keys; keys are case-sensitive on MFA devices', async () => {
    const reserved = await h.fail('CreateVirtualMFADevice', { VirtualMFADeviceName: 'x', Tags: [{ Key: 'aws:x', Value: '' }] });
    expect(reserved.code).toBe('InvalidInput');
    await createDevice('y', { Tags: [{ Key: 'Env', Value: 'a' }, { Key: 'env', Value: 'b' }] });
  });
});

describe('EnableMFADevice', () => {
  beforeEach(async () => {
    await h.call('CreateUser', { UserName: 'alice' });
  });

  test('assigns the device to the user with two consecutive codes', async () => {
    const device = await createDevice('alice');
    await enable('alice', device);
    const listed = await h.call('ListMFADevices', { UserName: 'alice' });
    expect(listed.IsTruncated).toBe(false);
    expect(listed.MFADevices).toEqual([{ UserName: 'alice', SerialNumber: device.serial, EnableDate: expect.any(String) }]);
  });

  test('accepts codes generated a few minutes before the call', async () => {
    const device = await createDevice('alice');
    await h.call('EnableMFADevice', { UserName: 'alice', SerialNumber: device.serial, ...codePair(device.seed, 6) });
  });

  test('wrong, reversed or non-consecutive codes are InvalidAuthenticationCode', async () => {
    const device = await createDevice('alice');
    const { AuthenticationCode1: a, AuthenticationCode2: b } = codePair(device.seed);
    for (const codes of [{ AuthenticationCode1: b, AuthenticationCode2: a }, { AuthenticationCode1: a, AuthenticationCode2: a }]) {
      const error = await h.fail('EnableMFADevice', { UserName: 'alice', SerialNumber: device.serial, ...codes });
      expect(error.code).toBe('InvalidAuthenticationCode');
      expect(error.message).toBe('Authentication code for device is not valid.');
    }
    const stale = await h.fail('EnableMFADevice', { UserName: 'alice', SerialNumber: device.serial, ...codePair(device.seed, 40) });
    expect(stale.code).toBe('InvalidAuthenticationCode');
  });

  test('unknown users and devices are NoSuchEntity', async () => {
    const device = await createDevice('alice');
    const noUser = await h.fail('EnableMFADevice', { UserName: 'nobody', SerialNumber: device.serial, ...codePair(device.seed) });
    expect(noUser.message).toBe('The user with name nobody cannot be found.');
    const serial = ARN('mfa/missing');
    const noDevice = await h.fail('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...codePair(device.seed) });
    expect(noDevice.code).toBe('NoSuchEntity');
    expect(noDevice.message).toBe(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
  });

  test('a device in use cannot be enabled again', async () => {
    await h.call('CreateUser', { UserName: 'bob' });
    const device = await createDevice('shared');
    await enable('alice', device);
    const error = await h.fail('EnableMFADevice', { UserName: 'bob', SerialNumber: device.serial, ...codePair(device.seed) });
    expect(error.code).toBe('EntityAlreadyExists');
  });

  test('at most 8 devices in use per user (§6.4)', async () => {
    for (let i = 0; i < 8; i++) await enable('alice', await createDevice(`d${i}`));
    const ninth = await createDevice('d8');
    const error = await h.fail('EnableMFADevice', { UserName: 'alice', SerialNumber: ninth.serial, ...codePair(ninth.seed) });
    expect(error.code).toBe('LimitExceeded');
  });
});

describe('devices through their life', () => {
  test('ListVirtualMFADevices filters by assignment status (default Any) and shows the user when assigned', async () => {
    await h.call('CreateUser', { UserName: 'alice' });
    const assigned = await createDevice('a');
    const spare = await createDevice('b');
    await enable('alice', assigned);
    const any = await h.call('ListVirtualMFADevices');
    expect((any.VirtualMFADevices as unknown[]).length).toBe(2);
    const onlyAssigned = await h.call('ListVirtualMFADevices', { AssignmentStatus: 'Assigned' });
    expect(onlyAssigned.VirtualMFADevices).toEqual([
      {
        SerialNumber: assigned.serial,
        User: expect.objectContaining({ UserName: 'alice', Arn: ARN('user/alice'), Path: '/' }),
        EnableDate: expect.any(String),
      },
    ]);
    const unassigned = await h.call('ListVirtualMFADevices', { AssignmentStatus: 'Unassigned' });
    expect(unassigned.VirtualMFADevices).toEqual([{ SerialNumber: spare.serial }]);
  });

  test('ListVirtualMFADevices paginates', async () => {
    for (const name of ['a', 'b', 'c']) await createDevice(name);
    const first = await h.call('ListVirtualMFADevices', { MaxItems: 2 });
    expect(first.IsTruncated).toBe(true);
    const rest = await h.call('ListVirtualMFADevices', { MaxItems: 2, Marker: first.Marker });
    expect(rest.IsTruncated).toBe(false);
    expect([...(first.VirtualMFADevices as unknown[]), ...(rest.VirtualMFADevices as unknown[])]).toHaveLength(3);
  });

  test('GetMFADevice describes a device of the user; another user’s device is NoSuchEntity', async () => {
    await h.call('CreateUser', { UserName: 'alice' });
    await h.call('CreateUser', { UserName: 'bob' });
    const device = await createDevice('a');
    await enable('alice', device);
    const got = await h.call('GetMFADevice', { UserName: 'alice', SerialNumber: device.serial });
    expect(got).toEqual({ UserName: 'alice', SerialNumber: device.serial, EnableDate: expect.any(String) });
    expect((await h.fail('GetMFADevice', { UserName: 'bob', SerialNumber: device.serial })).code).toBe('NoSuchEntity');
  });

  test('a device in use cannot be deleted; deactivated, it can', async () => {
    await h.call('CreateUser', { UserName: 'alice' });
    const device = await createDevice('a');
    await enable('alice', device);
    const conflict = await h.fail('DeleteVirtualMFADevice', { SerialNumber: device.serial });
    expect(conflict.code).toBe('DeleteConflict');
    expect(conflict.message).toBe('MFA Device is already in use.');
    await h.call('DeactivateMFADevice', { UserName: 'alice', SerialNumber: device.serial });
    expect((await h.call('ListMFADevices', { UserName: 'alice' })).MFADevices).toEqual([]);
    await h.call('DeleteVirtualMFADevice', { SerialNumber: device.serial });
    expect((await h.fail('DeleteVirtualMFADevice', { SerialNumber: device.serial })).code).toBe('NoSuchEntity');
  });

  test('DeactivateMFADevice of a device the user does not have is NoSuchEntity', async () => {
    await h.call('CreateUser', { UserName: 'alice' });
    const device = await createDevice('a');
    const error = await h.fail('DeactivateMFADevice', { UserName: 'alice', SerialNumber: device.serial });
    expect(error.code).toBe('NoSuchEntity');
  });

  test('ListMFADevices without a user name lists the caller’s own devices', async () => {
    await h.call('CreateUser', { UserName: 'alice' });
    await h.call('PutUserPolicy', {
      UserName: 'alice',
      PolicyName: 'self',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListMFADevices', Resource: '*' }] }),
    });
    const device = await createDevice('a');
    await enable('alice', device);
    const own = await h.call('ListMFADevices', {}, h.userCaller('alice'));
    expect(own.MFADevices).toEqual([expect.objectContaining({ SerialNumber: device.serial })]);
    expect((await h.call('ListMFADevices')).MFADevices).toEqual([]);
  });

  test('ResyncMFADevice takes a fresh consecutive pair and refuses a used one', async () => {
    await h.call('CreateUser', { UserName: 'alice' });
    const device = await createDevice('a');
    const pair = codePair(device.seed);
    await h.call('EnableMFADevice', { UserName: 'alice', SerialNumber: device.serial, ...pair });
    const reused = await h.fail('ResyncMFADevice', { UserName: 'alice', SerialNumber: device.serial, ...pair });
    expect(reused.code).toBe('InvalidAuthenticationCode');
    const ahead = stepAt(new Date()) + 5;
    await h.call('ResyncMFADevice', {
      UserName: 'alice',
      SerialNumber: device.serial,
      AuthenticationCode1: codeAt(device.seed, ahead),
      AuthenticationCode2: codeAt(device.seed, ahead + 1),
    });
  });

  test('tags: add (case-sensitive keys), list, remove', async () => {
    const device = await createDevice('a', { Tags: [{ Key: 'env', Value: 'dev' }] });
    await h.call('TagMFADevice', { SerialNumber: device.serial, Tags: [{ Key: 'Env', Value: 'prod' }, { Key: 'env', Value: 'test' }] });
    expect((await h.call('ListMFADeviceTags', { SerialNumber: device.serial })).Tags).toEqual([
      { Key: 'Env', Value: 'prod' },
      { Key: 'env', Value: 'test' },
    ]);
    await h.call('UntagMFADevice', { SerialNumber: device.serial, TagKeys: ['env'] });
    expect((await h.call('ListMFADeviceTags', { SerialNumber: device.serial })).Tags).toEqual([{ Key: 'Env', Value: 'prod' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: '' }));
    expect((await h.fail('TagMFADevice', { SerialNumber: device.serial, Tags: many })).code).toBe('LimitExceeded');
    expect((await h.fail('ListMFADeviceTags', { SerialNumber: ARN('mfa/none') })).code).toBe('NoSuchEntity');
  });
});

describe('authorization', () => {
  test('denied without an identity policy, allowed after one grants the action', async () => {
    await h.call('CreateUser', { UserName: 'bob' });
    const bob = h.userCaller('bob');
    const denied = await h.fail('CreateVirtualMFADevice', { VirtualMFADeviceName: 'bob' }, bob);
    expect(denied.code).toBe('AccessDenied');
    expect(denied.message).toEqual(
      deniedWith(`User: ${ARN('user/bob')} is not authorized to perform: iam:CreateVirtualMFADevice on resource: ${ARN('mfa/bob')} ` +
        'because no identity-based policy allows the iam:CreateVirtualMFADevice action'),
    );
    await h.call('PutUserPolicy', {
      UserName: 'bob',
      PolicyName: 'mfa',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice'], Resource: [ARN('mfa/${aws:username}'), ARN('user/${aws:username}')] }],
      }),
    });
    const out = await h.call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'bob' }, bob);
    const seed = Buffer.from((out.VirtualMFADevice as { Base32StringSeed: Uint8Array }).Base32StringSeed).toString('ascii');
    await h.call('EnableMFADevice', { UserName: 'bob', SerialNumber: ARN('mfa/bob'), ...codePair(seed) }, bob);
    expect((await h.fail('CreateVirtualMFADevice', { VirtualMFADeviceName: 'other' }, bob)).code).toBe('AccessDenied');
  });
});

describe('verifyMfaCode', () => {
  const secrets = new SecretBox(randomBytes(32));

  const storeDevice = async (data: Partial<MfaDeviceData>): Promise<{ serial: string; seed: string }> => {
    const seed = newSeed();
    const serial = ARN('mfa/sts');
    const full: MfaDeviceData = { path: '/', createDate: '2024-01-01T00:00:00Z', sealedSeed: secrets.seal(seed), tags: [], ...data };
    await h.store.transaction(ACCOUNT, (tx) => tx.insert({ account: ACCOUNT, kind: MFA_DEVICE_KIND, id: serial, scope: '', name: '/sts', data: full }));
    await h.state.catchUp();
    return { serial, seed };
  };

  const deps = () => ({ store: h.store, state: h.state, secrets });

  test('accepts the current code of an enabled device once, and the neighbouring steps', async () => {
    const { serial, seed } = await storeDevice({ userId: 'AIDAEXAMPLEEXAMPLE1' });
    const now = new Date();
    const step = stepAt(now);
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, codeAt(seed, step - 1), now)).toBe(true);
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, codeAt(seed, step - 1), now)).toBe(false);
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, codeAt(seed, step), now)).toBe(true);
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, codeAt(seed, step), now)).toBe(false);
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, codeAt(seed, step + 1), now)).toBe(true);
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, codeAt(seed, step + 2), now)).toBe(false);
  });

  test('refuses an older code once a newer one was accepted, and codes out of the window', async () => {
    const { serial, seed } = await storeDevice({ userId: 'AIDAEXAMPLEEXAMPLE1' });
    const now = new Date();
    const step = stepAt(now);
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, codeAt(seed, step - 3), now)).toBe(false);
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, codeAt(seed, step + 1), now)).toBe(true);
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, codeAt(seed, step), now)).toBe(false);
  });

  test('applies the drift learned by resynchronisation', async () => {
    const { serial, seed } = await storeDevice({ userId: 'AIDAEXAMPLEEXAMPLE1', drift: 6 });
    const now = new Date();
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, codeAt(seed, stepAt(now)), now)).toBe(false);
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, codeAt(seed, stepAt(now) + 6), now)).toBe(true);
  });

  test('refuses devices that are not enabled, unknown serials, other accounts and malformed codes', async () => {
    const { serial, seed } = await storeDevice({});
    const now = new Date();
    const code = codeAt(seed, stepAt(now));
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, code, now)).toBe(false);
    expect(await verifyMfaCode(deps(), ACCOUNT, ARN('mfa/other'), code, now)).toBe(false);
    expect(await verifyMfaCode(deps(), '210987654321', serial, code, now)).toBe(false);
    expect(await verifyMfaCode(deps(), ACCOUNT, serial, '12345', now)).toBe(false);
  });
});
