// ListPoliciesGrantingServiceAccess against a real store: inline and managed policies of the entity and, for a
// user, of its groups; Action and NotAction with wildcards in the service part; Deny statements grant nothing.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, allow, createHarness, type Harness } from './test-support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const doc = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const byNamespace = (out: Record<string, unknown>) =>
  Object.fromEntries((out.PoliciesGrantingServiceAccess as Array<{ ServiceNamespace: string; Policies: unknown[] }>).map((e) => [e.ServiceNamespace, e.Policies]));

describe('ListPoliciesGrantingServiceAccess', () => {
  it('lists, per service, the user\'s and its groups\' policies that allow some action of it', async () => {
    await h.call('CreateUser', { UserName: 'alice' });
    await h.call('CreateGroup', { GroupName: 'ops' });
    await h.call('AddUserToGroup', { GroupName: 'ops', UserName: 'alice' });
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 's3-read', PolicyDocument: allow('s3:GetObject') });
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'deny-s3', PolicyDocument: doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' }) });
    await h.call('AttachUserPolicy', { UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' });
    await h.call('PutGroupPolicy', { GroupName: 'ops', PolicyName: 'all-but-iam', PolicyDocument: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) });

    const out = await h.call('ListPoliciesGrantingServiceAccess', { Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, ServiceNamespaces: ['s3', 'iam', 'ec2'] });
    expect(out.IsTruncated).toBe(false);
    expect(byNamespace(out)).toEqual({
      s3: [
        { PolicyName: 's3-read', PolicyType: 'INLINE', EntityType: 'USER', EntityName: 'alice' },
        { PolicyName: 'all-but-iam', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'ops' },
      ],
      iam: [{ PolicyName: 'IAMReadOnlyAccess', PolicyType: 'MANAGED', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }],
      ec2: [{ PolicyName: 'all-but-iam', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'ops' }],
    });
  });

  it('matches wildcards in the service part, for roles and customer managed policies', async () => {
    await h.call('CreateRole', {
      RoleName: 'app',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });
    const policy = (await h.call('CreatePolicy', { PolicyName: 'listers', PolicyDocument: allow('s?s:List*') })).Policy as { Arn: string };
    await h.call('AttachRolePolicy', { RoleName: 'app', PolicyArn: policy.Arn });
    const out = await h.call('ListPoliciesGrantingServiceAccess', { Arn: `arn:aws:iam::${ACCOUNT}:role/app`, ServiceNamespaces: ['sns', 'sqs', 'SNS', 's3'] });
    const listers = [{ PolicyName: 'listers', PolicyType: 'MANAGED', PolicyArn: policy.Arn }];
    expect(byNamespace(out)).toEqual({ sns: listers, sqs: listers, SNS: listers, s3: [] });
  });

  it('refuses ARNs that are not a user, group or role of the account, and unknown entities', async () => {
    expect((await h.fail('ListPoliciesGrantingServiceAccess', { Arn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess', ServiceNamespaces: ['s3'] })).code).toBe('InvalidInput');
    expect((await h.fail('ListPoliciesGrantingServiceAccess', { Arn: `arn:aws:iam::${ACCOUNT}:user/nobody`, ServiceNamespaces: ['s3'] })).code).toBe('NoSuchEntity');
  });

  it('lists a managed policy attached to the user and to its group once', async () => {
    await h.call('CreateUser', { UserName: 'carol' });
    await h.call('CreateGroup', { GroupName: 'readers' });
    await h.call('AddUserToGroup', { GroupName: 'readers', UserName: 'carol' });
    for (const attach of [['AttachUserPolicy', { UserName: 'carol' }], ['AttachGroupPolicy', { GroupName: 'readers' }]] as const) {
      await h.call(attach[0], { ...attach[1], PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' });
    }
    const out = await h.call('ListPoliciesGrantingServiceAccess', { Arn: `arn:aws:iam::${ACCOUNT}:user/carol`, ServiceNamespaces: ['iam'] });
    expect(byNamespace(out).iam).toEqual([{ PolicyName: 'IAMReadOnlyAccess', PolicyType: 'MANAGED', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }]);
  });

  it('authorizes with the entity\'s tags as aws:ResourceTag', async () => {
    await h.call('CreateUser', { UserName: 'auditor' });
    await h.call('CreateUser', { UserName: 'tagged', Tags: [{ Key: 'team', Value: 'a' }] });
    await h.call('CreateUser', { UserName: 'other', Tags: [{ Key: 'team', Value: 'b' }] });
    await h.call('PutUserPolicy', {
      UserName: 'auditor',
      PolicyName: 'team-a',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:ListPoliciesGrantingServiceAccess', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'a' } } }),
    });
    const auditor = h.userCaller('auditor');
    await h.call('ListPoliciesGrantingServiceAccess', { Arn: `arn:aws:iam::${ACCOUNT}:user/tagged`, ServiceNamespaces: ['s3'] }, auditor);
    expect((await h.fail('ListPoliciesGrantingServiceAccess', { Arn: `arn:aws:iam::${ACCOUNT}:user/other`, ServiceNamespaces: ['s3'] }, auditor)).code).toBe('AccessDenied');
  });

  it('needs iam:ListPoliciesGrantingServiceAccess on the entity', async () => {
    await h.call('CreateUser', { UserName: 'bob' });
    const bob = h.userCaller('bob');
    const target = `arn:aws:iam::${ACCOUNT}:user/bob`;
    expect((await h.fail('ListPoliciesGrantingServiceAccess', { Arn: target, ServiceNamespaces: ['s3'] }, bob)).code).toBe('AccessDenied');
    await h.call('PutUserPolicy', { UserName: 'bob', PolicyName: 'self', PolicyDocument: allow('iam:ListPoliciesGrantingServiceAccess', target) });
    expect(byNamespace(await h.call('ListPoliciesGrantingServiceAccess', { Arn: target, ServiceNamespaces: ['iam'] }, bob))).toEqual({
      iam: [{ PolicyName: 'self', PolicyType: 'INLINE', EntityType: 'USER', EntityName: 'bob' }],
    });
  });
});
