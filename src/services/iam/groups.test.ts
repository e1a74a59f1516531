// Groups and membership against a real store and authorizer: shapes, paths, quotas, conflicts, pagination
// and authorization.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../domain/index.js';
import { KIND } from './records.js';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';

const allow = (action: string, resource = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

describe('CreateGroup, GetGroup, ListGroups', () => {
  it('returns the Group shape with an AGPA id and a path-qualified ARN', async () => {
    const group = (await h.call('CreateGroup', { GroupName: 'Devs', Path: '/eng/' })).Group as Record<string, unknown>;
    expect(group).toMatchObject({ Path: '/eng/', GroupName: 'Devs', Arn: `arn:aws:iam::${ACCOUNT}:group/eng/Devs` });
    expect(group.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
    expect(group.CreateDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const got = await h.call('GetGroup', { GroupName: 'devs' });
    expect(got).toEqual({ Group: group, Users: [], IsTruncated: false });
  });

  it('names are unique without regard to case', async () => {
    await h.call('CreateGroup', { GroupName: 'Admins' });
    const error = await h.fail('CreateGroup', { GroupName: 'ADMINS' });
    expect(error).toMatchObject({ code: 'EntityAlreadyExists', message: 'Group with name ADMINS already exists.' });
  });

  it('answers NoSuchEntity with AWS text for an unknown group', async () => {
    expect(await h.fail('GetGroup', { GroupName: 'Ghost' })).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The group with name Ghost cannot be found.',
    });
  });

  it('enforces the 300-group quota', async () => {
    await h.store.transaction(ACCOUNT, async (tx) => {
      for (let i = 0; i < 300; i++) {
        await tx.insert({ account: ACCOUNT, kind: KIND.group, id: newId('group'), scope: '', name: `g${i}`, data: { path: '/', arn: 'x', createDate: 'x' } });
      }
    });
    await h.state.catchUp();
    expect(await h.fail('CreateGroup', { GroupName: 'one-too-many' })).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for GroupsPerAccount: 300',
    });
  });

  it('lists by PathPrefix and paginates with Marker', async () => {
    for (const [name, path] of [['a', '/x/'], ['b', '/x/y/'], ['c', '/z/']] as const) await h.call('CreateGroup', { GroupName: name, Path: path });
    const names = (out: Record<string, unknown>) => (out.Groups as Array<{ GroupName: string }>).map((g) => g.GroupName);
    expect(names(await h.call('ListGroups', { PathPrefix: '/x/' }))).toEqual(['a', 'b']);
    const first = await h.call('ListGroups', { MaxItems: 2 });
    expect(names(first)).toEqual(['a', 'b']);
    expect(first.IsTruncated).toBe(true);
    const second = await h.call('ListGroups', { MaxItems: 2, Marker: first.Marker });
    expect(names(second)).toEqual(['c']);
    expect(second).not.toHaveProperty('Marker');
  });
});

describe('UpdateGroup and DeleteGroup', () => {
  it('renames and moves a group, keeping its members', async () => {
    await h.call('CreateGroup', { GroupName: 'Old' });
    await h.call('CreateUser', { UserName: 'alice' });
    await h.call('AddUserToGroup', { GroupName: 'Old', UserName: 'alice' });
    await h.call('UpdateGroup', { GroupName: 'Old', NewGroupName: 'New', NewPath: '/p/' });
    const got = await h.call('GetGroup', { GroupName: 'New' });
    expect(got.Group).toMatchObject({ GroupName: 'New', Path: '/p/', Arn: `arn:aws:iam::${ACCOUNT}:group/p/New` });
    expect((got.Users as Array<{ UserName: string }>).map((u) => u.UserName)).toEqual(['alice']);
    expect((await h.fail('GetGroup', { GroupName: 'Old' })).code).toBe('NoSuchEntity');
  });

  it('refuses a new name that another group has', async () => {
    await h.call('CreateGroup', { GroupName: 'A' });
    await h.call('CreateGroup', { GroupName: 'B' });
    expect(await h.fail('UpdateGroup', { GroupName: 'A', NewGroupName: 'b' })).toMatchObject({ code: 'EntityAlreadyExists' });
  });

  it('refuses to delete a group with members, inline policies or attached policies', async () => {
    await h.call('CreateGroup', { GroupName: 'G' });
    await h.call('CreateUser', { UserName: 'u' });
    await h.call('AddUserToGroup', { GroupName: 'G', UserName: 'u' });
    expect(await h.fail('DeleteGroup', { GroupName: 'G' })).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must remove users from group first.',
    });
    await h.call('RemoveUserFromGroup', { GroupName: 'G', UserName: 'u' });
    await h.call('PutGroupPolicy', { GroupName: 'G', PolicyName: 'p', PolicyDocument: allow('s3:*') });
    expect(await h.fail('DeleteGroup', { GroupName: 'G' })).toMatchObject({ code: 'DeleteConflict', message: 'Cannot delete entity, must delete policies first.' });
    await h.call('DeleteGroupPolicy', { GroupName: 'G', PolicyName: 'p' });
    await h.call('AttachGroupPolicy', { GroupName: 'G', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(await h.fail('DeleteGroup', { GroupName: 'G' })).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must detach all policies first.',
    });
    await h.call('DetachGroupPolicy', { GroupName: 'G', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    await h.call('DeleteGroup', { GroupName: 'G' });
    expect((await h.call('ListGroups')).Groups).toEqual([]);
  });
});

describe('membership', () => {
  it('adds idempotently, lists both ways, paginates members and removes', async () => {
    await h.call('CreateGroup', { GroupName: 'G' });
    await h.call('CreateGroup', { GroupName: 'H' });
    for (const name of ['carol', 'alice', 'bob']) {
      await h.call('CreateUser', { UserName: name });
      await h.call('AddUserToGroup', { GroupName: 'G', UserName: name });
    }
    await h.call('AddUserToGroup', { GroupName: 'G', UserName: 'ALICE' });
    await h.call('AddUserToGroup', { GroupName: 'H', UserName: 'alice' });

    const page = await h.call('GetGroup', { GroupName: 'G', MaxItems: 2 });
    expect((page.Users as Array<{ UserName: string }>).map((u) => u.UserName)).toEqual(['alice', 'bob']);
    expect(page.IsTruncated).toBe(true);
    const rest = await h.call('GetGroup', { GroupName: 'G', Marker: page.Marker });
    expect((rest.Users as Array<{ UserName: string }>).map((u) => u.UserName)).toEqual(['carol']);

    const groups = await h.call('ListGroupsForUser', { UserName: 'alice' });
    expect((groups.Groups as Array<{ GroupName: string }>).map((g) => g.GroupName)).toEqual(['G', 'H']);

    await h.call('RemoveUserFromGroup', { GroupName: 'G', UserName: 'alice' });
    expect(await h.fail('RemoveUserFromGroup', { GroupName: 'G', UserName: 'alice' })).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The user with name alice cannot be found.',
    });
    expect((await h.call('ListGroupsForUser', { UserName: 'alice' })).Groups).toHaveLength(1);
  });

  it('limits a user to 10 groups', async () => {
    await h.call('CreateUser', { UserName: 'u' });
    for (let i = 0; i < 10; i++) {
      await h.call('CreateGroup', { GroupName: `g${i}` });
      await h.call('AddUserToGroup', { GroupName: `g${i}`, UserName: 'u' });
    }
    await h.call('CreateGroup', { GroupName: 'eleventh' });
    expect(await h.fail('AddUserToGroup', { GroupName: 'eleventh', UserName: 'u' })).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for GroupsPerUser: 10',
    });
    // Re-adding to a group the user is in is still fine at the limit.
    await h.call('AddUserToGroup', { GroupName: 'g0', UserName: 'u' });
  });

  it('blocks DeleteUser while the user is a member', async () => {
    await h.call('CreateGroup', { GroupName: 'G' });
    await h.call('CreateUser', { UserName: 'u' });
    await h.call('AddUserToGroup', { GroupName: 'G', UserName: 'u' });
    expect((await h.fail('DeleteUser', { UserName: 'u' })).code).toBe('DeleteConflict');
  });

  it("grants members the group's policies", async () => {
    await h.call('CreateGroup', { GroupName: 'Readers' });
    await h.call('CreateUser', { UserName: 'u' });
    const u = h.userCaller('u');
    expect((await h.fail('ListGroups', {}, u)).code).toBe('AccessDenied');
    await h.call('PutGroupPolicy', { GroupName: 'Readers', PolicyName: 'list', PolicyDocument: allow('iam:ListGroups') });
    await h.call('AddUserToGroup', { GroupName: 'Readers', UserName: 'u' });
    expect((await h.call('ListGroups', {}, u)).Groups).toHaveLength(1);
  });
});

describe('authorization', () => {
  it('denies with AWS text, then allows after an identity policy grants the action', async () => {
    await h.call('CreateUser', { UserName: 'dev' });
    const dev = h.userCaller('dev');
    const arn = `arn:aws:iam::${ACCOUNT}:group/Team`;
    expect(await h.fail('CreateGroup', { GroupName: 'Team' }, dev)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: ${dev.kind === 'user' ? dev.arn : ''} is not authorized to perform: iam:CreateGroup on resource: ${arn} because no identity-based policy allows the iam:CreateGroup action`),
    });
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'groups', PolicyDocument: allow('iam:CreateGroup', arn) });
    expect((await h.call('CreateGroup', { GroupName: 'Team' }, dev)).Group).toMatchObject({ GroupName: 'Team' });
    // The grant names one group ARN: another is still denied.
    expect((await h.fail('CreateGroup', { GroupName: 'Other' }, dev)).code).toBe('AccessDenied');
  });
});
