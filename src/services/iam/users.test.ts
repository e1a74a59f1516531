// UpdateUser against a real store and authorizer: renames and moves (§6.3), permission on the old and the new
// name, name clashes, and what follows the user (access keys, the ARN that policies name); user tags.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, allow, createHarness, type Harness } from './test-support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const arn = (path: string) => `arn:aws:iam::${ACCOUNT}:user${path}`;

describe('UpdateUser', () => {
  it('renames and moves a user, keeping its id; its access keys answer with the new name', async () => {
    const created = (await h.call('CreateUser', { UserName: 'alice' })).User as { UserId: string };
    const key = ((await h.call('CreateAccessKey', { UserName: 'alice' })).AccessKey as { AccessKeyId: string }).AccessKeyId;
    await h.call('UpdateUser', { UserName: 'alice', NewUserName: 'alicia', NewPath: '/ops/' });
    expect((await h.call('GetUser', { UserName: 'alicia' })).User).toMatchObject({ UserId: created.UserId, Path: '/ops/', Arn: arn('/ops/alicia') });
    expect((await h.fail('GetUser', { UserName: 'alice' })).code).toBe('NoSuchEntity');
    expect((await h.call('ListAccessKeys', { UserName: 'alicia' })).AccessKeyMetadata).toEqual([expect.objectContaining({ UserName: 'alicia', AccessKeyId: key })]);
    expect((await h.call('GetAccessKeyLastUsed', { AccessKeyId: key })).UserName).toBe('alicia');
  });

  it('refuses a name another user has, in any case', async () => {
    await h.call('CreateUser', { UserName: 'alice' });
    await h.call('CreateUser', { UserName: 'bob' });
    expect(await h.fail('UpdateUser', { UserName: 'alice', NewUserName: 'BOB' })).toMatchObject({ code: 'EntityAlreadyExists', message: 'User with name BOB already exists.' });
  });

  it('needs iam:UpdateUser on the user under its old and its new name', async () => {
    await h.call('CreateUser', { UserName: 'admin' });
    await h.call('CreateUser', { UserName: 'carol' });
    const admin = h.userCaller('admin');
    await h.call('PutUserPolicy', { UserName: 'admin', PolicyName: 'old-only', PolicyDocument: allow('iam:UpdateUser', arn('/carol')) });
    const denied = await h.fail('UpdateUser', { UserName: 'carol', NewUserName: 'caroline' }, admin);
    expect(denied.code).toBe('AccessDenied');
    expect(denied.message).toContain(`on resource: ${arn('/caroline')}`);
    const both = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:UpdateUser', Resource: [arn('/carol'), arn('/caroline')] }] });
    await h.call('PutUserPolicy', { UserName: 'admin', PolicyName: 'old-only', PolicyDocument: both });
    await h.call('UpdateUser', { UserName: 'carol', NewUserName: 'caroline' }, admin);
    expect((await h.call('GetUser', { UserName: 'caroline' })).User).toMatchObject({ Arn: arn('/caroline') });
  });
});

describe('user tags', () => {
  it('tags, lists and untags a user', async () => {
    await h.call('CreateUser', { UserName: 'dave', Tags: [{ Key: 'team', Value: 'a' }] });
    await h.call('TagUser', { UserName: 'dave', Tags: [{ Key: 'cost', Value: '42' }] });
    expect((await h.call('ListUserTags', { UserName: 'dave' })).Tags).toEqual([{ Key: 'team', Value: 'a' }, { Key: 'cost', Value: '42' }]);
    await h.call('UntagUser', { UserName: 'dave', TagKeys: ['team'] });
    expect((await h.call('ListUserTags', { UserName: 'dave' })).Tags).toEqual([{ Key: 'cost', Value: '42' }]);
  });
});
