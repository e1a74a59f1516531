// Signing certificates against a real store and authorizer: the SigningCertificate shape, the caller as
// default owner (the root user included), malformed, expired and duplicate certificates, the 2-per-user
// quota, status, DeleteUser's dependency check and authorization.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allow, ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';
import { EXPIRED, LEAF, OTHER, SELF_SIGNED } from './test-support/credential-fixtures.js';


let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.call('CreateUser', { UserName: 'alice' });
});
afterEach(async () => {
  await h.close();
});

const upload = async (body: string, input: Record<string, unknown> = { UserName: 'alice' }) =>
  (await h.call('UploadSigningCertificate', { ...input, CertificateBody: body })).Certificate as Record<string, unknown>;

describe('UploadSigningCertificate and ListSigningCertificates', () => {
  it('returns the SigningCertificate shape and lists it', async () => {
    const certificate = await upload(SELF_SIGNED);
    expect(certificate).toEqual({
      UserName: 'alice',
      CertificateId: expect.stringMatching(/^ASCA[A-Z2-7]{28}$/),
      CertificateBody: SELF_SIGNED,
      Status: 'Active',
      UploadDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    expect(await h.call('ListSigningCertificates', { UserName: 'Alice' })).toEqual({ Certificates: [certificate], IsTruncated: false });
  });

  it('refuses text that is not a PEM certificate, and an expired certificate', async () => {
    const malformed = { code: 'MalformedCertificate', message: 'Unable to parse certificate. Please ensure the certificate is in PEM format.' };
    expect(await h.fail('UploadSigningCertificate', { UserName: 'alice', CertificateBody: 'hello' })).toMatchObject(malformed);
    const broken = SELF_SIGNED.replace(/\n[A-Za-z0-9+/]{10}/, '\n');
    expect(await h.fail('UploadSigningCertificate', { UserName: 'alice', CertificateBody: broken })).toMatchObject(malformed);
    expect(await h.fail('UploadSigningCertificate', { UserName: 'alice', CertificateBody: EXPIRED })).toMatchObject({
      code: 'InvalidCertificate',
      message: 'The certificate has expired.',
    });
  });

  it('allows a certificate once in the account and 2 per user', async () => {
    await upload(SELF_SIGNED);
    await h.call('CreateUser', { UserName: 'bob' });
    const duplicate = { code: 'DuplicateCertificate', message: 'The same certificate is already associated with an IAM user in the account.' };
    expect(await h.fail('UploadSigningCertificate', { UserName: 'bob', CertificateBody: SELF_SIGNED })).toMatchObject(duplicate);
    await upload(OTHER);
    expect(await h.fail('UploadSigningCertificate', { UserName: 'alice', CertificateBody: LEAF })).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for SigningCertificatesPerUser: 2',
    });
    expect(await upload(LEAF, { UserName: 'bob' })).toMatchObject({ UserName: 'bob' });
  });

  it('answers NoSuchEntity for an unknown user or certificate', async () => {
    expect(await h.fail('UploadSigningCertificate', { UserName: 'ghost', CertificateBody: SELF_SIGNED })).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The user with name ghost cannot be found.',
    });
    const id = 'ASCAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(await h.fail('UpdateSigningCertificate', { UserName: 'alice', CertificateId: id, Status: 'Inactive' })).toMatchObject({
      code: 'NoSuchEntity',
      message: `The Certificate with id ${id} cannot be found.`,
    });
  });

  it('paginates', async () => {
    await upload(SELF_SIGNED);
    await upload(OTHER);
    const page = await h.call('ListSigningCertificates', { UserName: 'alice', MaxItems: 1 });
    expect(page).toMatchObject({ IsTruncated: true, Marker: expect.any(String) });
    const rest = await h.call('ListSigningCertificates', { UserName: 'alice', Marker: page.Marker });
    expect(rest.IsTruncated).toBe(false);
    const ids = [...(page.Certificates as { CertificateId: string }[]), ...(rest.Certificates as { CertificateId: string }[])].map((c) => c.CertificateId);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('the caller as owner', () => {
  it('uploads for the root user when UserName is left out; the root user\'s certificates are its own', async () => {
    const certificate = await upload(SELF_SIGNED, {});
    expect(certificate).not.toHaveProperty('UserName');
    expect((await h.call('ListSigningCertificates', {})).Certificates).toEqual([certificate]);
    expect((await h.call('ListSigningCertificates', { UserName: 'alice' })).Certificates).toEqual([]);
    expect((await h.fail('DeleteSigningCertificate', { UserName: 'alice', CertificateId: certificate.CertificateId })).code).toBe('NoSuchEntity');
    await h.call('DeleteSigningCertificate', { CertificateId: certificate.CertificateId });
    expect((await h.call('ListSigningCertificates', {})).Certificates).toEqual([]);
  });

  it('uploads for the calling IAM user', async () => {
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'self', PolicyDocument: allow(['iam:UploadSigningCertificate', 'iam:ListSigningCertificates']) });
    const alice = h.userCaller('alice');
    expect((await h.call('UploadSigningCertificate', { CertificateBody: SELF_SIGNED }, alice)).Certificate).toMatchObject({ UserName: 'alice' });
    expect(((await h.call('ListSigningCertificates', {}, alice)).Certificates as unknown[]).length).toBe(1);
  });
});

describe('UpdateSigningCertificate, DeleteSigningCertificate', () => {
  it('changes the status, refuses Expired, and holds DeleteUser until deleted', async () => {
    const id = (await upload(SELF_SIGNED)).CertificateId;
    await h.call('UpdateSigningCertificate', { UserName: 'alice', CertificateId: id, Status: 'Inactive' });
    expect((await h.call('ListSigningCertificates', { UserName: 'alice' })).Certificates).toMatchObject([{ Status: 'Inactive' }]);
    expect((await h.fail('UpdateSigningCertificate', { UserName: 'alice', CertificateId: id, Status: 'Expired' })).code).toBe('InvalidInput');
    expect(await h.fail('DeleteUser', { UserName: 'alice' })).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must delete signing certificates first.',
    });
    await h.call('DeleteSigningCertificate', { UserName: 'alice', CertificateId: id });
    expect((await h.fail('DeleteSigningCertificate', { UserName: 'alice', CertificateId: id })).code).toBe('NoSuchEntity');
    await h.call('DeleteUser', { UserName: 'alice' });
  });
});

describe('authorization', () => {
  it('denies a user without permission and allows one granted the action on the user', async () => {
    await h.call('CreateUser', { UserName: 'dev' });
    const dev = h.userCaller('dev');
    const arn = `arn:aws:iam::${ACCOUNT}:user/alice`;
    expect(await h.fail('UploadSigningCertificate', { UserName: 'alice', CertificateBody: SELF_SIGNED }, dev)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: iam:UploadSigningCertificate on resource: ${arn} because no identity-based policy allows the iam:UploadSigningCertificate action`),
    });
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'certs', PolicyDocument: allow('iam:UploadSigningCertificate', arn) });
    expect((await h.call('UploadSigningCertificate', { UserName: 'alice', CertificateBody: SELF_SIGNED }, dev)).Certificate).toMatchObject({
      UserName: 'alice',
    });
  });
});
