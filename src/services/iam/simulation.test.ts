import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';

const ARN = (path: string) => `arn:aws:iam::${ACCOUNT}:${path}`;
const OTHER = '210987654321';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

type Result = Record<string, unknown>;
const results = (out: Record<string, unknown>): Result[] => out.EvaluationResults as Result[];
const allow = (action: string, resource = '*', extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource, ...extra }] });
const deny = (action: string, resource = '*') => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: action, Resource: resource }] });

// The AWS CLI's own example (awscli/examples/iam/simulate-custom-policy.rst): a lone statement object.
const CLI_EXAMPLE =
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';
const currentTime = (value: string) => [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: [value], ContextKeyType: 'date' }];

describe('SimulateCustomPolicy', () => {
  test('allowed: the statement that allowed, with AWS’s positions (CLI example)', async () => {
    const out = await h.call('SimulateCustomPolicy', {
      PolicyInputList: [CLI_EXAMPLE],
      ActionNames: ['dynamodb:CreateBackup'],
      ContextEntries: currentTime('2019-04-25T11:00:00Z'),
    });
    expect(out.IsTruncated).toBe(false);
    expect(results(out)).toEqual([
      {
        EvalActionName: 'dynamodb:CreateBackup',
        EvalResourceName: '*',
        EvalDecision: 'allowed',
        MatchedStatements: [
          { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 167 } },
        ],
        MissingContextValues: [],
        OrganizationsDecisionDetail: { AllowedByOrganizations: true },
      },
    ]);
  });

  test('implicitDeny when the condition fails; the key is missing when not given (spelled as in the policy)', async () => {
    const early = await h.call('SimulateCustomPolicy', {
      PolicyInputList: [CLI_EXAMPLE],
      ActionNames: ['dynamodb:CreateBackup'],
      ContextEntries: currentTime('2014-04-25T11:00:00Z'),
    });
    expect(results(early)[0]).toMatchObject({ EvalDecision: 'implicitDeny', MatchedStatements: [], MissingContextValues: [] });
    // The simulator derives no keys: not even aws:CurrentTime from the clock.
    const none = await h.call('SimulateCustomPolicy', { PolicyInputList: [CLI_EXAMPLE], ActionNames: ['dynamodb:CreateBackup'] });
    expect(results(none)[0]).toMatchObject({ EvalDecision: 'implicitDeny', MissingContextValues: ['aws:CurrentTime'] });
  });

  test('explicitDeny lists only the Deny statement', async () => {
    const out = await h.call('SimulateCustomPolicy', { PolicyInputList: [allow('s3:*'), deny('s3:DeleteObject')], ActionNames: ['s3:DeleteObject', 's3:GetObject'] });
    const [denied, allowed] = results(out);
    expect(denied!.EvalDecision).toBe('explicitDeny');
    expect(denied!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: 'PolicyInputList.2' })]);
    expect(allowed!.EvalDecision).toBe('allowed');
    expect(allowed!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: 'PolicyInputList.1' })]);
  });

  test('each action × resource is one result, action-major, paginated with MaxItems/Marker', async () => {
    const input = {
      PolicyInputList: [allow('s3:GetObject', 'arn:aws:s3:::b/*')],
      ActionNames: ['s3:GetObject', 's3:PutObject'],
      ResourceArns: ['arn:aws:s3:::b/1', 'arn:aws:s3:::b/2'],
    };
    const first = await h.call('SimulateCustomPolicy', { ...input, MaxItems: 3 });
    expect(first.IsTruncated).toBe(true);
    const rest = await h.call('SimulateCustomPolicy', { ...input, MaxItems: 3, Marker: first.Marker });
    expect(rest.IsTruncated).toBe(false);
    const all = [...results(first), ...results(rest)].map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]);
    expect(all).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::b/1', 'allowed'],
      ['s3:GetObject', 'arn:aws:s3:::b/2', 'allowed'],
      ['s3:PutObject', 'arn:aws:s3:::b/1', 'implicitDeny'],
      ['s3:PutObject', 'arn:aws:s3:::b/2', 'implicitDeny'],
    ]);
  });

  test('a named resource gets EvalDecisionDetails {} and ResourceSpecificResults carrying the missing keys', async () => {
    const policy = allow('s3:GetObject', 'arn:aws:s3:::b/${aws:username}');
    const out = await h.call('SimulateCustomPolicy', { PolicyInputList: [policy], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::b/alice'] });
    expect(results(out)[0]).toEqual({
      EvalActionName: 's3:GetObject',
      EvalResourceName: 'arn:aws:s3:::b/alice',
      EvalDecision: 'implicitDeny',
      MatchedStatements: [],
      MissingContextValues: [],
      OrganizationsDecisionDetail: { AllowedByOrganizations: true },
      EvalDecisionDetails: {},
      ResourceSpecificResults: [
        { EvalResourceName: 'arn:aws:s3:::b/alice', EvalResourceDecision: 'implicitDeny', MatchedStatements: [], MissingContextValues: ['aws:username'] },
      ],
    });
    const given = await h.call('SimulateCustomPolicy', {
      PolicyInputList: [policy],
      ActionNames: ['s3:GetObject'],
      ResourceArns: ['arn:aws:s3:::b/alice'],
      ContextEntries: [{ ContextKeyName: 'AWS:UserName', ContextKeyValues: ['alice'], ContextKeyType: 'string' }],
    });
    expect(results(given)[0]!.EvalDecision).toBe('allowed');
  });

  test('multivalued context entries (…List types) work with set operators', async () => {
    const policy = allow('iam:TagUser', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } } });
    const run = async (values: string[]) =>
      results(
        await h.call('SimulateCustomPolicy', {
          PolicyInputList: [policy],
          ActionNames: ['iam:TagUser'],
          ContextEntries: [{ ContextKeyName: 'aws:TagKeys', ContextKeyValues: values, ContextKeyType: 'stringList' }],
        }),
      )[0]!.EvalDecision;
    expect(await run(['team'])).toBe('allowed');
    expect(await run(['team', 'owner'])).toBe('implicitDeny');
  });

  test('a permissions boundary caps the identity policies', async () => {
    const out = await h.call('SimulateCustomPolicy', {
      PolicyInputList: [allow('s3:*')],
      PermissionsBoundaryPolicyInputList: [allow('s3:GetObject')],
      ActionNames: ['s3:GetObject', 's3:PutObject'],
    });
    const [get, put] = results(out);
    expect(get).toMatchObject({ EvalDecision: 'allowed', PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true } });
    expect(put).toMatchObject({ EvalDecision: 'implicitDeny', PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } });
  });

  // A real exchange with AWS, published with its policies (Scott Logic blog, 2025): the bucket policy is
  // minified as S3 returns it and the identity policy is Python's json.dumps output.
  describe('with a resource policy (observed AWS answers)', () => {
    const bucketPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: '*',
          Resource: ['arn:aws:s3:::tims-fancy-bucket/*', 'arn:aws:s3:::tims-fancy-bucket'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'DenyTimDelete',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:DeleteObject',
          Resource: 'arn:aws:s3:::tims-fancy-bucket/*',
          Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/tims-test-role` } },
        },
      ],
    });
    const rolePolicy =
      '{"Version": "2012-10-17", "Statement": [{"Sid": "s3", "Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject"], "Resource": ["arn:aws:s3:::tims-fancy-bucket/only-here/*"]}]}';
    const run = (secure: string) =>
      h.call('SimulateCustomPolicy', {
        PolicyInputList: [rolePolicy],
        CallerArn: ARN('user/dummy'),
        ActionNames: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        ResourceArns: ['arn:aws:s3:::tims-fancy-bucket/only-here/some-obj'],
        ResourcePolicy: bucketPolicy,
        ContextEntries: [
          { ContextKeyName: 'aws:principalarn', ContextKeyValues: [`arn:aws:iam::${ACCOUNT}:role/tims-test-role`], ContextKeyType: 'string' },
          { ContextKeyName: 'aws:SecureTransport', ContextKeyValues: [secure], ContextKeyType: 'boolean' },
        ],
      });

    test('decisions and statement positions match AWS’s', async () => {
      const [get, put, del] = results(await run('true'));
      expect(get!.EvalDecision).toBe('allowed');
      expect(get!.MatchedStatements).toEqual([
        { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 1, Column: 41 }, EndPosition: { Line: 1, Column: 180 } },
      ]);
      expect(get!.EvalDecisionDetails).toEqual({});
      expect(put!.EvalDecision).toBe('implicitDeny');
      expect(del!.EvalDecision).toBe('explicitDeny');
      expect(del!.MatchedStatements).toEqual([
        { SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'Resource Policy', StartPosition: { Line: 1, Column: 248 }, EndPosition: { Line: 1, Column: 470 } },
      ]);
    });

    test('the first statement of the resource policy starts after the "["', async () => {
      const [get] = results(await run('false'));
      expect(get!.EvalDecision).toBe('explicitDeny');
      expect(get!.MatchedStatements).toEqual([
        { SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'Resource Policy', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 248 } },
      ]);
    });
  });

  test('a same-account resource policy naming the caller grants on its own (§4.3)', async () => {
    const bucketPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: ARN('user/alice') }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    });
    const input = { PolicyInputList: [], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::b/k'], ResourcePolicy: bucketPolicy };
    const out = await h.call('SimulateCustomPolicy', { ...input, CallerArn: ARN('user/alice') });
    expect(results(out)[0]).toMatchObject({ EvalDecision: 'allowed', MatchedStatements: [expect.objectContaining({ SourcePolicyId: 'ResourcePolicy' })] });
    const other = await h.call('SimulateCustomPolicy', { ...input, CallerArn: ARN('user/bob') });
    expect(results(other)[0]!.EvalDecision).toBe('implicitDeny');
  });

  test('cross-account (ResourceOwner): both sides must allow, and EvalDecisionDetails says which did (§4.4)', async () => {
    const bucketPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: ARN('user/alice') }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    });
    const input = {
      ActionNames: ['s3:GetObject'],
      ResourceArns: ['arn:aws:s3:::b/k'],
      ResourcePolicy: bucketPolicy,
      ResourceOwner: `arn:aws:iam::${OTHER}:root`,
      CallerArn: ARN('user/alice'),
    };
    const alone = results(await h.call('SimulateCustomPolicy', { ...input, PolicyInputList: [] }))[0]!;
    expect(alone.EvalDecision).toBe('implicitDeny');
    expect(alone.EvalDecisionDetails).toEqual({ 'IAM Policy': 'implicitDeny', 'Resource Policy': 'allowed' });
    const both = results(await h.call('SimulateCustomPolicy', { ...input, PolicyInputList: [allow('s3:GetObject')] }))[0]!;
    expect(both.EvalDecision).toBe('allowed');
    expect(both.EvalDecisionDetails).toEqual({ 'IAM Policy': 'allowed', 'Resource Policy': 'allowed' });
    expect((both.ResourceSpecificResults as Result[])[0]!.EvalDecisionDetails).toEqual(both.EvalDecisionDetails);
  });

  test('a trust policy as the resource policy of sts:AssumeRole on a role', async () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ARN('user/alice') }, Action: 'sts:AssumeRole' }] });
    const out = await h.call('SimulateCustomPolicy', {
      PolicyInputList: [allow('sts:AssumeRole')],
      ActionNames: ['sts:AssumeRole'],
      ResourceArns: [ARN('role/app')],
      ResourcePolicy: trust,
      CallerArn: ARN('user/alice'),
    });
    expect(results(out)[0]!.EvalDecision).toBe('allowed');
  });

  test('input mistakes are InvalidInput', async () => {
    const cases: Array<[Record<string, unknown>, string | RegExp]> = [
      [{ PolicyInputList: ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}'], ActionNames: ['s3:GetObject'] }, 'Missing required field Action'],
      [{ PolicyInputList: ['not json'], ActionNames: ['s3:GetObject'] }, /^Syntax errors in policy/],
      [{ PolicyInputList: [], ActionNames: ['GetObject'] }, /Invalid action name GetObject/],
      [{ PolicyInputList: [], PermissionsBoundaryPolicyInputList: [allow('*'), allow('*')], ActionNames: ['s3:GetObject'] }, /Only one permissions boundary/],
      [{ PolicyInputList: [], ActionNames: ['s3:GetObject'], ResourceHandlingOption: 'EC2-Nope' }, /ResourceHandlingOption/],
      [{ PolicyInputList: [], ActionNames: ['s3:GetObject'], CallerArn: ARN('role/app') }, 'Invalid caller - Caller must be an IAM user in this context.'],
      [{ PolicyInputList: [], ActionNames: ['s3:GetObject'], CallerArn: `arn:aws:iam::${OTHER}:user/x` }, 'Invalid caller - Caller must be an IAM user in this context.'],
      [{ PolicyInputList: [], ActionNames: ['s3:GetObject'], ResourcePolicy: allow('s3:*') }, 'Invalid caller - Caller must be an IAM user in this context.'],
      [{ PolicyInputList: [], ActionNames: ['s3:GetObject'], ResourceOwner: 'me' }, /Invalid ResourceOwner/],
      [{ PolicyInputList: [], ActionNames: ['s3:GetObject'], ContextEntries: [{ ContextKeyValues: ['x'] }] }, /ContextKeyName/],
    ];
    for (const [input, message] of cases) {
      const error = await h.fail('SimulateCustomPolicy', input);
      expect(error.code).toBe('InvalidInput');
      if (typeof message === 'string') expect(error.message).toBe(message);
      else expect(error.message).toMatch(message);
    }
    await h.call('SimulateCustomPolicy', { PolicyInputList: [], ActionNames: ['ec2:RunInstances'], ResourceHandlingOption: 'EC2-VPC-EBS' });
  });
});

describe('SimulatePrincipalPolicy', () => {
  const putPolicy = (kind: 'User' | 'Group' | 'Role', owner: string, name: string, document: string) =>
    h.call(`Put${kind}Policy`, { [`${kind}Name`]: owner, PolicyName: name, PolicyDocument: document });

  beforeEach(async () => {
    await h.call('CreateUser', { UserName: 'alice' });
  });

  test('uses the user’s inline, attached and group policies, named as AWS names them', async () => {
    await putPolicy('User', 'alice', 'own', allow('s3:GetObject'));
    await h.call('CreateGroup', { GroupName: 'devs' });
    await h.call('AddUserToGroup', { GroupName: 'devs', UserName: 'alice' });
    await putPolicy('Group', 'devs', 'team', allow('s3:PutObject'));
    // The AWS CLI's example policy, pretty-printed with four spaces: AWS reports lines 3–9.
    const pretty = JSON.stringify(
      { Version: '2012-10-17', Statement: [{ Sid: 'GrantListRepositories', Effect: 'Allow', Action: 'codecommit:ListRepositories', Resource: '*' }] },
      null,
      4,
    );
    await h.call('CreatePolicy', { PolicyName: 'Grant-Access-To-CodeCommit-ListRepo', PolicyDocument: pretty });
    await h.call('AttachUserPolicy', { UserName: 'alice', PolicyArn: ARN('policy/Grant-Access-To-CodeCommit-ListRepo') });
    const out = await h.call('SimulatePrincipalPolicy', {
      PolicySourceArn: ARN('user/alice'),
      ActionNames: ['s3:GetObject', 's3:PutObject', 'codecommit:ListRepositories', 's3:DeleteObject'],
    });
    const [get, put, list, del] = results(out);
    expect(get!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: 'user_alice_own', SourcePolicyType: 'IAM Policy' })]);
    expect(put!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: 'group_devs_team' })]);
    expect(list!.MatchedStatements).toEqual([
      { SourcePolicyId: 'Grant-Access-To-CodeCommit-ListRepo', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 3, Column: 19 }, EndPosition: { Line: 9, Column: 10 } },
    ]);
    expect(del!.EvalDecision).toBe('implicitDeny');
  });

  test('AWS managed policies larger than the saved-policy quota still count (ReadOnlyAccess)', async () => {
    await h.call('AttachUserPolicy', { UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    const out = await h.call('SimulatePrincipalPolicy', { PolicySourceArn: ARN('user/alice'), ActionNames: ['s3:GetObject', 's3:PutObject'] });
    expect(results(out).map((r) => r.EvalDecision)).toEqual(['allowed', 'implicitDeny']);
    expect(results(out)[0]!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: 'ReadOnlyAccess' })]);
  });

  test('PolicyInputList adds to the entity’s policies; an explicit deny wins', async () => {
    await putPolicy('User', 'alice', 'all', allow('s3:*'));
    const out = await h.call('SimulatePrincipalPolicy', {
      PolicySourceArn: ARN('user/alice'),
      PolicyInputList: [deny('s3:DeleteObject')],
      ActionNames: ['s3:DeleteObject'],
    });
    expect(results(out)[0]).toMatchObject({ EvalDecision: 'explicitDeny', MatchedStatements: [expect.objectContaining({ SourcePolicyId: 'PolicyInputList.1' })] });
  });

  test('the attached boundary applies; one given in the request replaces it', async () => {
    await putPolicy('User', 'alice', 'all', allow('s3:*'));
    await h.call('CreatePolicy', { PolicyName: 'only-get', PolicyDocument: allow('s3:GetObject') });
    await h.call('PutUserPermissionsBoundary', { UserName: 'alice', PermissionsBoundary: ARN('policy/only-get') });
    const attached = results(await h.call('SimulatePrincipalPolicy', { PolicySourceArn: ARN('user/alice'), ActionNames: ['s3:PutObject'] }))[0]!;
    expect(attached).toMatchObject({ EvalDecision: 'implicitDeny', PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } });
    const replaced = await h.call('SimulatePrincipalPolicy', {
      PolicySourceArn: ARN('user/alice'),
      PermissionsBoundaryPolicyInputList: [allow('s3:PutObject')],
      ActionNames: ['s3:PutObject'],
    });
    expect(results(replaced)[0]).toMatchObject({ EvalDecision: 'allowed', PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true } });
  });

  test('a role: its policies; a resource policy then needs a CallerArn', async () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await h.call('CreateRole', { RoleName: 'app', Path: '/svc/', AssumeRolePolicyDocument: trust });
    await putPolicy('Role', 'app', 'read', allow('s3:GetObject'));
    const out = await h.call('SimulatePrincipalPolicy', { PolicySourceArn: ARN('role/svc/app'), ActionNames: ['s3:GetObject'] });
    expect(results(out)[0]!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: 'role_app_read' })]);
    const bucketPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] });
    const error = await h.fail('SimulatePrincipalPolicy', { PolicySourceArn: ARN('role/svc/app'), ActionNames: ['s3:GetObject'], ResourcePolicy: bucketPolicy });
    expect(error.message).toBe('Invalid caller - Caller must be an IAM user in this context.');
    await h.call('SimulatePrincipalPolicy', {
      PolicySourceArn: ARN('role/svc/app'),
      ActionNames: ['s3:GetObject'],
      ResourcePolicy: bucketPolicy,
      CallerArn: ARN('user/alice'),
    });
  });

  test('an unknown or mis-pathed source is NoSuchEntity; other ARNs are InvalidInput', async () => {
    const missing = await h.fail('SimulatePrincipalPolicy', { PolicySourceArn: ARN('user/nobody'), ActionNames: ['s3:GetObject'] });
    expect(missing.code).toBe('NoSuchEntity');
    expect(missing.message).toBe('The user with name nobody cannot be found.');
    const path = await h.fail('SimulatePrincipalPolicy', { PolicySourceArn: ARN('user/team/alice'), ActionNames: ['s3:GetObject'] });
    expect(path.code).toBe('NoSuchEntity');
    const policy = await h.fail('SimulatePrincipalPolicy', { PolicySourceArn: ARN('policy/x'), ActionNames: ['s3:GetObject'] });
    expect(policy.code).toBe('InvalidInput');
  });
});

describe('GetContextKeysFor*Policy', () => {
  test('custom: the keys as written, Resource variables before conditions (CLI example)', async () => {
    const policy =
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}';
    expect(await h.call('GetContextKeysForCustomPolicy', { PolicyInputList: [policy] })).toEqual({ ContextKeyNames: ['aws:username', 'aws:CurrentTime'] });
  });

  test('custom: each key once, compared case-insensitively, first spelling kept, across policies', async () => {
    const a = allow('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/Team': '${aws:PrincipalTag/team}', 's3:prefix': 'x' } } });
    const b = allow('s3:*', '*', { Condition: { Bool: { 'AWS:SecureTransport': 'true' }, StringLike: { 's3:Prefix': 'y' } } });
    const out = await h.call('GetContextKeysForCustomPolicy', { PolicyInputList: [a, b] });
    expect(out.ContextKeyNames).toEqual(['aws:PrincipalTag/Team', 's3:prefix', 'AWS:SecureTransport']);
  });

  test('custom: variables are not keys in 2008-10-17 policies; a document that does not parse is InvalidInput', async () => {
    const old = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/${aws:username}' }] });
    expect((await h.call('GetContextKeysForCustomPolicy', { PolicyInputList: [old] })).ContextKeyNames).toEqual([]);
    expect((await h.fail('GetContextKeysForCustomPolicy', { PolicyInputList: ['{'] })).code).toBe('InvalidInput');
  });

  test('principal: the user’s, its groups’ and its boundary’s keys, then the input list’s', async () => {
    await h.call('CreateUser', { UserName: 'alice' });
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'p', PolicyDocument: allow('s3:*', 'arn:aws:s3:::b/${aws:username}/*') });
    await h.call('CreateGroup', { GroupName: 'devs' });
    await h.call('AddUserToGroup', { GroupName: 'devs', UserName: 'alice' });
    await h.call('PutGroupPolicy', { GroupName: 'devs', PolicyName: 'g', PolicyDocument: allow('ec2:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }) });
    await h.call('CreatePolicy', { PolicyName: 'b', PolicyDocument: allow('*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }) });
    await h.call('PutUserPermissionsBoundary', { UserName: 'alice', PermissionsBoundary: ARN('policy/b') });
    const extra = allow('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
    const out = await h.call('GetContextKeysForPrincipalPolicy', { PolicySourceArn: ARN('user/alice'), PolicyInputList: [extra] });
    expect(out.ContextKeyNames).toEqual(['aws:username', 'aws:RequestedRegion', 'aws:SourceIp', 'aws:MultiFactorAuthPresent']);
  });
});

describe('authorization', () => {
  test('each simulator operation is denied without an identity policy and allowed with one', async () => {
    await h.call('CreateUser', { UserName: 'bob' });
    const bob = h.userCaller('bob');
    const custom = { PolicyInputList: [allow('s3:*')], ActionNames: ['s3:GetObject'] };
    const principal = { PolicySourceArn: ARN('user/bob'), ActionNames: ['s3:GetObject'] };
    const denied = await h.fail('SimulateCustomPolicy', custom, bob);
    expect(denied.code).toBe('AccessDenied');
    expect(denied.message).toEqual(
      deniedWith(`User: ${ARN('user/bob')} is not authorized to perform: iam:SimulateCustomPolicy on resource: * because no identity-based policy allows the iam:SimulateCustomPolicy action`),
    );
    expect((await h.fail('SimulatePrincipalPolicy', principal, bob)).message).toEqual(
      deniedWith(`User: ${ARN('user/bob')} is not authorized to perform: iam:SimulatePrincipalPolicy on resource: ${ARN('user/bob')} because no identity-based policy allows the iam:SimulatePrincipalPolicy action`),
    );
    expect((await h.fail('GetContextKeysForCustomPolicy', { PolicyInputList: [] }, bob)).code).toBe('AccessDenied');
    expect((await h.fail('GetContextKeysForPrincipalPolicy', { PolicySourceArn: ARN('user/bob') }, bob)).code).toBe('AccessDenied');
    await h.call('PutUserPolicy', {
      UserName: 'bob',
      PolicyName: 'simulate',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['iam:SimulateCustomPolicy', 'iam:GetContextKeysForCustomPolicy'], Resource: '*' },
          { Effect: 'Allow', Action: ['iam:SimulatePrincipalPolicy', 'iam:GetContextKeysForPrincipalPolicy'], Resource: ARN('user/${aws:username}') },
        ],
      }),
    });
    expect(results(await h.call('SimulateCustomPolicy', custom, bob))[0]!.EvalDecision).toBe('allowed');
    expect(results(await h.call('SimulatePrincipalPolicy', principal, bob))[0]!.EvalDecision).toBe('implicitDeny');
    await h.call('GetContextKeysForCustomPolicy', { PolicyInputList: [] }, bob);
    await h.call('GetContextKeysForPrincipalPolicy', { PolicySourceArn: ARN('user/bob') }, bob);
    await h.call('CreateUser', { UserName: 'carol' });
    expect((await h.fail('SimulatePrincipalPolicy', { ...principal, PolicySourceArn: ARN('user/carol') }, bob)).code).toBe('AccessDenied');
  });
});
