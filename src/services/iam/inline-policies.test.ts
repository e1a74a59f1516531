// Inline policies against a real store and authorizer: put/get/list/delete on users, groups and roles, the
// aggregate size quotas, document validation, protected roles and authorization.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allow, ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** A valid document of exactly `size` non-whitespace characters. */
const sized = (size: number): string => {
  const base = allow('s3:');
  const doc = allow(`s3:${'A'.repeat(size - base.length)}`);
  expect(doc.length).toBe(size);
  return doc;
};

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
  { type: 'user', label: 'User', member: 'UserName', name: 'u', limit: 2048 },
  { type: 'group', label: 'Group', member: 'GroupName', name: 'g', limit: 5120 },
  { type: 'role', label: 'Role', member: 'RoleName', name: 'r', limit: 10240 },
] as const;

describe.each(OWNERS)('$label inline policies', ({ type, label, member, name, limit }) => {
  it('puts, gets (the stored text), lists, replaces and deletes', async () => {
    const doc = `{ "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}] }`;
    await h.call(`Put${label}Policy`, { [member]: name, PolicyName: 'b', PolicyDocument: doc });
    await h.call(`Put${label}Policy`, { [member]: name, PolicyName: 'a', PolicyDocument: allow('s3:*') });
    expect(await h.call(`Get${label}Policy`, { [member]: name.toUpperCase(), PolicyName: 'b' })).toEqual({
      [member]: name,
      PolicyName: 'b',
      PolicyDocument: doc,
    });
    expect(await h.call(`List${label}Policies`, { [member]: name })).toEqual({ PolicyNames: ['a', 'b'], IsTruncated: false });
    const page = await h.call(`List${label}Policies`, { [member]: name, MaxItems: 1 });
    expect(page).toMatchObject({ PolicyNames: ['a'], IsTruncated: true });
    expect((await h.call(`List${label}Policies`, { [member]: name, Marker: page.Marker })).PolicyNames).toEqual(['b']);

    await h.call(`Put${label}Policy`, { [member]: name, PolicyName: 'b', PolicyDocument: allow('s3:PutObject') });
    expect((await h.call(`Get${label}Policy`, { [member]: name, PolicyName: 'b' })).PolicyDocument).toBe(allow('s3:PutObject'));

    await h.call(`Delete${label}Policy`, { [member]: name, PolicyName: 'b' });
    const message = `The ${type} policy with name b cannot be found.`;
    expect(await h.fail(`Get${label}Policy`, { [member]: name, PolicyName: 'b' })).toMatchObject({ code: 'NoSuchEntity', message });
    expect(await h.fail(`Delete${label}Policy`, { [member]: name, PolicyName: 'b' })).toMatchObject({ code: 'NoSuchEntity', message });
  });

  it(`limits the sum of a ${type}'s inline policies to ${limit} characters, whitespace excluded`, async () => {
    const half = Math.floor(limit / 2);
    await h.call(`Put${label}Policy`, { [member]: name, PolicyName: 'one', PolicyDocument: sized(half) });
    await h.call(`Put${label}Policy`, { [member]: name, PolicyName: 'two', PolicyDocument: sized(limit - half) });
    expect(await h.fail(`Put${label}Policy`, { [member]: name, PolicyName: 'three', PolicyDocument: allow('s3:*') })).toMatchObject({
      code: 'LimitExceeded',
      message: `Maximum policy size of ${limit} bytes exceeded for ${type} ${name}`,
    });
    // Replacing a policy counts its new size, not old plus new; whitespace is free.
    const spaced = sized(limit - half).replace('{', `{${' '.repeat(500)}`);
    await h.call(`Put${label}Policy`, { [member]: name, PolicyName: 'two', PolicyDocument: spaced });
  });

  it('rejects malformed documents', async () => {
    const error = await h.fail(`Put${label}Policy`, { [member]: name, PolicyName: 'p', PolicyDocument: '{"Statement": []' });
    expect(error.code).toBe('MalformedPolicyDocument');
    const withPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] });
    expect((await h.fail(`Put${label}Policy`, { [member]: name, PolicyName: 'p', PolicyDocument: withPrincipal })).code).toBe('MalformedPolicyDocument');
  });

  it('answers NoSuchEntity for a missing owner', async () => {
    expect((await h.fail(`Put${label}Policy`, { [member]: 'ghost', PolicyName: 'p', PolicyDocument: allow('s3:*') })).code).toBe('NoSuchEntity');
  });
});

describe('inline policies and other operations', () => {
  it('block DeleteUser and DeleteRole until deleted', async () => {
    await h.call('PutUserPolicy', { UserName: 'u', PolicyName: 'p', PolicyDocument: allow('s3:*') });
    expect(await h.fail('DeleteUser', { UserName: 'u' })).toMatchObject({ code: 'DeleteConflict', message: 'Cannot delete entity, must delete policies first.' });
    await h.call('PutRolePolicy', { RoleName: 'r', PolicyName: 'p', PolicyDocument: allow('s3:*') });
    expect((await h.fail('DeleteRole', { RoleName: 'r' })).code).toBe('DeleteConflict');
  });

  it('grant what they allow to the user', async () => {
    const u = h.userCaller('u');
    expect((await h.fail('ListRoles', {}, u)).code).toBe('AccessDenied');
    await h.call('PutUserPolicy', { UserName: 'u', PolicyName: 'p', PolicyDocument: allow('iam:ListRoles') });
    await h.call('ListRoles', {}, u);
    await h.call('DeleteUserPolicy', { UserName: 'u', PolicyName: 'p' });
    expect((await h.fail('ListRoles', {}, u)).code).toBe('AccessDenied');
  });

  it('cannot change a service-linked role', async () => {
    await h.call('CreateServiceLinkedRole', { AWSServiceName: 'elasticbeanstalk.amazonaws.com' });
    const role = ((await h.call('ListRoles', { PathPrefix: '/aws-service-role/' })).Roles as Array<{ RoleName: string }>)[0]!;
    const error = await h.fail('PutRolePolicy', { RoleName: role.RoleName, PolicyName: 'p', PolicyDocument: allow('s3:*') });
    expect(error.code).toBe('UnmodifiableEntity');
  });
});

describe('authorization', () => {
  it('denies with AWS text, then allows after an identity policy grants the action', async () => {
    await h.call('CreateUser', { UserName: 'dev' });
    const dev = h.userCaller('dev');
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/r`;
    expect(await h.fail('PutRolePolicy', { RoleName: 'r', PolicyName: 'p', PolicyDocument: allow('s3:*') }, dev)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: iam:PutRolePolicy on resource: ${roleArn} because no identity-based policy allows the iam:PutRolePolicy action`),
    });
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'p', PolicyDocument: allow(['iam:PutRolePolicy', 'iam:GetRolePolicy'], roleArn) });
    await h.call('PutRolePolicy', { RoleName: 'r', PolicyName: 'p', PolicyDocument: allow('s3:*') }, dev);
    expect((await h.call('GetRolePolicy', { RoleName: 'r', PolicyName: 'p' }, dev)).PolicyDocument).toBe(allow('s3:*'));
    expect((await h.fail('DeleteRolePolicy', { RoleName: 'r', PolicyName: 'p' }, dev)).code).toBe('AccessDenied');
  });
});
