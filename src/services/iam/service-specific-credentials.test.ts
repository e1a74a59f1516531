// Service-specific credentials against a real store and authorizer: password and API-key shapes, supported
// services, the 2-per-user-per-service quota, expiry, reset (a new secret, sealed at rest), filters,
// DeleteUser's dependency check and authorization.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIAL_KIND } from './user-credentials.js';
import { allow, ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';


let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.call('CreateUser', { UserName: 'alice' });
});
afterEach(async () => {
  await h.close();
});

type Credential = Record<string, unknown>;
const create = async (service: string, extra: Record<string, unknown> = {}) =>
  (await h.call('CreateServiceSpecificCredential', { UserName: 'alice', ServiceName: service, ...extra })).ServiceSpecificCredential as Credential;

describe('CreateServiceSpecificCredential', () => {
  it('generates a user name and password for CodeCommit, returned once and stored sealed', async () => {
    const credential = await create('codecommit.amazonaws.com');
    expect(credential).toEqual({
      UserName: 'alice',
      Status: 'Active',
      ServiceUserName: `alice-at-${ACCOUNT}`,
      CreateDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      ServiceSpecificCredentialId: expect.stringMatching(/^ACCA[A-Z2-7]{17}$/),
      ServiceName: 'codecommit.amazonaws.com',
      ServicePassword: expect.stringMatching(/^[A-Za-z0-9+/]{44}$/),
    });
    expect(JSON.stringify(h.state.all(CREDENTIAL_KIND.serviceSpecificCredential))).not.toContain(credential.ServicePassword as string);
    const { ServicePassword: _password, ...metadata } = credential;
    expect(await h.call('ListServiceSpecificCredentials', { UserName: 'alice' })).toEqual({ ServiceSpecificCredentials: [metadata], IsTruncated: false });
  });

  it('generates an API key for Bedrock, with an expiry when CredentialAgeDays is given', async () => {
    const credential = await create('bedrock.amazonaws.com', { CredentialAgeDays: 30 });
    expect(credential).toMatchObject({ ServiceCredentialAlias: `alice-at-${ACCOUNT}`, ServiceCredentialSecret: expect.stringMatching(/^ABSK/) });
    expect(credential).not.toHaveProperty('ServicePassword');
    expect(credential).not.toHaveProperty('ServiceUserName');
    const days = (Date.parse(credential.ExpirationDate as string) - Date.parse(credential.CreateDate as string)) / 86_400_000;
    expect(days).toBe(30);
    expect(await h.fail('CreateServiceSpecificCredential', { UserName: 'alice', ServiceName: 'codecommit.amazonaws.com', CredentialAgeDays: 3 })).toMatchObject({
      code: 'ValidationError',
    });
  });

  it('answers NotSupportedService for other services', async () => {
    expect(await h.fail('CreateServiceSpecificCredential', { UserName: 'alice', ServiceName: 's3.amazonaws.com' })).toMatchObject({
      code: 'NotSupportedService',
      message: 'No such service s3.amazonaws.com is supported for Service-Specific Credentials',
    });
    expect((await h.fail('ListServiceSpecificCredentials', { UserName: 'alice', ServiceName: 'ec2.amazonaws.com' })).code).toBe('NotSupportedService');
  });

  it('allows 2 per user for each service', async () => {
    await create('codecommit.amazonaws.com');
    await create('codecommit.amazonaws.com');
    expect(await h.fail('CreateServiceSpecificCredential', { UserName: 'alice', ServiceName: 'codecommit.amazonaws.com' })).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2',
    });
    expect(await create('cassandra.amazonaws.com')).toMatchObject({ ServiceName: 'cassandra.amazonaws.com' });
  });

  it('answers NoSuchEntity for an unknown user', async () => {
    expect(await h.fail('CreateServiceSpecificCredential', { UserName: 'ghost', ServiceName: 'codecommit.amazonaws.com' })).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The user with name ghost cannot be found.',
    });
  });
});

describe('List, Update, Reset, Delete', () => {
  it('filters by service and lists every user\'s with AllUsers', async () => {
    await create('codecommit.amazonaws.com');
    await create('cassandra.amazonaws.com');
    await h.call('CreateUser', { UserName: 'bob' });
    await h.call('CreateServiceSpecificCredential', { UserName: 'bob', ServiceName: 'codecommit.amazonaws.com' });
    const services = (out: Record<string, unknown>) => (out.ServiceSpecificCredentials as Credential[]).map((c) => `${c.UserName}:${c.ServiceName}`);
    expect(services(await h.call('ListServiceSpecificCredentials', { UserName: 'alice', ServiceName: 'cassandra.amazonaws.com' }))).toEqual([
      'alice:cassandra.amazonaws.com',
    ]);
    expect(services(await h.call('ListServiceSpecificCredentials', { AllUsers: true, ServiceName: 'codecommit.amazonaws.com' })).sort()).toEqual([
      'alice:codecommit.amazonaws.com',
      'bob:codecommit.amazonaws.com',
    ]);
    const page = await h.call('ListServiceSpecificCredentials', { AllUsers: true, MaxItems: 2 });
    expect(page).toMatchObject({ IsTruncated: true, Marker: expect.any(String) });
    expect((await h.fail('ListServiceSpecificCredentials', { AllUsers: true, UserName: 'alice' })).code).toBe('ValidationError');
  });

  it('updates the status, resets to a new secret, deletes, and holds DeleteUser until then', async () => {
    const credential = await create('codecommit.amazonaws.com');
    const id = credential.ServiceSpecificCredentialId;
    await h.call('UpdateServiceSpecificCredential', { UserName: 'alice', ServiceSpecificCredentialId: id, Status: 'Inactive' });
    expect((await h.call('ListServiceSpecificCredentials', { UserName: 'alice' })).ServiceSpecificCredentials).toMatchObject([{ Status: 'Inactive' }]);
    expect((await h.fail('UpdateServiceSpecificCredential', { UserName: 'alice', ServiceSpecificCredentialId: id, Status: 'Expired' })).code).toBe(
      'InvalidInput',
    );

    const reset = (await h.call('ResetServiceSpecificCredential', { UserName: 'alice', ServiceSpecificCredentialId: id })).ServiceSpecificCredential as Credential;
    expect(reset).toMatchObject({ ServiceSpecificCredentialId: id, ServiceUserName: `alice-at-${ACCOUNT}`, Status: 'Inactive' });
    expect(reset.ServicePassword).toEqual(expect.any(String));
    expect(reset.ServicePassword).not.toBe(credential.ServicePassword);

    expect(await h.fail('DeleteUser', { UserName: 'alice' })).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must delete service specific credentials first.',
    });
    await h.call('DeleteServiceSpecificCredential', { UserName: 'alice', ServiceSpecificCredentialId: id });
    expect(await h.fail('DeleteServiceSpecificCredential', { UserName: 'alice', ServiceSpecificCredentialId: id })).toMatchObject({
      code: 'NoSuchEntity',
      message: `The Service Specific Credential with id ${id} cannot be found.`,
    });
    await h.call('DeleteUser', { UserName: 'alice' });
  });

  it('reports an API key past its expiration date as Expired', async () => {
    const id = (await create('bedrock.amazonaws.com', { CredentialAgeDays: 1 })).ServiceSpecificCredentialId as string;
    await h.store.transaction(ACCOUNT, async (tx) => {
      const record = (await tx.getById(CREDENTIAL_KIND.serviceSpecificCredential, id))!;
      await tx.update(record.kind, id, { data: { ...(record.data as object), expirationDate: '2020-01-01T00:00:00Z' } });
    });
    await h.state.catchUp();
    expect((await h.call('ListServiceSpecificCredentials', { UserName: 'alice' })).ServiceSpecificCredentials).toMatchObject([{ Status: 'Expired' }]);
  });

  it('acts on the calling user without UserName and does not reach another user\'s credential', async () => {
    const id = (await create('codecommit.amazonaws.com')).ServiceSpecificCredentialId;
    await h.call('CreateUser', { UserName: 'bob' });
    await h.call('PutUserPolicy', { UserName: 'bob', PolicyName: 'all', PolicyDocument: allow('iam:*ServiceSpecificCredential*') });
    const bob = h.userCaller('bob');
    expect((await h.fail('DeleteServiceSpecificCredential', { ServiceSpecificCredentialId: id }, bob)).code).toBe('NoSuchEntity');
    expect(await h.call('ListServiceSpecificCredentials', {}, bob)).toEqual({ ServiceSpecificCredentials: [], IsTruncated: false });
  });
});

describe('authorization', () => {
  it('denies a user without permission and allows one granted the action on the user', async () => {
    await h.call('CreateUser', { UserName: 'dev' });
    const dev = h.userCaller('dev');
    const arn = `arn:aws:iam::${ACCOUNT}:user/alice`;
    const input = { UserName: 'alice', ServiceName: 'codecommit.amazonaws.com' };
    expect(await h.fail('CreateServiceSpecificCredential', input, dev)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: iam:CreateServiceSpecificCredential on resource: ${arn} because no identity-based policy allows the iam:CreateServiceSpecificCredential action`),
    });
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'ssc', PolicyDocument: allow('iam:CreateServiceSpecificCredential', arn) });
    expect((await h.call('CreateServiceSpecificCredential', input, dev)).ServiceSpecificCredential).toMatchObject({ UserName: 'alice' });
  });
});
