// The JS SDK (@aws-sdk/client-iam, client-sts) against a live Keycard on SQLite and on PostgreSQL: the
// flows a user would do by hand, including a user with limited permissions being denied, then allowed.

import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetRoleCommand,
  GetUserCommand,
  ListUsersCommand,
  paginateListUsers,
  PutUserPolicyCommand,
  type User,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deniedWith } from '../../src/services/iam/test-support/access-denied.js';
import { iamClient, stsClient, type Endpoint } from '../support/clients.js';
import { STORE_KINDS, startTestServer, type TestServer } from '../support/keycard-server.js';

const readOnlyUsersPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:GetUser'], Resource: '*' }],
});

describe.each(STORE_KINDS)('IAM through the JS SDK on %s', (store) => {
  let server: TestServer;
  let root: Endpoint;

  beforeAll(async () => {
    server = await startTestServer({ store });
    root = { url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  });
  afterAll(async () => server?.close());
  beforeEach(async () => server.reset());

  it('answers GetCallerIdentity for the root user', async () => {
    const identity = await stsClient(root).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: '123456789012', UserId: '123456789012', Arn: 'arn:aws:iam::123456789012:root' });
  });

  it('creates a user with a path and tags, reads it back, and rejects a duplicate name in any case', async () => {
    const iam = iamClient(root);
    const created = await iam.send(new CreateUserCommand({ UserName: 'Alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'blue' }] }));
    expect(created.User).toMatchObject({ UserName: 'Alice', Path: '/eng/', Arn: 'arn:aws:iam::123456789012:user/eng/Alice' });
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(created.User?.CreateDate).toBeInstanceOf(Date);
    const got = await iam.send(new GetUserCommand({ UserName: 'alice' }));
    expect(got.User?.UserName).toBe('Alice');
    expect(got.User?.Tags).toEqual([{ Key: 'team', Value: 'blue' }]);
    await expect(iam.send(new CreateUserCommand({ UserName: 'ALICE' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'User with name ALICE already exists.',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(iam.send(new GetUserCommand({ UserName: 'nobody' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name nobody cannot be found.',
    });
  });

  it('lists users across pages with Marker and MaxItems', async () => {
    const iam = iamClient(root);
    for (let i = 0; i < 7; i++) await iam.send(new CreateUserCommand({ UserName: `user-${i}` }));
    const first = await iam.send(new ListUsersCommand({ MaxItems: 3 }));
    expect(first.Users).toHaveLength(3);
    expect(first.IsTruncated).toBe(true);
    const all: User[] = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: 3 }, {})) all.push(...(page.Users ?? []));
    expect(all.map((u) => u.UserName)).toEqual(['user-0', 'user-1', 'user-2', 'user-3', 'user-4', 'user-5', 'user-6']);
  });

  it('denies a user without permissions with AWS\'s message, then allows it once a policy grants the action', async () => {
    const iam = iamClient(root);
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'bob' }));
    expect(key.AccessKey?.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(key.AccessKey?.SecretAccessKey).toHaveLength(40);
    const bob = iamClient({ url: server.url, accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! });

    const identity = await stsClient({ url: server.url, accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! }).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/bob');

    await expect(bob.send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: deniedWith(
        'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action',
      ),
      $metadata: { httpStatusCode: 403 },
    });
    await iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'read-users', PolicyDocument: readOnlyUsersPolicy }));
    const listed = await bob.send(new ListUsersCommand({}));
    expect(listed.Users?.map((u) => u.UserName)).toEqual(['bob']);
    await expect(bob.send(new CreateUserCommand({ UserName: 'eve' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('grants through an attached customer managed policy', async () => {
    const iam = iamClient(root);
    await iam.send(new CreateUserCommand({ UserName: 'carol' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }))).AccessKey!;
    const carol = iamClient({ url: server.url, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    await expect(carol.send(new GetUserCommand({ UserName: 'carol' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: 'users-read', PolicyDocument: readOnlyUsersPolicy }));
    expect(policy.Policy?.Arn).toBe('arn:aws:iam::123456789012:policy/users-read');
    await iam.send(new AttachUserPolicyCommand({ UserName: 'carol', PolicyArn: policy.Policy!.Arn! }));
    expect((await carol.send(new GetUserCommand({ UserName: 'carol' }))).User?.UserName).toBe('carol');
  });

  it('refuses to delete a user that still has access keys, then deletes it', async () => {
    const iam = iamClient(root);
    await iam.send(new CreateUserCommand({ UserName: 'dave' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'dave' }))).AccessKey!;
    await expect(iam.send(new DeleteUserCommand({ UserName: 'dave' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete access keys first.',
      $metadata: { httpStatusCode: 409 },
    });
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'dave', AccessKeyId: key.AccessKeyId! }));
    await iam.send(new DeleteUserCommand({ UserName: 'dave' }));
    await expect(iam.send(new GetUserCommand({ UserName: 'dave' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('returns a role trust policy document the SDK can decode', async () => {
    const iam = iamClient(root);
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: JSON.stringify(trust), Description: '100% "quoted" ümlaut' }));
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role!;
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!))).toEqual(trust);
    expect(role.Description).toBe('100% "quoted" ümlaut');
    expect(role.MaxSessionDuration).toBe(3600);
  });
});
