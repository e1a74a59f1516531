import { describe, expect, test } from 'vitest';
import { caseToSimulateCustomPolicyInput } from './test-support/simulation-case.js';

const ALICE = 'arn:aws:iam::111111111111:user/alice';
const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

describe('caseToSimulateCustomPolicyInput', () => {
  test('a user request: documents as text, the caller, the resource and the keys the engine would derive', () => {
    const input = caseToSimulateCustomPolicyInput({
      principal: ALICE,
      principalInfo: { userId: 'AIDAEXAMPLEEXAMPLE01' },
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::bkt/k',
      resourceAccount: '222222222222',
      context: { 'aws:SourceIp': '203.0.113.5', 'aws:TagKeys': ['env', 'team'], 'aws:SecureTransport': true, 'aws:username': 'given' },
      policies: { identity: [allowAll, '{"Version":"2012-10-17","Statement":[]}'], boundary: allowAll },
    });
    expect(input).toEqual({
      PolicyInputList: [JSON.stringify(allowAll), '{"Version":"2012-10-17","Statement":[]}'],
      PermissionsBoundaryPolicyInputList: [JSON.stringify(allowAll)],
      ActionNames: ['s3:GetObject'],
      ResourceArns: ['arn:aws:s3:::bkt/k'],
      ResourceOwner: 'arn:aws:iam::222222222222:root',
      CallerArn: ALICE,
      ContextEntries: [
        { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['203.0.113.5'], ContextKeyType: 'string' },
        { ContextKeyName: 'aws:TagKeys', ContextKeyValues: ['env', 'team'], ContextKeyType: 'stringList' },
        { ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['true'], ContextKeyType: 'boolean' },
        { ContextKeyName: 'aws:username', ContextKeyValues: ['given'], ContextKeyType: 'string' },
        { ContextKeyName: 'aws:PrincipalArn', ContextKeyValues: [ALICE], ContextKeyType: 'string' },
        { ContextKeyName: 'aws:PrincipalAccount', ContextKeyValues: ['111111111111'], ContextKeyType: 'string' },
        { ContextKeyName: 'aws:PrincipalType', ContextKeyValues: ['User'], ContextKeyType: 'string' },
        { ContextKeyName: 'aws:userid', ContextKeyValues: ['AIDAEXAMPLEEXAMPLE01'], ContextKeyType: 'string' },
        { ContextKeyName: 'aws:PrincipalIsAWSService', ContextKeyValues: ['false'], ContextKeyType: 'boolean' },
        { ContextKeyName: 'aws:ResourceAccount', ContextKeyValues: ['222222222222'], ContextKeyType: 'string' },
      ],
    });
  });

  test('what the API cannot say is undefined', () => {
    const base = { principal: ALICE, action: 's3:GetObject', resource: 'arn:aws:s3:::bkt/k' };
    expect(caseToSimulateCustomPolicyInput({ ...base, policies: { scp: [[allowAll]] } })).toBeUndefined();
    expect(caseToSimulateCustomPolicyInput({ ...base, policies: { rcp: [[allowAll]] } })).toBeUndefined();
    expect(caseToSimulateCustomPolicyInput({ ...base, policies: { session: [allowAll] } })).toBeUndefined();
    expect(caseToSimulateCustomPolicyInput({ ...base, principal: 'arn:aws:sts::111111111111:assumed-role/R/s' })).toBeUndefined();
    expect(caseToSimulateCustomPolicyInput({ ...base, principal: 'arn:aws:iam::111111111111:root' })).toBeUndefined();
    expect(caseToSimulateCustomPolicyInput({ action: 's3:GetObject' })).toBeUndefined();
    expect(caseToSimulateCustomPolicyInput({ ...base, principal: 'not an arn' })).toBeUndefined();
    expect(caseToSimulateCustomPolicyInput({ ...base, resource: 'arn:aws:sqs:us-east-1:333333333333:q', resourceAccount: '222222222222' })).toBeUndefined();
    expect(
      caseToSimulateCustomPolicyInput({ ...base, principalInfo: { userId: 'AIDAEXAMPLEEXAMPLE01' }, policies: { resource: allowAll } }),
    ).toBeUndefined();
    // Empty SCP/RCP levels hold no policy: still expressible.
    expect(caseToSimulateCustomPolicyInput({ ...base, policies: { scp: [[]], rcp: [] } })).toBeDefined();
  });
});
