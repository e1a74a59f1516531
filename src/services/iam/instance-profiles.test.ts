// Instance profiles against a real store and authorizer: shapes, the one-role slot, conflicts, tags,
// pagination and authorization (including iam:PassRole for AddRoleToInstanceProfile).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../domain/index.js';
import { KIND, type InstanceProfileData } from './records.js';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const profileOf = async (name: string) => (await h.call('GetInstanceProfile', { InstanceProfileName: name })).InstanceProfile as Record<string, unknown>;

describe('CreateInstanceProfile and GetInstanceProfile', () => {
  it('returns the InstanceProfile shape with an AIPA id, path, tags and an empty Roles list', async () => {
    const out = await h.call('CreateInstanceProfile', { InstanceProfileName: 'Web', Path: '/app/', Tags: [{ Key: 'k', Value: 'v' }] });
    const profile = out.InstanceProfile as Record<string, unknown>;
    expect(profile).toMatchObject({
      Path: '/app/',
      InstanceProfileName: 'Web',
      Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app/Web`,
      Roles: [],
      Tags: [{ Key: 'k', Value: 'v' }],
    });
    expect(profile.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);
    expect(await profileOf('web')).toMatchObject({ InstanceProfileName: 'Web', InstanceProfileId: profile.InstanceProfileId });
  });

  it('names are unique without regard to case; unknown names are NoSuchEntity', async () => {
    await h.call('CreateInstanceProfile', { InstanceProfileName: 'Web' });
    expect(await h.fail('CreateInstanceProfile', { InstanceProfileName: 'WEB' })).toMatchObject({
      code: 'EntityAlreadyExists',
      message: 'Instance Profile WEB already exists.',
    });
    expect(await h.fail('GetInstanceProfile', { InstanceProfileName: 'Nope' })).toMatchObject({
      code: 'NoSuchEntity',
      message: 'Instance Profile Nope cannot be found.',
    });
  });

  it('stops at 1,000 instance profiles per account', async () => {
    await h.store.transaction(ACCOUNT, async (tx) => {
      for (let i = 0; i < 1000; i++) {
        const data: InstanceProfileData = { path: '/', arn: `arn:aws:iam::${ACCOUNT}:instance-profile/p${i}`, createDate: '2024-01-01T00:00:00Z', tags: [] };
        await tx.insert({ account: ACCOUNT, kind: KIND.instanceProfile, id: newId('instanceProfile'), scope: '', name: `p${i}`, data });
      }
    });
    await h.state.catchUp();
    expect(await h.fail('CreateInstanceProfile', { InstanceProfileName: 'extra' })).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for InstanceProfilesPerAccount: 1000',
    });
  });
});

describe('roles in instance profiles', () => {
  beforeEach(async () => {
    await h.call('CreateInstanceProfile', { InstanceProfileName: 'P' });
    await h.call('CreateRole', { RoleName: 'R', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 't', Value: '1' }] });
    await h.call('CreateRole', { RoleName: 'S', AssumeRolePolicyDocument: TRUST });
  });

  it('holds one role, shown in full Role shape without tags', async () => {
    await h.call('AddRoleToInstanceProfile', { InstanceProfileName: 'P', RoleName: 'R' });
    const roles = (await profileOf('P')).Roles as Record<string, unknown>[];
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({ RoleName: 'R', Arn: `arn:aws:iam::${ACCOUNT}:role/R`, AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 3600 });
    expect(roles[0]).not.toHaveProperty('Tags');
    for (const role of ['S', 'R']) {
      expect(await h.fail('AddRoleToInstanceProfile', { InstanceProfileName: 'P', RoleName: role })).toMatchObject({
        code: 'LimitExceeded',
        message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
      });
    }
  });

  it('refuses to delete a profile while a role is in it', async () => {
    await h.call('AddRoleToInstanceProfile', { InstanceProfileName: 'P', RoleName: 'R' });
    expect(await h.fail('DeleteInstanceProfile', { InstanceProfileName: 'P' })).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must remove roles from instance profile first.',
    });
    await h.call('RemoveRoleFromInstanceProfile', { InstanceProfileName: 'P', RoleName: 'R' });
    expect((await profileOf('P')).Roles).toEqual([]);
    await h.call('DeleteInstanceProfile', { InstanceProfileName: 'P' });
    expect((await h.fail('GetInstanceProfile', { InstanceProfileName: 'P' })).code).toBe('NoSuchEntity');
  });

  it('RemoveRoleFromInstanceProfile of a role not in it is NoSuchEntity', async () => {
    expect((await h.fail('RemoveRoleFromInstanceProfile', { InstanceProfileName: 'P', RoleName: 'R' })).code).toBe('NoSuchEntity');
    expect((await h.fail('AddRoleToInstanceProfile', { InstanceProfileName: 'P', RoleName: 'Ghost' })).code).toBe('NoSuchEntity');
  });

  it('ListInstanceProfilesForRole lists the profiles holding the role, paged', async () => {
    await h.call('CreateInstanceProfile', { InstanceProfileName: 'Q' });
    await h.call('CreateInstanceProfile', { InstanceProfileName: 'Other' });
    await h.call('AddRoleToInstanceProfile', { InstanceProfileName: 'Q', RoleName: 'R' });
    await h.call('AddRoleToInstanceProfile', { InstanceProfileName: 'P', RoleName: 'R' });
    await h.call('AddRoleToInstanceProfile', { InstanceProfileName: 'Other', RoleName: 'S' });
    const first = await h.call('ListInstanceProfilesForRole', { RoleName: 'R', MaxItems: 1 });
    expect((first.InstanceProfiles as { InstanceProfileName: string }[]).map((p) => p.InstanceProfileName)).toEqual(['P']);
    expect(first.IsTruncated).toBe(true);
    const second = await h.call('ListInstanceProfilesForRole', { RoleName: 'R', Marker: first.Marker });
    expect((second.InstanceProfiles as { InstanceProfileName: string }[]).map((p) => p.InstanceProfileName)).toEqual(['Q']);
    expect(second.IsTruncated).toBe(false);
  });

  it('refuses service-linked roles', async () => {
    const slr = (await h.call('CreateServiceLinkedRole', { AWSServiceName: 'autoscaling.amazonaws.com' })).Role as { RoleName: string };
    expect((await h.fail('AddRoleToInstanceProfile', { InstanceProfileName: 'P', RoleName: slr.RoleName })).code).toBe('UnmodifiableEntity');
  });
});

describe('ListInstanceProfiles and tags', () => {
  it('filters by PathPrefix, pages, and leaves out Tags', async () => {
    await h.call('CreateInstanceProfile', { InstanceProfileName: 'a', Path: '/x/', Tags: [{ Key: 'k', Value: 'v' }] });
    await h.call('CreateInstanceProfile', { InstanceProfileName: 'b', Path: '/x/' });
    await h.call('CreateInstanceProfile', { InstanceProfileName: 'c', Path: '/y/' });
    const first = await h.call('ListInstanceProfiles', { PathPrefix: '/x/', MaxItems: 1 });
    const listed = first.InstanceProfiles as Record<string, unknown>[];
    expect(listed.map((p) => p.InstanceProfileName)).toEqual(['a']);
    expect(listed[0]).not.toHaveProperty('Tags');
    expect(listed[0]).toHaveProperty('Roles', []);
    const second = await h.call('ListInstanceProfiles', { PathPrefix: '/x/', Marker: first.Marker });
    expect((second.InstanceProfiles as Record<string, unknown>[]).map((p) => p.InstanceProfileName)).toEqual(['b']);
  });

  it('tags, untags and lists tags', async () => {
    await h.call('CreateInstanceProfile', { InstanceProfileName: 'P' });
    await h.call('TagInstanceProfile', { InstanceProfileName: 'P', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });
    await h.call('UntagInstanceProfile', { InstanceProfileName: 'P', TagKeys: ['a'] });
    expect(await h.call('ListInstanceProfileTags', { InstanceProfileName: 'P' })).toEqual({ Tags: [{ Key: 'b', Value: '2' }], IsTruncated: false });
    expect((await profileOf('P')).Tags).toEqual([{ Key: 'b', Value: '2' }]);
  });
});

describe('authorization', () => {
  it('denies without permission, and AddRoleToInstanceProfile also needs iam:PassRole on the role', async () => {
    await h.call('CreateInstanceProfile', { InstanceProfileName: 'P' });
    await h.call('CreateRole', { RoleName: 'R', AssumeRolePolicyDocument: TRUST });
    await h.call('CreateUser', { UserName: 'dan' });
    const dan = h.userCaller('dan');
    const profileArn = `arn:aws:iam::${ACCOUNT}:instance-profile/P`;
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/R`;
    const userArn = `arn:aws:iam::${ACCOUNT}:user/dan`;
    expect(await h.fail('GetInstanceProfile', { InstanceProfileName: 'P' }, dan)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: ${userArn} is not authorized to perform: iam:GetInstanceProfile on resource: ${profileArn} because no identity-based policy allows the iam:GetInstanceProfile action`),
    });
    const grant = (actions: string[]) =>
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
    await h.call('PutUserPolicy', { UserName: 'dan', PolicyName: 'p', PolicyDocument: grant(['iam:GetInstanceProfile', 'iam:AddRoleToInstanceProfile']) });
    expect((await h.call('GetInstanceProfile', { InstanceProfileName: 'P' }, dan)).InstanceProfile).toMatchObject({ InstanceProfileName: 'P' });
    expect(await h.fail('AddRoleToInstanceProfile', { InstanceProfileName: 'P', RoleName: 'R' }, dan)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: ${userArn} is not authorized to perform: iam:PassRole on resource: ${roleArn} because no identity-based policy allows the iam:PassRole action`),
    });
    await h.call('PutUserPolicy', { UserName: 'dan', PolicyName: 'p', PolicyDocument: grant(['iam:GetInstanceProfile', 'iam:AddRoleToInstanceProfile', 'iam:PassRole']) });
    await h.call('AddRoleToInstanceProfile', { InstanceProfileName: 'P', RoleName: 'R' }, dan);
  });
});
