// SSH public keys against a real store and authorizer: both encodings, ssh-keygen's MD5 fingerprint,
// refusal of unsupported, malformed, short and duplicate keys, the 5-key quota, status, and authorization.

import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allow, ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';
import {
  SSH_ED25519,
  SSH_RSA_1024,
  SSH_RSA_2048,
  SSH_RSA_2048_MD5,
  SSH_RSA_2048_PEM,
  SSH_RSA_3072,
  SSH_RSA_3072_MD5,
} from './test-support/credential-fixtures.js';


const freshPemKey = (): string => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.call('CreateUser', { UserName: 'alice' });
});
afterEach(async () => {
  await h.close();
});

const upload = async (body: string, user = 'alice') =>
  (await h.call('UploadSSHPublicKey', { UserName: user, SSHPublicKeyBody: body })).SSHPublicKey as Record<string, unknown>;

describe('UploadSSHPublicKey and GetSSHPublicKey', () => {
  it('returns the SSHPublicKey shape with an APKA id and the fingerprint ssh-keygen prints', async () => {
    const key = await upload(SSH_RSA_2048);
    expect(key).toEqual({
      UserName: 'alice',
      SSHPublicKeyId: expect.stringMatching(/^APKA[A-Z2-7]{16}$/),
      Fingerprint: SSH_RSA_2048_MD5,
      SSHPublicKeyBody: SSH_RSA_2048,
      Status: 'Active',
      UploadDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    const id = key.SSHPublicKeyId;
    const asSsh = (await h.call('GetSSHPublicKey', { UserName: 'ALICE', SSHPublicKeyId: id, Encoding: 'SSH' })).SSHPublicKey;
    expect(asSsh).toEqual(key);
    const asPem = (await h.call('GetSSHPublicKey', { UserName: 'alice', SSHPublicKeyId: id, Encoding: 'PEM' })).SSHPublicKey as Record<string, unknown>;
    expect(asPem.SSHPublicKeyBody).toBe(SSH_RSA_2048_PEM);
    expect(asPem.Fingerprint).toBe(SSH_RSA_2048_MD5);
  });

  it('accepts a PEM key, fingerprints it like its OpenSSH form and converts it back', async () => {
    const key = await upload(SSH_RSA_2048_PEM);
    expect(key.Fingerprint).toBe(SSH_RSA_2048_MD5);
    const asSsh = (await h.call('GetSSHPublicKey', { UserName: 'alice', SSHPublicKeyId: key.SSHPublicKeyId, Encoding: 'SSH' }))
      .SSHPublicKey as Record<string, unknown>;
    // Converted keys carry no comment.
    expect(asSsh.SSHPublicKeyBody).toBe(SSH_RSA_2048.split(' ').slice(0, 2).join(' '));
  });

  it('refuses the same key twice for a user, in either encoding, but not for another user', async () => {
    await upload(SSH_RSA_2048);
    const duplicate = { code: 'DuplicateSSHPublicKey', message: 'The SSH public key is already associated with the specified IAM user.' };
    expect(await h.fail('UploadSSHPublicKey', { UserName: 'alice', SSHPublicKeyBody: SSH_RSA_2048 })).toMatchObject(duplicate);
    expect(await h.fail('UploadSSHPublicKey', { UserName: 'alice', SSHPublicKeyBody: SSH_RSA_2048_PEM })).toMatchObject(duplicate);
    await h.call('CreateUser', { UserName: 'bob' });
    expect((await upload(SSH_RSA_2048, 'bob')).Fingerprint).toBe(SSH_RSA_2048_MD5);
  });

  it('tells unsupported encodings from malformed or short keys', async () => {
    for (const body of [SSH_ED25519, 'not a key at all', freshEcPem()]) {
      expect((await h.fail('UploadSSHPublicKey', { UserName: 'alice', SSHPublicKeyBody: body })).code).toBe('UnrecognizedPublicKeyEncoding');
    }
    const truncated = SSH_RSA_2048.slice(0, 200);
    expect((await h.fail('UploadSSHPublicKey', { UserName: 'alice', SSHPublicKeyBody: truncated })).code).toBe('InvalidPublicKey');
    expect((await h.fail('UploadSSHPublicKey', { UserName: 'alice', SSHPublicKeyBody: 'ssh-rsa !!!' })).code).toBe('InvalidPublicKey');
    expect(await h.fail('UploadSSHPublicKey', { UserName: 'alice', SSHPublicKeyBody: SSH_RSA_1024 })).toMatchObject({
      code: 'InvalidPublicKey',
      message: 'The public key is not valid: the key is 1024 bits; the minimum is 2048.',
    });
    const pem = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----';
    expect((await h.fail('UploadSSHPublicKey', { UserName: 'alice', SSHPublicKeyBody: pem })).code).toBe('InvalidPublicKey');
  });

  it('allows 5 keys per user', async () => {
    for (let i = 0; i < 5; i++) await upload(freshPemKey());
    expect(await h.fail('UploadSSHPublicKey', { UserName: 'alice', SSHPublicKeyBody: SSH_RSA_3072 })).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for PublicKeysPerUser: 5',
    });
  });

  it('answers NoSuchEntity for an unknown user or key, or a key of another user', async () => {
    expect(await h.fail('UploadSSHPublicKey', { UserName: 'ghost', SSHPublicKeyBody: SSH_RSA_2048 })).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The user with name ghost cannot be found.',
    });
    const id = (await upload(SSH_RSA_2048)).SSHPublicKeyId as string;
    await h.call('CreateUser', { UserName: 'bob' });
    expect(await h.fail('GetSSHPublicKey', { UserName: 'bob', SSHPublicKeyId: id, Encoding: 'SSH' })).toMatchObject({
      code: 'NoSuchEntity',
      message: `The Public Key with id ${id} cannot be found.`,
    });
    expect((await h.fail('DeleteSSHPublicKey', { UserName: 'alice', SSHPublicKeyId: 'APKAAAAAAAAAAAAAAAAA' })).code).toBe('NoSuchEntity');
  });
});

describe('ListSSHPublicKeys, UpdateSSHPublicKey, DeleteSSHPublicKey', () => {
  it('lists without bodies, paginates, updates the status and deletes', async () => {
    const first = (await upload(SSH_RSA_2048)).SSHPublicKeyId as string;
    const second = (await upload(SSH_RSA_3072)).SSHPublicKeyId as string;
    const listed = await h.call('ListSSHPublicKeys', { UserName: 'alice' });
    expect(listed.IsTruncated).toBe(false);
    expect(listed.SSHPublicKeys).toEqual(
      [first, second].sort().map((id) => ({ UserName: 'alice', SSHPublicKeyId: id, Status: 'Active', UploadDate: expect.any(String) })),
    );
    const page = await h.call('ListSSHPublicKeys', { UserName: 'alice', MaxItems: 1 });
    expect(page).toMatchObject({ IsTruncated: true, Marker: expect.any(String) });
    const rest = await h.call('ListSSHPublicKeys', { UserName: 'alice', Marker: page.Marker });
    expect((rest.SSHPublicKeys as unknown[]).length).toBe(1);

    await h.call('UpdateSSHPublicKey', { UserName: 'alice', SSHPublicKeyId: second, Status: 'Inactive' });
    const got = (await h.call('GetSSHPublicKey', { UserName: 'alice', SSHPublicKeyId: second, Encoding: 'SSH' })).SSHPublicKey;
    expect(got).toMatchObject({ Status: 'Inactive', Fingerprint: SSH_RSA_3072_MD5 });
    expect((await h.fail('UpdateSSHPublicKey', { UserName: 'alice', SSHPublicKeyId: second, Status: 'Expired' })).code).toBe('InvalidInput');

    expect(await h.fail('DeleteUser', { UserName: 'alice' })).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must delete SSH public keys first.',
    });
    await h.call('DeleteSSHPublicKey', { UserName: 'alice', SSHPublicKeyId: first });
    await h.call('DeleteSSHPublicKey', { UserName: 'alice', SSHPublicKeyId: second });
    expect(await h.call('ListSSHPublicKeys', { UserName: 'alice' })).toEqual({ SSHPublicKeys: [], IsTruncated: false });
    await h.call('DeleteUser', { UserName: 'alice' });
  });

  it('lists the calling user\'s keys without UserName, and none for the root user', async () => {
    await upload(SSH_RSA_2048);
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'self', PolicyDocument: allow('iam:ListSSHPublicKeys') });
    const own = await h.call('ListSSHPublicKeys', {}, h.userCaller('alice'));
    expect((own.SSHPublicKeys as unknown[]).length).toBe(1);
    expect(await h.call('ListSSHPublicKeys', {})).toEqual({ SSHPublicKeys: [], IsTruncated: false });
  });
});

describe('authorization', () => {
  it('denies a user without permission and allows one granted iam:UploadSSHPublicKey on the user', async () => {
    await h.call('CreateUser', { UserName: 'dev' });
    const dev = h.userCaller('dev');
    const arn = `arn:aws:iam::${ACCOUNT}:user/alice`;
    expect(await h.fail('UploadSSHPublicKey', { UserName: 'alice', SSHPublicKeyBody: SSH_RSA_2048 }, dev)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: iam:UploadSSHPublicKey on resource: ${arn} because no identity-based policy allows the iam:UploadSSHPublicKey action`),
    });
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'keys', PolicyDocument: allow('iam:UploadSSHPublicKey', arn) });
    const key = (await h.call('UploadSSHPublicKey', { UserName: 'alice', SSHPublicKeyBody: SSH_RSA_2048 }, dev)).SSHPublicKey;
    expect(key).toMatchObject({ UserName: 'alice', Fingerprint: SSH_RSA_2048_MD5 });
    expect((await h.fail('DeleteSSHPublicKey', { UserName: 'alice', SSHPublicKeyId: (key as { SSHPublicKeyId: string }).SSHPublicKeyId }, dev)).code).toBe(
      'AccessDenied',
    );
  });
});

function freshEcPem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
}
