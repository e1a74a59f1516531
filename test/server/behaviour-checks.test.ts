// Regression checks on a live node with the JS SDK: inactive access keys, the reset guard, session policies and
// RoleSessionName limits, revocation via PutRolePolicy, foreign tokens, STS durations and MFA, and IAM conditions.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteUserPermissionsBoundaryCommand,
  EnableMFADeviceCommand,
  GetUserCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UpdateAccessKeyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetAccessKeyInfoCommand, GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand, type Credentials as StsCredentials } from '@aws-sdk/client-sts';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { codeAt, stepAt } from '../../src/services/iam/totp.js';
import { iamClient, stsClient, type Endpoint } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';

const A = '123456789012';
const arn = (path: string) => `arn:aws:iam::${A}:${path}`;
const doc = (statement: Record<string, unknown> | Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const allow = (action: string | string[], resource = '*', extra: Record<string, unknown> = {}) => doc({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const trust = (principal: unknown) => doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' });
/** A name no other test uses. */
const unique = (base: string) => `${base}-${randomUUID().slice(0, 8)}`;

/** The node's clock runs `offset` ms ahead of the system's (well inside the 15-minute signing skew). */
let offset = 0;
let server: TestServer;
let rootIam: IAMClient;

const endpointOf = (c: StsCredentials | undefined): Endpoint => ({
  url: server.url,
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

const userKeys = async (name: string, policy?: string): Promise<Endpoint> => {
  await rootIam.send(new CreateUserCommand({ UserName: name }));
  if (policy !== undefined) await rootIam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const key = (await rootIam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { url: server.url, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
};

const failure = async (promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> => {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected an error');
};

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(Date.now() + offset) });
  rootIam = iamClient({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
});
afterAll(async () => {
  await server?.close();
});

describe('access keys', () => {
  it('GetAccessKeyInfo names the account of a long-term key, a session key and another account\'s key', async () => {
    const keys = await userKeys(unique('info'), allow('sts:GetAccessKeyInfo'));
    const sts = stsClient(keys);
    const info = async (id: string) => (await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: id }))).Account;
    expect(await info(keys.accessKeyId)).toBe(A);
    const session = (await sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!;
    expect(session.AccessKeyId).toMatch(/^ASIA/);
    expect(await info(session.AccessKeyId!)).toBe(A);
    const other = await server.addAccount('444455556666');
    expect(await info(other.accessKeyId)).toBe('444455556666');
    expect(await failure(sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AIDAABCDEFGHIJKLMNOP' })))).toMatchObject({ name: 'InvalidParameterValue', status: 400 });
  });

  it('a key set Inactive is refused with InvalidClientTokenId; set Active again, it works', async () => {
    const name = unique('inactive');
    const keys = await userKeys(name, allow('iam:ListUsers'));
    const iam = iamClient(keys);
    await iam.send(new ListUsersCommand({}));
    await rootIam.send(new UpdateAccessKeyCommand({ UserName: name, AccessKeyId: keys.accessKeyId, Status: 'Inactive' }));
    expect(await failure(iam.send(new ListUsersCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    expect(await failure(stsClient(keys).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    await rootIam.send(new UpdateAccessKeyCommand({ UserName: name, AccessKeyId: keys.accessKeyId, Status: 'Active' }));
    await iam.send(new ListUsersCommand({}));
    expect(await stsClient(keys).send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: arn(`user/${name}`) });
  });
});

describe('the admin reset endpoint', () => {
  it('POST /_keycard/reset is 403 on a node started without allowReset, and the state survives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keycard-noreset-'));
    const rootKey = { accessKeyId: 'AKIAKEYCARDNORESET01', secretAccessKey: 'keycard/test/noreset/secret/0123456789ab' };
    const node = await startServer(
      {
        host: '127.0.0.1', port: 0, dataDir: join(dir, 'data'), accountId: A, enforcement: 'on', allowReset: false,
        logLevel: 'silent', maxBodyBytes: 1024 * 1024, followIntervalMs: 250, tokenKeyRotationMs: 86_400_000,
      },
      {
        KEYCARD_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
        KEYCARD_ROOT_ACCESS_KEY_ID: rootKey.accessKeyId,
        KEYCARD_ROOT_SECRET_ACCESS_KEY: rootKey.secretAccessKey,
      },
      pino({ level: 'silent' }),
    );
    try {
      const iam = iamClient({ url: node.url, ...rootKey });
      await iam.send(new CreateUserCommand({ UserName: 'survivor' }));
      const response = await fetch(`${node.url}/_keycard/reset`, { method: 'POST' });
      expect(response.status).toBe(403);
      await response.text();
      expect((await iam.send(new GetUserCommand({ UserName: 'survivor' }))).User?.UserName).toBe('survivor');
    } finally {
      await node.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('AssumeRole request checks', () => {
  it('more than 10 PolicyArns is ValidationError; one AWS managed policy caps the session to it', async () => {
    const user = unique('arns');
    const role = unique('ArnsRole');
    const keys = await userKeys(user);
    await rootIam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trust({ AWS: arn(`user/${user}`) }) }));
    await rootIam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: 'all-iam', PolicyDocument: allow('iam:*') }));
    const sts = stsClient(keys);
    const readOnly = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
    const eleven = Array.from({ length: 11 }, () => ({ arn: readOnly }));
    const tooMany = await failure(sts.send(new AssumeRoleCommand({ RoleArn: arn(`role/${role}`), RoleSessionName: 'many', PolicyArns: eleven })));
    expect(tooMany).toMatchObject({ name: 'ValidationError', status: 400 });
    expect(tooMany.message).toContain("'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10");

    // Without session policies the role's iam:* applies: CreateUser works.
    const full = await sts.send(new AssumeRoleCommand({ RoleArn: arn(`role/${role}`), RoleSessionName: 'full' }));
    await iamClient(endpointOf(full.Credentials)).send(new CreateUserCommand({ UserName: unique('by-full') }));

    const capped = await sts.send(new AssumeRoleCommand({ RoleArn: arn(`role/${role}`), RoleSessionName: 'capped', PolicyArns: [{ arn: readOnly }] }));
    expect(capped.PackedPolicySize).toBeGreaterThan(0);
    const iam = iamClient(endpointOf(capped.Credentials));
    await iam.send(new ListUsersCommand({}));
    const denied = await failure(iam.send(new CreateUserCommand({ UserName: unique('by-capped') })));
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denied.message).toContain(`assumed-role/${role}/capped is not authorized to perform: iam:CreateUser`);
  });

  it('RoleSessionName of 1 character, of 65 characters, or with a space is ValidationError', async () => {
    const user = unique('names');
    const role = unique('NamesRole');
    const keys = await userKeys(user);
    await rootIam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trust({ AWS: arn(`user/${user}`) }) }));
    const sts = stsClient(keys);
    for (const sessionName of ['a', 'x'.repeat(65), 'has space']) {
      const refused = await failure(sts.send(new AssumeRoleCommand({ RoleArn: arn(`role/${role}`), RoleSessionName: sessionName })));
      expect(refused, sessionName).toMatchObject({ name: 'ValidationError', status: 400 });
      expect(refused.message, sessionName).toContain("'roleSessionName'");
    }
    // The limits themselves are accepted: 2 and 64 characters of the allowed set.
    await sts.send(new AssumeRoleCommand({ RoleArn: arn(`role/${role}`), RoleSessionName: 'ab' }));
    await sts.send(new AssumeRoleCommand({ RoleArn: arn(`role/${role}`), RoleSessionName: 'y'.repeat(62) + '@=' }));
  });
});

describe('revocation through the IAM API', () => {
  it('PutRolePolicy AWSRevokeOlderSessions denies sessions issued before the cut-off, not those issued after', async () => {
    const user = unique('revoker');
    const role = unique('RevokedRole');
    const keys = await userKeys(user);
    await rootIam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trust({ AWS: arn(`user/${user}`) }) }));
    await rootIam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: 'read', PolicyDocument: allow('iam:ListUsers') }));
    const assume = async (name: string) =>
      endpointOf((await stsClient(keys).send(new AssumeRoleCommand({ RoleArn: arn(`role/${role}`), RoleSessionName: name }))).Credentials);
    try {
      const before = await assume('before');
      await iamClient(before).send(new ListUsersCommand({}));
      // The console's cut-off: the next whole second after the session was issued.
      const cutOff = Math.floor((Date.now() + offset) / 1000) * 1000 + 1000;
      await rootIam.send(
        new PutRolePolicyCommand({
          RoleName: role,
          PolicyName: 'AWSRevokeOlderSessions',
          PolicyDocument: doc({
            Effect: 'Deny',
            Action: ['*'],
            Resource: ['*'],
            Condition: { DateLessThan: { 'aws:TokenIssueTime': new Date(cutOff).toISOString().replace(/\.\d{3}Z$/, 'Z') } },
          }),
        }),
      );
      const revoked = await failure(iamClient(before).send(new ListUsersCommand({})));
      expect(revoked).toMatchObject({ name: 'AccessDenied', status: 403 });
      expect(revoked.message).toContain('with an explicit deny');
      // Move the node's clock past the cut-off instead of waiting for it.
      offset = cutOff - Date.now() + 2000;
      const after = await assume('after');
      await iamClient(after).send(new ListUsersCommand({}));
      // The old session stays revoked.
      expect((await failure(iamClient(before).send(new ListUsersCommand({})))).name).toBe('AccessDenied');
    } finally {
      offset = 0;
    }
  });
});

describe('session tokens that are not this node’s', () => {
  it('a token truncated by 10 characters, and one from another Keycard node, are InvalidClientTokenId', async () => {
    const keys = await userKeys(unique('tokens'));
    const session = endpointOf((await stsClient(keys).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials);
    expect(await stsClient(session).send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: A });
    const truncated = await failure(stsClient({ ...session, sessionToken: session.sessionToken!.slice(0, -10) }).send(new GetCallerIdentityCommand({})));
    expect(truncated).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });

    const other = await startTestServer();
    try {
      const otherRoot = { url: other.url, accessKeyId: other.accessKeyId, secretAccessKey: other.secretAccessKey };
      const foreign = (await stsClient(otherRoot).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!;
      const foreignSession = { url: other.url, accessKeyId: foreign.AccessKeyId!, secretAccessKey: foreign.SecretAccessKey!, sessionToken: foreign.SessionToken! };
      // Valid on the node that issued it ...
      expect(await stsClient(foreignSession).send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: arn('root') });
      // ... and refused by this one, although both nodes have the same account and root keys.
      const refused = await failure(stsClient({ ...foreignSession, url: server.url }).send(new GetCallerIdentityCommand({})));
      expect(refused).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    } finally {
      await other.close();
    }
  });
});

describe('GetFederationToken and GetSessionToken', () => {
  it('GetFederationToken with root credentials and DurationSeconds 7200 is capped at one hour', async () => {
    const sts = stsClient({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
    const out = await sts.send(new GetFederationTokenCommand({ Name: unique('fed').slice(0, 32), DurationSeconds: 7200, Policy: allow('s3:GetObject') }));
    const remaining = out.Credentials!.Expiration!.getTime() - (Date.now() + offset);
    expect(remaining).toBeLessThanOrEqual(3600_000 + 5_000);
    expect(remaining).toBeGreaterThan(3600_000 - 60_000);
  });

  it('GetSessionToken with an enabled virtual MFA device may call IAM; without MFA it may not', async () => {
    const name = unique('mfa');
    const keys = await userKeys(name, allow('iam:ListUsers'));
    const device = (await rootIam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }))).VirtualMFADevice!;
    const seed = Buffer.from(device.Base32StringSeed!).toString('ascii');
    const step = stepAt(new Date(Date.now() + offset));
    await rootIam.send(
      new EnableMFADeviceCommand({ UserName: name, SerialNumber: device.SerialNumber, AuthenticationCode1: codeAt(seed, step - 1), AuthenticationCode2: codeAt(seed, step) }),
    );
    const sts = stsClient(keys);

    const plain = endpointOf((await sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials);
    const refused = await failure(iamClient(plain).send(new ListUsersCommand({})));
    expect(refused).toMatchObject({ name: 'AccessDenied', status: 403 });

    const withMfa = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 900, SerialNumber: device.SerialNumber, TokenCode: codeAt(seed, step + 1) }));
    const users = await iamClient(endpointOf(withMfa.Credentials)).send(new ListUsersCommand({}));
    expect(users.Users?.some((u) => u.UserName === name)).toBe(true);
    // The user's policy still applies to the MFA session: nothing beyond ListUsers.
    expect((await failure(iamClient(endpointOf(withMfa.Credentials)).send(new CreateUserCommand({ UserName: unique('nope') })))).name).toBe('AccessDenied');
  });
});

describe('IAM conditions and boundaries on real calls', () => {
  it('a permissions boundary limits a user allowed iam:*; removing it lifts the limit', async () => {
    const name = unique('bounded');
    const keys = await userKeys(name, allow('iam:*'));
    const boundary = (await rootIam.send(new CreatePolicyCommand({ PolicyName: unique('ListOnly'), PolicyDocument: allow('iam:ListUsers') }))).Policy!.Arn!;
    await rootIam.send(new PutUserPermissionsBoundaryCommand({ UserName: name, PermissionsBoundary: boundary }));
    const iam = iamClient(keys);
    await iam.send(new ListUsersCommand({}));
    const denied = await failure(iam.send(new CreateUserCommand({ UserName: unique('blocked') })));
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denied.message).toContain('permissions boundary');
    await rootIam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: name }));
    const created = unique('allowed');
    expect((await iam.send(new CreateUserCommand({ UserName: created }))).User?.UserName).toBe(created);
  });

  it('iam:PermissionsBoundary decides CreateRole: the named boundary works, another or none is AccessDenied', async () => {
    const wanted = (await rootIam.send(new CreatePolicyCommand({ PolicyName: unique('Wanted'), PolicyDocument: allow('iam:ListUsers') }))).Policy!.Arn!;
    const otherBoundary = (await rootIam.send(new CreatePolicyCommand({ PolicyName: unique('Other'), PolicyDocument: allow('iam:ListUsers') }))).Policy!.Arn!;
    const keys = await userKeys(unique('creator'), allow('iam:CreateRole', '*', { Condition: { StringEquals: { 'iam:PermissionsBoundary': wanted } } }));
    const iam = iamClient(keys);
    const assumeDoc = trust({ Service: 'ec2.amazonaws.com' });
    const withOther = await failure(iam.send(new CreateRoleCommand({ RoleName: unique('R'), AssumeRolePolicyDocument: assumeDoc, PermissionsBoundary: otherBoundary })));
    expect(withOther).toMatchObject({ name: 'AccessDenied', status: 403 });
    const withNone = await failure(iam.send(new CreateRoleCommand({ RoleName: unique('R'), AssumeRolePolicyDocument: assumeDoc })));
    expect(withNone).toMatchObject({ name: 'AccessDenied', status: 403 });
    const name = unique('R');
    const created = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: assumeDoc, PermissionsBoundary: wanted }));
    expect(created.Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(wanted);
  });

  it('ForAllValues:StringEquals aws:TagKeys ["team"] allows TagUser with key team, not with key cost', async () => {
    const target = unique('tagged');
    await rootIam.send(new CreateUserCommand({ UserName: target }));
    const keys = await userKeys(unique('tagger'), allow('iam:TagUser', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } }));
    const iam = iamClient(keys);
    await iam.send(new TagUserCommand({ UserName: target, Tags: [{ Key: 'team', Value: 'blue' }] }));
    const denied = await failure(iam.send(new TagUserCommand({ UserName: target, Tags: [{ Key: 'cost', Value: '42' }] })));
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
    const mixed = await failure(iam.send(new TagUserCommand({ UserName: target, Tags: [{ Key: 'team', Value: 'red' }, { Key: 'cost', Value: '42' }] })));
    expect(mixed.name).toBe('AccessDenied');
    const tags = (await rootIam.send(new GetUserCommand({ UserName: target }))).User?.Tags;
    expect(tags).toEqual([{ Key: 'team', Value: 'blue' }]);
  });
});
