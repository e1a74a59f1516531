// Managed policies against a real store and authorizer: shapes, documents, versions, quotas, conflicts,
// AWS managed policies, tags, listing and authorization.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../domain/index.js';
import { KIND } from './records.js';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';

const allow = (action: string, resource = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

const arnOf = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const createPolicy = (name: string, input: Record<string, unknown> = {}) =>
  h.call('CreatePolicy', { PolicyName: name, PolicyDocument: allow('s3:GetObject'), ...input });

describe('CreatePolicy and GetPolicy', () => {
  it('returns the Policy shape: ANPA id, v1 default, path, description and tags', async () => {
    const out = await createPolicy('Reader', { Path: '/team/', Description: 'reads', Tags: [{ Key: 'env', Value: 'prod' }] });
    const policy = out.Policy as Record<string, unknown>;
    expect(policy).toMatchObject({
      PolicyName: 'Reader',
      Arn: arnOf('Reader', '/team/'),
      Path: '/team/',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      Description: 'reads',
      Tags: [{ Key: 'env', Value: 'prod' }],
    });
    expect(policy.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(policy.UpdateDate).toBe(policy.CreateDate);
    expect((await h.call('GetPolicy', { PolicyArn: arnOf('Reader', '/team/') })).Policy).toEqual(policy);
    const version = (await h.call('GetPolicyVersion', { PolicyArn: arnOf('Reader', '/team/'), VersionId: 'v1' })).PolicyVersion;
    expect(version).toMatchObject({ Document: allow('s3:GetObject'), VersionId: 'v1', IsDefaultVersion: true });
  });

  it('refuses duplicate names (any case, any path) with AWS text', async () => {
    await createPolicy('P');
    expect(await h.fail('CreatePolicy', { PolicyName: 'p', Path: '/other/', PolicyDocument: allow('s3:*') })).toMatchObject({
      code: 'EntityAlreadyExists',
      message: 'A policy called p already exists. Duplicate names are not allowed.',
    });
  });

  it('validates the document: MalformedPolicyDocument, and LimitExceeded past 6,144 characters', async () => {
    expect((await h.fail('CreatePolicy', { PolicyName: 'Bad', PolicyDocument: '{' })).code).toBe('MalformedPolicyDocument');
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] });
    expect((await h.fail('CreatePolicy', { PolicyName: 'Bad', PolicyDocument: trust })).code).toBe('MalformedPolicyDocument');
    const actions = Array.from({ length: 400 }, (_, i) => `s3:Get${'X'.repeat(10)}${i}`);
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
    expect(await h.fail('CreatePolicy', { PolicyName: 'Big', PolicyDocument: big })).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for PolicySize: 6144',
    });
    // Whitespace does not count toward the quota.
    const padded = allow('s3:GetObject').replaceAll(',', `,${' '.repeat(3000)}`);
    expect(padded.length).toBeGreaterThan(6144);
    await h.call('CreatePolicy', { PolicyName: 'Padded', PolicyDocument: padded });
  });

  it('enforces the 1,500-policy quota', async () => {
    await h.store.transaction(ACCOUNT, async (tx) => {
      for (let i = 0; i < 1500; i++) await tx.insert({ account: ACCOUNT, kind: KIND.policy, id: newId('policy'), scope: '', name: `p${i}`, data: {} });
    });
    await h.state.catchUp();
    expect(await h.fail('CreatePolicy', { PolicyName: 'x', PolicyDocument: allow('s3:*') })).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for PoliciesPerAccount: 1500',
    });
  });

  it('answers NoSuchEntity with AWS text for an unknown ARN', async () => {
    expect(await h.fail('GetPolicy', { PolicyArn: arnOf('Ghost') })).toMatchObject({
      code: 'NoSuchEntity',
      message: `Policy ${arnOf('Ghost')} was not found.`,
    });
  });

  it('reads AWS managed policies from the catalogue, with the account’s attachment count', async () => {
    await h.call('CreateUser', { UserName: 'u' });
    await h.call('AttachUserPolicy', { UserName: 'u', PolicyArn: READ_ONLY });
    const policy = (await h.call('GetPolicy', { PolicyArn: READ_ONLY })).Policy as Record<string, unknown>;
    expect(policy).toMatchObject({ PolicyName: 'ReadOnlyAccess', Arn: READ_ONLY, Path: '/', AttachmentCount: 1, IsAttachable: true });
    expect(policy.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    const version = (await h.call('GetPolicyVersion', { PolicyArn: READ_ONLY, VersionId: policy.DefaultVersionId })).PolicyVersion as Record<string, unknown>;
    expect(version.IsDefaultVersion).toBe(true);
    expect(JSON.parse(version.Document as string).Statement).toBeDefined();
  });

  it('refuses changes to AWS managed policies', async () => {
    expect(await h.fail('DeletePolicy', { PolicyArn: READ_ONLY })).toMatchObject({
      code: 'AccessDenied',
      message: 'Cannot delete policies outside your own account.',
    });
    expect((await h.fail('CreatePolicyVersion', { PolicyArn: READ_ONLY, PolicyDocument: allow('s3:*') })).code).toBe('AccessDenied');
    expect((await h.fail('TagPolicy', { PolicyArn: READ_ONLY, Tags: [{ Key: 'k', Value: 'v' }] })).code).toBe('AccessDenied');
  });
});

describe('ListPolicies', () => {
  it('filters by Scope, PathPrefix and OnlyAttached, and paginates the AWS catalogue', async () => {
    await createPolicy('Beta', { Path: '/a/' });
    await createPolicy('alpha');
    const names = (out: Record<string, unknown>) => (out.Policies as Array<{ PolicyName: string }>).map((p) => p.PolicyName);
    const local = await h.call('ListPolicies', { Scope: 'Local' });
    expect(names(local)).toEqual(['alpha', 'Beta']);
    // Lists leave out Description and Tags, as AWS's do.
    expect((local.Policies as object[])[0]).not.toHaveProperty('Tags');
    expect(names(await h.call('ListPolicies', { Scope: 'Local', PathPrefix: '/a/' }))).toEqual(['Beta']);
    expect(names(await h.call('ListPolicies', { Scope: 'Local', OnlyAttached: true }))).toEqual([]);

    await h.call('CreateUser', { UserName: 'u', PermissionsBoundary: arnOf('alpha') });
    await h.call('AttachUserPolicy', { UserName: 'u', PolicyArn: arnOf('Beta', '/a/') });
    expect(names(await h.call('ListPolicies', { Scope: 'Local', OnlyAttached: true }))).toEqual(['Beta']);
    const boundaries = await h.call('ListPolicies', { OnlyAttached: true, PolicyUsageFilter: 'PermissionsBoundary' });
    expect(names(boundaries)).toEqual(['alpha']);
    expect((boundaries.Policies as Array<Record<string, unknown>>)[0]).toMatchObject({ PermissionsBoundaryUsageCount: 1, AttachmentCount: 0 });

    const aws = await h.call('ListPolicies', { Scope: 'AWS', MaxItems: 1000 });
    expect(aws.IsTruncated).toBe(true);
    const more = await h.call('ListPolicies', { Scope: 'AWS', MaxItems: 1000, Marker: aws.Marker });
    const total = (aws.Policies as unknown[]).length + (more.Policies as unknown[]).length;
    expect(total).toBeGreaterThan(1000);
    expect(names(aws)).toContain('AdministratorAccess');
    const all = await h.call('ListPolicies', { MaxItems: 1000 });
    expect(names(all)).toContain('alpha');
  });
});

describe('policy versions', () => {
  it('numbers versions v2, v3, … without reuse, keeps at most 5 and moves the default', async () => {
    await createPolicy('P');
    const arn = arnOf('P');
    const v2 = await h.call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: allow('s3:PutObject'), SetAsDefault: true });
    expect(v2.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true });
    expect(v2.PolicyVersion).not.toHaveProperty('Document');
    expect((await h.call('GetPolicy', { PolicyArn: arn })).Policy).toMatchObject({ DefaultVersionId: 'v2' });
    for (let i = 0; i < 3; i++) await h.call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: allow('s3:*') });
    expect(await h.fail('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: allow('s3:*') })).toMatchObject({
      code: 'LimitExceeded',
      message: 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    });
    const listed = await h.call('ListPolicyVersions', { PolicyArn: arn });
    expect((listed.Versions as Array<{ VersionId: string }>).map((v) => v.VersionId)).toEqual(['v5', 'v4', 'v3', 'v2', 'v1']);
    expect((listed.Versions as object[])[0]).not.toHaveProperty('Document');

    expect(await h.fail('DeletePolicyVersion', { PolicyArn: arn, VersionId: 'v2' })).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete the default version of a policy.',
    });
    await h.call('DeletePolicyVersion', { PolicyArn: arn, VersionId: 'v5' });
    const v6 = await h.call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: allow('s3:*') });
    expect(v6.PolicyVersion).toMatchObject({ VersionId: 'v6', IsDefaultVersion: false });

    await h.call('SetDefaultPolicyVersion', { PolicyArn: arn, VersionId: 'v1' });
    const v1 = (await h.call('GetPolicyVersion', { PolicyArn: arn, VersionId: 'v1' })).PolicyVersion;
    expect(v1).toMatchObject({ IsDefaultVersion: true, Document: allow('s3:GetObject') });
    expect(await h.fail('SetDefaultPolicyVersion', { PolicyArn: arn, VersionId: 'v5' })).toMatchObject({
      code: 'NoSuchEntity',
      message: `Policy ${arn} version v5 does not exist or is not attachable.`,
    });
  });

  it('the default version decides what the policy grants', async () => {
    await h.call('CreateUser', { UserName: 'u' });
    await createPolicy('P', { PolicyDocument: allow('iam:ListGroups') });
    await h.call('AttachUserPolicy', { UserName: 'u', PolicyArn: arnOf('P') });
    const u = h.userCaller('u');
    await h.call('ListGroups', {}, u);
    await h.call('CreatePolicyVersion', { PolicyArn: arnOf('P'), PolicyDocument: allow('iam:ListUsers'), SetAsDefault: true });
    expect((await h.fail('ListGroups', {}, u)).code).toBe('AccessDenied');
  });
});

describe('DeletePolicy', () => {
  it('refuses while attached, used as a boundary, or with non-default versions', async () => {
    await createPolicy('P');
    const arn = arnOf('P');
    await h.call('CreateUser', { UserName: 'u' });
    await h.call('AttachUserPolicy', { UserName: 'u', PolicyArn: arn });
    expect(await h.fail('DeletePolicy', { PolicyArn: arn })).toMatchObject({ code: 'DeleteConflict', message: 'Cannot delete a policy attached to entities.' });
    await h.call('DetachUserPolicy', { UserName: 'u', PolicyArn: arn });
    await h.call('PutUserPermissionsBoundary', { UserName: 'u', PermissionsBoundary: arn });
    expect((await h.fail('DeletePolicy', { PolicyArn: arn })).code).toBe('DeleteConflict');
    await h.call('DeleteUserPermissionsBoundary', { UserName: 'u' });
    await h.call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: allow('s3:*') });
    expect(await h.fail('DeletePolicy', { PolicyArn: arn })).toMatchObject({
      code: 'DeleteConflict',
      message:
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    });
    await h.call('DeletePolicyVersion', { PolicyArn: arn, VersionId: 'v2' });
    await h.call('DeletePolicy', { PolicyArn: arn });
    expect((await h.fail('GetPolicy', { PolicyArn: arn })).code).toBe('NoSuchEntity');
    expect(h.state.all(KIND.policyVersion)).toHaveLength(0);
    // The name is free again.
    await createPolicy('P');
  });
});

describe('policy tags', () => {
  it('tags case-sensitively, untags and lists', async () => {
    await createPolicy('P', { Tags: [{ Key: 'env', Value: 'dev' }] });
    const arn = arnOf('P');
    await h.call('TagPolicy', { PolicyArn: arn, Tags: [{ Key: 'Env', Value: 'prod' }, { Key: 'env', Value: 'test' }] });
    expect((await h.call('ListPolicyTags', { PolicyArn: arn })).Tags).toEqual([
      { Key: 'Env', Value: 'prod' },
      { Key: 'env', Value: 'test' },
    ]);
    await h.call('UntagPolicy', { PolicyArn: arn, TagKeys: ['env'] });
    expect((await h.call('ListPolicyTags', { PolicyArn: arn })).Tags).toEqual([{ Key: 'Env', Value: 'prod' }]);
    expect((await h.fail('TagPolicy', { PolicyArn: arn, Tags: [{ Key: 'aws:x', Value: 'v' }] })).code).toBe('InvalidInput');
  });

  it('answers policies outside the account with AccessDenied and a message, for every tag operation', async () => {
    for (const arn of ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::999999999999:policy/x']) {
      for (const [operation, input] of [['ListPolicyTags', {}], ['TagPolicy', { Tags: [{ Key: 'k', Value: 'v' }] }], ['UntagPolicy', { TagKeys: ['k'] }]] as const) {
        const error = await h.fail(operation, { PolicyArn: arn, ...input });
        expect(error.code).toBe('AccessDenied');
        expect(error.message).toMatch(/^Cannot .+ policies outside your own account\.$/);
      }
    }
  });

  it('authorizes on aws:ResourceTag of the policy', async () => {
    await createPolicy('Mine', { Tags: [{ Key: 'owner', Value: 'dev' }] });
    await createPolicy('Theirs', { Tags: [{ Key: 'owner', Value: 'ops' }] });
    await h.call('CreateUser', { UserName: 'dev' });
    const grant = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:GetPolicy', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/owner': 'dev' } } }],
    });
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'abac', PolicyDocument: grant });
    const dev = h.userCaller('dev');
    await h.call('GetPolicy', { PolicyArn: arnOf('Mine') }, dev);
    expect((await h.fail('GetPolicy', { PolicyArn: arnOf('Theirs') }, dev)).code).toBe('AccessDenied');
  });
});

describe('authorization', () => {
  it('denies with AWS text, then allows after an identity policy grants the action', async () => {
    await h.call('CreateUser', { UserName: 'dev' });
    const dev = h.userCaller('dev');
    const arn = arnOf('Dev');
    expect(await h.fail('CreatePolicy', { PolicyName: 'Dev', PolicyDocument: allow('s3:*') }, dev)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: iam:CreatePolicy on resource: ${arn} because no identity-based policy allows the iam:CreatePolicy action`),
    });
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'p', PolicyDocument: allow('iam:CreatePolicy', arn) });
    expect((await h.call('CreatePolicy', { PolicyName: 'Dev', PolicyDocument: allow('s3:*') }, dev)).Policy).toMatchObject({ Arn: arn });
  });
});
