// Roles against a real store and authorizer: shapes, trust-policy checks, quotas, conflicts, protected
// service-linked roles and authorization.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../domain/index.js';
import { KIND, type RoleData } from './records.js';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';

const trust = (principal: unknown = { Service: 'ec2.amazonaws.com' }, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }] });

const allow = (action: string, resource = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const createRole = (name: string, input: Record<string, unknown> = {}) =>
  h.call('CreateRole', { RoleName: name, AssumeRolePolicyDocument: trust(), ...input });

describe('CreateRole and GetRole', () => {
  it('returns the Role shape with AWS member names, an AROA id and a path-qualified ARN', async () => {
    const out = await createRole('App', { Path: '/team/', Description: 'runs the app', Tags: [{ Key: 'env', Value: 'prod' }] });
    const role = out.Role as Record<string, unknown>;
    expect(role).toMatchObject({
      Path: '/team/',
      RoleName: 'App',
      Arn: `arn:aws:iam::${ACCOUNT}:role/team/App`,
      AssumeRolePolicyDocument: trust(),
      Description: 'runs the app',
      MaxSessionDuration: 3600,
      Tags: [{ Key: 'env', Value: 'prod' }],
    });
    expect(role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(role).not.toHaveProperty('RoleLastUsed');
    expect(role.CreateDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const got = (await h.call('GetRole', { RoleName: 'app' })).Role as Record<string, unknown>;
    expect(got).toMatchObject({ RoleName: 'App', RoleId: role.RoleId, RoleLastUsed: {}, Tags: [{ Key: 'env', Value: 'prod' }] });
  });

  it('keeps MaxSessionDuration and a permissions boundary', async () => {
    const boundary = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    await createRole('Long', { MaxSessionDuration: 43200, PermissionsBoundary: boundary });
    const role = (await h.call('GetRole', { RoleName: 'Long' })).Role as Record<string, unknown>;
    expect(role.MaxSessionDuration).toBe(43200);
    expect(role.PermissionsBoundary).toEqual({ PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary });
  });

  it('refuses a boundary that is no managed policy', async () => {
    const error = await h.fail('CreateRole', {
      RoleName: 'B',
      AssumeRolePolicyDocument: trust(),
      PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/Missing`,
    });
    expect(error.code).toBe('NoSuchEntity');
  });

  it('names are unique without regard to case', async () => {
    await createRole('Admins');
    const error = await h.fail('CreateRole', { RoleName: 'ADMINS', AssumeRolePolicyDocument: trust() });
    expect(error).toMatchObject({ code: 'EntityAlreadyExists', message: 'Role with name ADMINS already exists.' });
  });

  it('answers NoSuchEntity with AWS text for an unknown role', async () => {
    const error = await h.fail('GetRole', { RoleName: 'Ghost' });
    expect(error).toMatchObject({ code: 'NoSuchEntity', message: 'The role with name Ghost cannot be found.' });
  });

  it('validates the trust policy as a trust policy', async () => {
    const identity = allow('s3:GetObject');
    const error = await h.fail('CreateRole', { RoleName: 'Bad', AssumeRolePolicyDocument: identity });
    expect(error.code).toBe('MalformedPolicyDocument');
    expect((await h.fail('CreateRole', { RoleName: 'Bad', AssumeRolePolicyDocument: '{' })).code).toBe('MalformedPolicyDocument');
  });

  it('enforces the 2,048-character trust-policy quota', async () => {
    const big = trust({ AWS: ACCOUNT }, { Condition: { StringEquals: { 'sts:ExternalId': 'x'.repeat(2100) } } });
    const error = await h.fail('CreateRole', { RoleName: 'Big', AssumeRolePolicyDocument: big });
    expect(error).toMatchObject({ code: 'LimitExceeded', message: 'Cannot exceed quota for ACLSizePerRole: 2048' });
  });

  it('requires IAM users and roles named as principals in this Keycard to exist', async () => {
    const missing = `arn:aws:iam::${ACCOUNT}:user/nobody`;
    const error = await h.fail('CreateRole', { RoleName: 'T', AssumeRolePolicyDocument: trust({ AWS: missing }) });
    expect(error).toMatchObject({ code: 'MalformedPolicyDocument', message: `Invalid principal in policy: "AWS":"${missing}"` });

    await h.call('CreateUser', { UserName: 'alice', Path: '/ops/' });
    // The path is part of the ARN: the right name under the wrong path is still no such principal.
    const wrongPath = `arn:aws:iam::${ACCOUNT}:user/alice`;
    expect((await h.fail('CreateRole', { RoleName: 'T', AssumeRolePolicyDocument: trust({ AWS: wrongPath }) })).code).toBe(
      'MalformedPolicyDocument',
    );
    await createRole('T', { AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/ops/alice` }) });
    await createRole('T2', { AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/T` }) });
    // Accounts this Keycard does not hold cannot be checked, so they are accepted.
    await createRole('T3', { AssumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::210987654321:user/someone' }) });
  });

  it('stops at 1,000 roles per account', async () => {
    await h.store.transaction(ACCOUNT, async (tx) => {
      for (let i = 0; i < 1000; i++) {
        const data: RoleData = { path: '/', arn: `arn:aws:iam::${ACCOUNT}:role/r${i}`, createDate: '2024-01-01T00:00:00Z', assumeRolePolicyDocument: trust(), maxSessionDuration: 3600, tags: [] };
        await tx.insert({ account: ACCOUNT, kind: KIND.role, id: newId('role'), scope: '', name: `r${i}`, data });
      }
    });
    await h.state.catchUp();
    const error = await h.fail('CreateRole', { RoleName: 'OneTooMany', AssumeRolePolicyDocument: trust() });
    expect(error).toMatchObject({ code: 'LimitExceeded', message: 'Cannot exceed quota for RolesPerAccount: 1000' });
  });
});

describe('ListRoles', () => {
  it('filters by PathPrefix, pages with Marker, and leaves out Tags and PermissionsBoundary', async () => {
    await createRole('a', { Path: '/x/', Tags: [{ Key: 'k', Value: 'v' }], PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    await createRole('b', { Path: '/x/' });
    await createRole('c', { Path: '/y/' });
    const first = await h.call('ListRoles', { PathPrefix: '/x/', MaxItems: 1 });
    expect(first.IsTruncated).toBe(true);
    const listed = (first.Roles as Record<string, unknown>[])[0]!;
    expect(listed.RoleName).toBe('a');
    expect(listed).not.toHaveProperty('Tags');
    expect(listed).not.toHaveProperty('PermissionsBoundary');
    expect(listed).toHaveProperty('AssumeRolePolicyDocument');
    const second = await h.call('ListRoles', { PathPrefix: '/x/', MaxItems: 1, Marker: first.Marker });
    expect((second.Roles as { RoleName: string }[]).map((r) => r.RoleName)).toEqual(['b']);
    expect(second.IsTruncated).toBe(false);
    expect(second).not.toHaveProperty('Marker');
    expect(((await h.call('ListRoles')).Roles as unknown[]).length).toBe(3);
  });
});

describe('updates', () => {
  it('UpdateRole sets Description and MaxSessionDuration; an empty description removes it', async () => {
    await createRole('R', { Description: 'old' });
    expect(await h.call('UpdateRole', { RoleName: 'R', Description: 'new', MaxSessionDuration: 7200 })).toEqual({});
    let role = (await h.call('GetRole', { RoleName: 'R' })).Role as Record<string, unknown>;
    expect(role).toMatchObject({ Description: 'new', MaxSessionDuration: 7200 });
    await h.call('UpdateRole', { RoleName: 'R', Description: '' });
    role = (await h.call('GetRole', { RoleName: 'R' })).Role as Record<string, unknown>;
    expect(role).not.toHaveProperty('Description');
    expect(role.MaxSessionDuration).toBe(7200);
  });

  it('UpdateRoleDescription returns the Role', async () => {
    await createRole('R');
    const out = await h.call('UpdateRoleDescription', { RoleName: 'R', Description: 'described' });
    expect(out.Role).toMatchObject({ RoleName: 'R', Description: 'described' });
  });

  it('UpdateAssumeRolePolicy validates and stores the new document', async () => {
    await createRole('R');
    const next = trust({ Service: 'lambda.amazonaws.com' });
    await h.call('UpdateAssumeRolePolicy', { RoleName: 'R', PolicyDocument: next });
    expect(((await h.call('GetRole', { RoleName: 'R' })).Role as Record<string, unknown>).AssumeRolePolicyDocument).toBe(next);
    const missing = `arn:aws:iam::${ACCOUNT}:role/Nope`;
    const error = await h.fail('UpdateAssumeRolePolicy', { RoleName: 'R', PolicyDocument: trust({ AWS: missing }) });
    expect(error.message).toBe(`Invalid principal in policy: "AWS":"${missing}"`);
  });

  it('tags: case-insensitive keys, untag, paged ListRoleTags', async () => {
    await createRole('R', { Tags: [{ Key: 'Env', Value: 'dev' }] });
    await h.call('TagRole', { RoleName: 'R', Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'a' }] });
    const page = await h.call('ListRoleTags', { RoleName: 'R', MaxItems: 1 });
    expect(page).toMatchObject({ Tags: [{ Key: 'env', Value: 'prod' }], IsTruncated: true });
    await h.call('UntagRole', { RoleName: 'R', TagKeys: ['ENV'] });
    expect((await h.call('ListRoleTags', { RoleName: 'R' })).Tags).toEqual([{ Key: 'team', Value: 'a' }]);
  });

  it('puts and deletes a permissions boundary', async () => {
    await createRole('R');
    const boundary = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    await h.call('PutRolePermissionsBoundary', { RoleName: 'R', PermissionsBoundary: boundary });
    expect(((await h.call('GetRole', { RoleName: 'R' })).Role as Record<string, unknown>).PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: boundary,
    });
    await h.call('DeleteRolePermissionsBoundary', { RoleName: 'R' });
    expect((await h.call('GetRole', { RoleName: 'R' })).Role).not.toHaveProperty('PermissionsBoundary');
    const error = await h.fail('PutRolePermissionsBoundary', { RoleName: 'R', PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/None` });
    expect(error.code).toBe('NoSuchEntity');
  });
});

describe('DeleteRole', () => {
  it('deletes a role without dependencies', async () => {
    await createRole('R');
    await h.call('DeleteRole', { RoleName: 'R' });
    expect((await h.fail('GetRole', { RoleName: 'R' })).code).toBe('NoSuchEntity');
  });

  it('refuses while inline policies, attached policies or instance profiles remain', async () => {
    await createRole('R');
    await h.call('PutRolePolicy', { RoleName: 'R', PolicyName: 'p', PolicyDocument: allow('s3:*') });
    expect(await h.fail('DeleteRole', { RoleName: 'R' })).toMatchObject({ code: 'DeleteConflict', message: 'Cannot delete entity, must delete policies first.' });
    await h.call('DeleteRolePolicy', { RoleName: 'R', PolicyName: 'p' });

    await h.call('AttachRolePolicy', { RoleName: 'R', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(await h.fail('DeleteRole', { RoleName: 'R' })).toMatchObject({ code: 'DeleteConflict', message: 'Cannot delete entity, must detach all policies first.' });
    await h.call('DetachRolePolicy', { RoleName: 'R', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });

    await h.call('CreateInstanceProfile', { InstanceProfileName: 'P' });
    await h.call('AddRoleToInstanceProfile', { InstanceProfileName: 'P', RoleName: 'R' });
    expect(await h.fail('DeleteRole', { RoleName: 'R' })).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must remove roles from instance profile first.',
    });
    await h.call('RemoveRoleFromInstanceProfile', { InstanceProfileName: 'P', RoleName: 'R' });
    await h.call('DeleteRole', { RoleName: 'R' });
  });
});

describe('service-linked roles are protected', () => {
  const protectedMessage = (name: string) =>
    `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`;

  it('refuse every edit but the description', async () => {
    const role = (await h.call('CreateServiceLinkedRole', { AWSServiceName: 'elasticbeanstalk.amazonaws.com' })).Role as { RoleName: string };
    const name = role.RoleName;
    const edits: [string, Record<string, unknown>][] = [
      ['UpdateRole', { MaxSessionDuration: 7200 }],
      ['UpdateAssumeRolePolicy', { PolicyDocument: trust() }],
      ['DeleteRole', {}],
      ['TagRole', { Tags: [{ Key: 'a', Value: 'b' }] }],
      ['UntagRole', { TagKeys: ['a'] }],
      ['PutRolePermissionsBoundary', { PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      ['DeleteRolePermissionsBoundary', {}],
    ];
    for (const [operation, input] of edits) {
      expect(await h.fail(operation, { RoleName: name, ...input })).toMatchObject({ code: 'UnmodifiableEntity', message: protectedMessage(name) });
    }
    await h.call('UpdateRoleDescription', { RoleName: name, Description: 'ours' });
    expect(((await h.call('GetRole', { RoleName: name })).Role as Record<string, unknown>).Description).toBe('ours');
  });
});

describe('authorization', () => {
  it('denies a user without permission with AWS message, then allows after a policy grants it', async () => {
    await createRole('R');
    await h.call('CreateUser', { UserName: 'bob' });
    const bob = h.userCaller('bob');
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/R`;
    const error = await h.fail('GetRole', { RoleName: 'R' }, bob);
    expect(error).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: ${bob.kind === 'user' ? bob.arn : ''} is not authorized to perform: iam:GetRole on resource: ${roleArn} because no identity-based policy allows the iam:GetRole action`),
    });
    await h.call('PutUserPolicy', { UserName: 'bob', PolicyName: 'read', PolicyDocument: allow('iam:GetRole', roleArn) });
    expect((await h.call('GetRole', { RoleName: 'R' }, bob)).Role).toMatchObject({ RoleName: 'R' });
    // The grant names one role: creating another is still denied.
    expect((await h.fail('CreateRole', { RoleName: 'X', AssumeRolePolicyDocument: trust() }, bob)).code).toBe('AccessDenied');
  });

  it('passes aws:RequestTag and aws:ResourceTag to conditions', async () => {
    await h.call('CreateUser', { UserName: 'carol' });
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:CreateRole', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } } },
        { Effect: 'Allow', Action: 'iam:DeleteRole', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } } },
      ],
    });
    await h.call('PutUserPolicy', { UserName: 'carol', PolicyName: 'abac', PolicyDocument: policy });
    const carol = h.userCaller('carol');
    expect((await h.fail('CreateRole', { RoleName: 'Red', AssumeRolePolicyDocument: trust(), Tags: [{ Key: 'team', Value: 'red' }] }, carol)).code).toBe(
      'AccessDenied',
    );
    await h.call('CreateRole', { RoleName: 'Blue', AssumeRolePolicyDocument: trust(), Tags: [{ Key: 'team', Value: 'blue' }] }, carol);
    await createRole('Untagged');
    expect((await h.fail('DeleteRole', { RoleName: 'Untagged' }, carol)).code).toBe('AccessDenied');
    await h.call('DeleteRole', { RoleName: 'Blue' }, carol);
  });
});
