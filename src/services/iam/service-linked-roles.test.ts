// Service-linked roles: names and paths, the service trust policy, deletion tasks and their status.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceLinkedRoleName } from './service-linked-roles.js';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

describe('serviceLinkedRoleName', () => {
  it('uses AWS names for known services and derives the rest', () => {
    expect(serviceLinkedRoleName('elasticbeanstalk.amazonaws.com')).toBe('AWSServiceRoleForElasticBeanstalk');
    expect(serviceLinkedRoleName('eks.amazonaws.com')).toBe('AWSServiceRoleForAmazonEKS');
    expect(serviceLinkedRoleName('my-new.service.amazonaws.com')).toBe('AWSServiceRoleForMyNewService');
  });
});

describe('CreateServiceLinkedRole', () => {
  it('creates the role under /aws-service-role/SERVICE/ trusted by the service', async () => {
    const role = (await h.call('CreateServiceLinkedRole', { AWSServiceName: 'elasticbeanstalk.amazonaws.com', Description: 'EB' }))
      .Role as Record<string, unknown>;
    expect(role).toMatchObject({
      Path: '/aws-service-role/elasticbeanstalk.amazonaws.com/',
      RoleName: 'AWSServiceRoleForElasticBeanstalk',
      Arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`,
      Description: 'EB',
      MaxSessionDuration: 3600,
    });
    expect(role.RoleId).toMatch(/^AROA/);
    expect(JSON.parse(role.AssumeRolePolicyDocument as string)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'elasticbeanstalk.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });

  it('appends CustomSuffix, and refuses a name already taken', async () => {
    const role = (await h.call('CreateServiceLinkedRole', { AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'fleet' })).Role;
    expect(role).toMatchObject({ RoleName: 'AWSServiceRoleForAutoScaling_fleet' });
    await h.call('CreateServiceLinkedRole', { AWSServiceName: 'autoscaling.amazonaws.com' });
    expect(await h.fail('CreateServiceLinkedRole', { AWSServiceName: 'autoscaling.amazonaws.com' })).toMatchObject({
      code: 'InvalidInput',
      message: 'Service role name AWSServiceRoleForAutoScaling has been taken in this account, please try a different suffix.',
    });
  });

  it('refuses names that are no AWS service', async () => {
    expect((await h.fail('CreateServiceLinkedRole', { AWSServiceName: 'example.com' })).code).toBe('InvalidInput');
  });

  it('needs iam:CreateServiceLinkedRole, which conditions can scope with iam:AWSServiceName', async () => {
    await h.call('CreateUser', { UserName: 'eve' });
    const eve = h.userCaller('eve');
    const arn = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS`;
    expect(await h.fail('CreateServiceLinkedRole', { AWSServiceName: 'rds.amazonaws.com' }, eve)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/eve is not authorized to perform: iam:CreateServiceLinkedRole on resource: ${arn} because no identity-based policy allows the iam:CreateServiceLinkedRole action`),
    });
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: '*', Condition: { StringEquals: { 'iam:AWSServiceName': 'rds.amazonaws.com' } } },
      ],
    });
    await h.call('PutUserPolicy', { UserName: 'eve', PolicyName: 'slr', PolicyDocument: policy });
    await h.call('CreateServiceLinkedRole', { AWSServiceName: 'rds.amazonaws.com' }, eve);
    expect((await h.fail('CreateServiceLinkedRole', { AWSServiceName: 'ecs.amazonaws.com' }, eve)).code).toBe('AccessDenied');
  });
});

describe('DeleteServiceLinkedRole and GetServiceLinkedRoleDeletionStatus', () => {
  it('deletes the role and reports SUCCEEDED under a task id naming service and role', async () => {
    await h.call('CreateServiceLinkedRole', { AWSServiceName: 'lex.amazonaws.com' });
    const { DeletionTaskId } = await h.call('DeleteServiceLinkedRole', { RoleName: 'AWSServiceRoleForLexBots' });
    expect(DeletionTaskId).toMatch(/^task\/aws-service-role\/lex\.amazonaws\.com\/AWSServiceRoleForLexBots\/[0-9a-f-]{36}$/);
    expect((await h.fail('GetRole', { RoleName: 'AWSServiceRoleForLexBots' })).code).toBe('NoSuchEntity');
    expect(await h.call('GetServiceLinkedRoleDeletionStatus', { DeletionTaskId })).toEqual({ Status: 'SUCCEEDED' });
  });

  it('FAILS the task while the role is in use, keeping the role and saying what uses it', async () => {
    const role = (await h.call('CreateServiceLinkedRole', { AWSServiceName: 'lex.amazonaws.com' })).Role as { RoleName: string };
    // Seed a dependency the API would refuse on a protected role: an instance profile holding it.
    await h.call('CreateInstanceProfile', { InstanceProfileName: 'P' });
    const profile = h.state.byName(ACCOUNT, 'instance-profile', '', 'P')!;
    const roleRecord = h.state.byName(ACCOUNT, 'role', '', role.RoleName)!;
    await h.store.transaction(ACCOUNT, (tx) =>
      tx.insert({ account: ACCOUNT, kind: 'instance-profile-role', id: `${profile.id}/${roleRecord.id}`, scope: profile.id, name: roleRecord.id, data: { roleName: role.RoleName } }),
    );
    await h.state.catchUp();
    const { DeletionTaskId } = await h.call('DeleteServiceLinkedRole', { RoleName: role.RoleName });
    const status = await h.call('GetServiceLinkedRoleDeletionStatus', { DeletionTaskId });
    expect(status).toMatchObject({
      Status: 'FAILED',
      Reason: { RoleUsageList: [{ Region: 'us-east-1', Resources: [`arn:aws:iam::${ACCOUNT}:instance-profile/P`] }] },
    });
    expect((status.Reason as { Reason: string }).Reason).toContain('instance profile');
    expect((await h.call('GetRole', { RoleName: role.RoleName })).Role).toMatchObject({ RoleName: role.RoleName });
  });

  it('refuses roles that are not service-linked, unknown roles and unknown or malformed task ids', async () => {
    await h.call('CreateRole', {
      RoleName: 'Plain',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });
    expect((await h.fail('DeleteServiceLinkedRole', { RoleName: 'Plain' })).code).toBe('InvalidInput');
    expect(await h.fail('DeleteServiceLinkedRole', { RoleName: 'Ghost' })).toMatchObject({ code: 'NoSuchEntity', message: 'The role with name Ghost cannot be found.' });
    expect((await h.fail('GetServiceLinkedRoleDeletionStatus', { DeletionTaskId: 'nonsense' })).code).toBe('InvalidInput');
    const unknown = 'task/aws-service-role/lex.amazonaws.com/AWSServiceRoleForLexBots/00000000-0000-0000-0000-000000000000';
    expect((await h.fail('GetServiceLinkedRoleDeletionStatus', { DeletionTaskId: unknown })).code).toBe('NoSuchEntity');
  });
});
