// GetAccountAuthorizationDetails against a real store and authorizer: every section's shape, the filter,
// AWS managed policies only when used, pagination across sections and authorization.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';

const allow = (action: string, resource = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const LOCAL = `arn:aws:iam::${ACCOUNT}:policy/Local`;

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.call('CreatePolicy', { PolicyName: 'Local', PolicyDocument: allow('s3:GetObject') });
  await h.call('CreatePolicyVersion', { PolicyArn: LOCAL, PolicyDocument: allow('s3:*'), SetAsDefault: true });
  await h.call('CreateUser', { UserName: 'alice', Tags: [{ Key: 'team', Value: 'a' }], PermissionsBoundary: LOCAL });
  await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'inline', PolicyDocument: allow('sqs:*') });
  await h.call('AttachUserPolicy', { UserName: 'alice', PolicyArn: READ_ONLY });
  await h.call('CreateGroup', { GroupName: 'devs' });
  await h.call('AddUserToGroup', { GroupName: 'devs', UserName: 'alice' });
  await h.call('PutGroupPolicy', { GroupName: 'devs', PolicyName: 'gp', PolicyDocument: allow('sns:*') });
  await h.call('AttachGroupPolicy', { GroupName: 'devs', PolicyArn: LOCAL });
  await h.call('CreateRole', { RoleName: 'app', AssumeRolePolicyDocument: trust, Description: 'app role' });
  await h.call('PutRolePolicy', { RoleName: 'app', PolicyName: 'rp', PolicyDocument: allow('ec2:*') });
  await h.call('CreateInstanceProfile', { InstanceProfileName: 'app-profile' });
  await h.call('AddRoleToInstanceProfile', { InstanceProfileName: 'app-profile', RoleName: 'app' });
});
afterEach(async () => {
  await h.close();
});

describe('GetAccountAuthorizationDetails', () => {
  it('describes users, groups, roles and the policies in use', async () => {
    const out = await h.call('GetAccountAuthorizationDetails');
    expect(out.IsTruncated).toBe(false);

    const [user] = out.UserDetailList as Array<Record<string, unknown>>;
    expect(user).toMatchObject({
      Path: '/',
      UserName: 'alice',
      Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      UserPolicyList: [{ PolicyName: 'inline', PolicyDocument: allow('sqs:*') }],
      GroupList: ['devs'],
      AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY }],
      PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: LOCAL },
      Tags: [{ Key: 'team', Value: 'a' }],
    });
    expect(user!.UserId).toMatch(/^AIDA/);

    expect(out.GroupDetailList).toEqual([
      expect.objectContaining({
        GroupName: 'devs',
        GroupPolicyList: [{ PolicyName: 'gp', PolicyDocument: allow('sns:*') }],
        AttachedManagedPolicies: [{ PolicyName: 'Local', PolicyArn: LOCAL }],
      }),
    ]);

    const [role] = out.RoleDetailList as Array<Record<string, unknown>>;
    expect(role).toMatchObject({
      RoleName: 'app',
      AssumeRolePolicyDocument: trust,
      RolePolicyList: [{ PolicyName: 'rp', PolicyDocument: allow('ec2:*') }],
      AttachedManagedPolicies: [],
      InstanceProfileList: [expect.objectContaining({ InstanceProfileName: 'app-profile', Roles: [expect.objectContaining({ RoleName: 'app' })] })],
    });
    // RoleDetail has no Description member.
    expect(role).not.toHaveProperty('Description');

    const policies = out.Policies as Array<Record<string, unknown>>;
    expect(policies.map((p) => p.Arn)).toEqual([LOCAL, READ_ONLY]);
    expect(policies[0]).toMatchObject({
      PolicyName: 'Local',
      DefaultVersionId: 'v2',
      AttachmentCount: 1,
      PermissionsBoundaryUsageCount: 1,
      PolicyVersionList: [
        { Document: allow('s3:*'), VersionId: 'v2', IsDefaultVersion: true, CreateDate: expect.any(String) },
        { Document: allow('s3:GetObject'), VersionId: 'v1', IsDefaultVersion: false, CreateDate: expect.any(String) },
      ],
    });
    expect(policies[1]).toMatchObject({ PolicyName: 'ReadOnlyAccess', AttachmentCount: 1, PolicyVersionList: [expect.objectContaining({ IsDefaultVersion: true })] });
  });

  it('keeps only the sections the Filter names', async () => {
    const out = await h.call('GetAccountAuthorizationDetails', { Filter: ['Role', 'AWSManagedPolicy'] });
    expect(out.UserDetailList).toEqual([]);
    expect(out.GroupDetailList).toEqual([]);
    expect((out.RoleDetailList as unknown[]).length).toBe(1);
    expect((out.Policies as Array<{ Arn: string }>).map((p) => p.Arn)).toEqual([READ_ONLY]);
    const local = await h.call('GetAccountAuthorizationDetails', { Filter: ['LocalManagedPolicy'] });
    expect((local.Policies as Array<{ Arn: string }>).map((p) => p.Arn)).toEqual([LOCAL]);
  });

  it('paginates across sections', async () => {
    const seen: string[] = [];
    let marker: unknown;
    let calls = 0;
    do {
      const out = await h.call('GetAccountAuthorizationDetails', { MaxItems: 2, ...(marker !== undefined && { Marker: marker }) });
      for (const list of ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies']) {
        seen.push(...(out[list] as Array<Record<string, unknown>>).map((e) => String(e.Arn)));
      }
      marker = out.IsTruncated ? out.Marker : undefined;
      calls++;
    } while (marker !== undefined);
    expect(calls).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('denies with AWS text, then allows once the boundary no longer caps the action', async () => {
    const dev = h.userCaller('alice');
    // ReadOnlyAccess (attached) allows iam:Get*, but alice's boundary does not.
    expect(await h.fail('GetAccountAuthorizationDetails', {}, dev)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: iam:GetAccountAuthorizationDetails on resource: * because no permissions boundary allows the iam:GetAccountAuthorizationDetails action`),
    });
    await h.call('DeleteUserPermissionsBoundary', { UserName: 'alice' });
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'audit', PolicyDocument: allow('iam:GetAccountAuthorizationDetails') });
    expect((await h.call('GetAccountAuthorizationDetails', {}, dev)).UserDetailList).toHaveLength(1);
  });
});
