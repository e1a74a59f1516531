// Managed-policy attachments against a real store and authorizer: attach/detach on users, groups and roles,
// quotas, listing with PathPrefix and pagination, ListEntitiesForPolicy, and the iam:PolicyARN condition key.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';

const allow = (action: string, resource = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

const arnOf = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.call('CreateUser', { UserName: 'u' });
  await h.call('CreateGroup', { GroupName: 'g' });
  await h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trust });
});
afterEach(async () => {
  await h.close();
});

const OWNERS = [
  { label: 'User', member: 'UserName', name: 'u' },
  { label: 'Group', member: 'GroupName', name: 'g' },
  { label: 'Role', member: 'RoleName', name: 'r' },
] as const;

describe.each(OWNERS)('Attach/Detach/ListAttached $label policies', ({ label, member, name }) => {
  it('attaches customer and AWS managed policies, idempotently, and lists them', async () => {
    await h.call('CreatePolicy', { PolicyName: 'Mine', Path: '/team/', PolicyDocument: allow('s3:*') });
    await h.call(`Attach${label}Policy`, { [member]: name, PolicyArn: arnOf('Mine', '/team/') });
    await h.call(`Attach${label}Policy`, { [member]: name, PolicyArn: READ_ONLY });
    await h.call(`Attach${label}Policy`, { [member]: name, PolicyArn: READ_ONLY });
    const listed = await h.call(`ListAttached${label}Policies`, { [member]: name });
    expect(listed).toEqual({
      AttachedPolicies: [
        { PolicyName: 'Mine', PolicyArn: arnOf('Mine', '/team/') },
        { PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY },
      ],
      IsTruncated: false,
    });
    const filtered = await h.call(`ListAttached${label}Policies`, { [member]: name, PathPrefix: '/team/' });
    expect(filtered.AttachedPolicies).toEqual([{ PolicyName: 'Mine', PolicyArn: arnOf('Mine', '/team/') }]);
    const page = await h.call(`ListAttached${label}Policies`, { [member]: name, MaxItems: 1 });
    expect(page).toMatchObject({ IsTruncated: true, AttachedPolicies: [{ PolicyName: 'Mine' }] });
    expect((await h.call('GetPolicy', { PolicyArn: arnOf('Mine', '/team/') })).Policy).toMatchObject({ AttachmentCount: 1 });

    await h.call(`Detach${label}Policy`, { [member]: name, PolicyArn: READ_ONLY });
    expect(await h.fail(`Detach${label}Policy`, { [member]: name, PolicyArn: READ_ONLY })).toMatchObject({
      code: 'NoSuchEntity',
      message: `Policy ${READ_ONLY} was not found.`,
    });
    expect((await h.call(`ListAttached${label}Policies`, { [member]: name })).AttachedPolicies).toHaveLength(1);
  });

  it('refuses a policy that does not exist, with AWS text', async () => {
    const arn = arnOf('Ghost');
    expect(await h.fail(`Attach${label}Policy`, { [member]: name, PolicyArn: arn })).toMatchObject({
      code: 'NoSuchEntity',
      message: `Policy ${arn} does not exist or is not attachable.`,
    });
  });

  it(`limits a ${label.toLowerCase()} to 10 attached policies`, async () => {
    for (let i = 0; i < 10; i++) {
      await h.call('CreatePolicy', { PolicyName: `p${i}`, PolicyDocument: allow('s3:*') });
      await h.call(`Attach${label}Policy`, { [member]: name, PolicyArn: arnOf(`p${i}`) });
    }
    await h.call('CreatePolicy', { PolicyName: 'p10', PolicyDocument: allow('s3:*') });
    expect(await h.fail(`Attach${label}Policy`, { [member]: name, PolicyArn: arnOf('p10') })).toMatchObject({
      code: 'LimitExceeded',
      message: `Cannot exceed quota for PoliciesPer${label}: 10`,
    });
    // Re-attaching one already attached is still a no-op at the limit.
    await h.call(`Attach${label}Policy`, { [member]: name, PolicyArn: arnOf('p0') });
  });
});

describe('attachments and other operations', () => {
  it('a missing owner is NoSuchEntity', async () => {
    expect(await h.fail('AttachUserPolicy', { UserName: 'ghost', PolicyArn: READ_ONLY })).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The user with name ghost cannot be found.',
    });
  });

  it('blocks DeleteUser and DeleteRole while policies are attached', async () => {
    await h.call('AttachUserPolicy', { UserName: 'u', PolicyArn: READ_ONLY });
    expect(await h.fail('DeleteUser', { UserName: 'u' })).toMatchObject({ code: 'DeleteConflict' });
    await h.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: READ_ONLY });
    expect(await h.fail('DeleteRole', { RoleName: 'r' })).toMatchObject({ code: 'DeleteConflict' });
  });

  it('refuses AWS service-role policies', async () => {
    const error = await h.fail('AttachRolePolicy', { RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy' });
    expect(error).toMatchObject({ code: 'PolicyNotAttachable', message: 'Cannot attach a Service Role Policy to a Customer Role.' });
  });

  it('an attached policy grants its permissions', async () => {
    await h.call('CreatePolicy', { PolicyName: 'ListUsers', PolicyDocument: allow('iam:ListUsers') });
    const u = h.userCaller('u');
    expect((await h.fail('ListUsers', {}, u)).code).toBe('AccessDenied');
    await h.call('AttachUserPolicy', { UserName: 'u', PolicyArn: arnOf('ListUsers') });
    await h.call('ListUsers', {}, u);
    await h.call('DetachUserPolicy', { UserName: 'u', PolicyArn: arnOf('ListUsers') });
    expect((await h.fail('ListUsers', {}, u)).code).toBe('AccessDenied');
  });
});

describe('ListEntitiesForPolicy', () => {
  it('lists groups, users and roles using a policy, with filters and pagination', async () => {
    await h.call('CreateUser', { UserName: 'bounded', Path: '/b/', PermissionsBoundary: READ_ONLY });
    await h.call('AttachUserPolicy', { UserName: 'u', PolicyArn: READ_ONLY });
    await h.call('AttachGroupPolicy', { GroupName: 'g', PolicyArn: READ_ONLY });
    await h.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: READ_ONLY });
    const ids = (out: Record<string, unknown>) => ({
      groups: (out.PolicyGroups as Array<{ GroupName: string }>).map((g) => g.GroupName),
      users: (out.PolicyUsers as Array<{ UserName: string }>).map((u) => u.UserName),
      roles: (out.PolicyRoles as Array<{ RoleName: string }>).map((r) => r.RoleName),
    });
    const all = await h.call('ListEntitiesForPolicy', { PolicyArn: READ_ONLY });
    expect(ids(all)).toEqual({ groups: ['g'], users: ['bounded', 'u'], roles: ['r'] });
    expect((all.PolicyUsers as Array<Record<string, unknown>>)[1]!.UserId).toMatch(/^AIDA/);
    expect(all.IsTruncated).toBe(false);
    expect(ids(await h.call('ListEntitiesForPolicy', { PolicyArn: READ_ONLY, EntityFilter: 'Role' }))).toEqual({ groups: [], users: [], roles: ['r'] });
    expect(ids(await h.call('ListEntitiesForPolicy', { PolicyArn: READ_ONLY, PolicyUsageFilter: 'PermissionsBoundary' }))).toEqual({
      groups: [],
      users: ['bounded'],
      roles: [],
    });
    expect(ids(await h.call('ListEntitiesForPolicy', { PolicyArn: READ_ONLY, PolicyUsageFilter: 'PermissionsPolicy' })).users).toEqual(['u']);
    expect(ids(await h.call('ListEntitiesForPolicy', { PolicyArn: READ_ONLY, PathPrefix: '/b/' }))).toEqual({ groups: [], users: ['bounded'], roles: [] });

    const first = await h.call('ListEntitiesForPolicy', { PolicyArn: READ_ONLY, MaxItems: 2 });
    expect(ids(first)).toEqual({ groups: ['g'], users: ['bounded'], roles: [] });
    const second = await h.call('ListEntitiesForPolicy', { PolicyArn: READ_ONLY, MaxItems: 2, Marker: first.Marker });
    expect(ids(second)).toEqual({ groups: [], users: ['u'], roles: ['r'] });
  });

  it('answers NoSuchEntity for an unknown policy', async () => {
    expect((await h.fail('ListEntitiesForPolicy', { PolicyArn: arnOf('Ghost') })).code).toBe('NoSuchEntity');
  });
});

describe('authorization', () => {
  it('denies with AWS text, then allows only the policies iam:PolicyARN permits', async () => {
    await h.call('CreateUser', { UserName: 'dev' });
    const dev = h.userCaller('dev');
    const userArn = `arn:aws:iam::${ACCOUNT}:user/u`;
    expect(await h.fail('AttachUserPolicy', { UserName: 'u', PolicyArn: READ_ONLY }, dev)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: iam:AttachUserPolicy on resource: ${userArn} because no identity-based policy allows the iam:AttachUserPolicy action`),
    });
    const grant = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: userArn, Condition: { ArnEquals: { 'iam:PolicyARN': READ_ONLY } } }],
    });
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'attach', PolicyDocument: grant });
    await h.call('AttachUserPolicy', { UserName: 'u', PolicyArn: READ_ONLY }, dev);
    const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
    expect((await h.fail('AttachUserPolicy', { UserName: 'u', PolicyArn: admin }, dev)).code).toBe('AccessDenied');
  });
});
