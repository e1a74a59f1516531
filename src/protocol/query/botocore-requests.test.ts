// Requests exactly as botocore serializes them (Query protocol, §8.1) decode back to the parameters
// botocore was given: list, structure and nested-list encodings, integers, booleans, empty lists.

import { beforeAll, describe, expect, it } from 'vitest';
import { serviceModel, type ServiceName } from '../models/index.js';
import { botocore, type SerializedRequest } from '../test-support/botocore.js';
import { decodeQueryRequest } from './decode.js';
import { readOperationInput } from './read-input.js';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::a b/100%/ümlaut/*', Condition: { StringLike: { 's3:prefix': ['x+y&z=1'] } } }],
});
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const manyTags = Array.from({ length: 12 }, (_, i) => ({ Key: `k${i + 1}`, Value: `v ${i + 1}` }));

const CASES: readonly { service: ServiceName; operation: string; params: Record<string, unknown> }[] = [
  {
    service: 'iam',
    operation: 'CreateUser',
    params: {
      UserName: 'alice',
      Path: '/eng/',
      PermissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary',
      Tags: [{ Key: 'Project', Value: 'X y' }, { Key: 'Team', Value: 'a+b=c/@:_.' }],
    },
  },
  { service: 'iam', operation: 'CreateUser', params: { UserName: 'bob', Tags: [] } },
  { service: 'iam', operation: 'TagUser', params: { UserName: 'carol', Tags: manyTags } },
  { service: 'iam', operation: 'PutRolePolicy', params: { RoleName: 'app', PolicyName: 'inline', PolicyDocument: POLICY } },
  {
    service: 'iam',
    operation: 'CreatePolicyVersion',
    params: { PolicyArn: 'arn:aws:iam::123456789012:policy/p', PolicyDocument: POLICY, SetAsDefault: true },
  },
  {
    service: 'iam',
    operation: 'CreatePolicyVersion',
    params: { PolicyArn: 'arn:aws:iam::123456789012:policy/p', PolicyDocument: POLICY, SetAsDefault: false },
  },
  { service: 'iam', operation: 'AttachRolePolicy', params: { RoleName: 'app', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
  {
    service: 'iam',
    operation: 'SimulateCustomPolicy',
    params: {
      PolicyInputList: [POLICY, TRUST],
      PermissionsBoundaryPolicyInputList: [POLICY],
      ActionNames: ['s3:GetObject', 's3:PutObject'],
      ResourceArns: ['arn:aws:s3:::bucket/*'],
      ResourcePolicy: POLICY,
      CallerArn: 'arn:aws:iam::123456789012:user/alice',
      ContextEntries: [
        { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.0.0.1', '192.168.0.0/16'], ContextKeyType: 'ipList' },
        { ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyValues: ['true'], ContextKeyType: 'boolean' },
        { ContextKeyName: 'aws:TagKeys', ContextKeyValues: [], ContextKeyType: 'stringList' },
      ],
      ResourceHandlingOption: 'EC2-VPC-InstanceStore',
      MaxItems: 50,
      Marker: 'page 2',
    },
  },
  { service: 'iam', operation: 'ListUsers', params: { PathPrefix: '/eng/', MaxItems: 1000, Marker: 'opaque+/=marker' } },
  { service: 'iam', operation: 'ListUsers', params: {} },
  {
    service: 'sts',
    operation: 'AssumeRole',
    params: {
      RoleArn: 'arn:aws:iam::123456789012:role/app',
      RoleSessionName: 'session@example.com',
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, { arn: 'arn:aws:iam::123456789012:policy/extra' }],
      Policy: POLICY,
      DurationSeconds: 43200,
      Tags: [{ Key: 'Project', Value: 'Keycard' }, { Key: 'Cost Center', Value: '12 34' }],
      TransitiveTagKeys: ['Project'],
      ExternalId: 'ext-id:1',
      SerialNumber: 'arn:aws:iam::123456789012:mfa/alice',
      TokenCode: '123456',
      SourceIdentity: 'alice',
    },
  },
  {
    service: 'sts',
    operation: 'AssumeRoleWithSAML',
    params: { RoleArn: 'arn:aws:iam::123456789012:role/saml', PrincipalArn: 'arn:aws:iam::123456789012:saml-provider/idp', SAMLAssertion: 'PHNhbWw+Li4uPC9zYW1sPg==' },
  },
  { service: 'sts', operation: 'GetCallerIdentity', params: {} },
];

describe('botocore requests decode to the parameters botocore was given', () => {
  let wire: SerializedRequest[];
  beforeAll(() => {
    wire = botocore(CASES.map((c) => ({ kind: 'serialize', ...c }))) as SerializedRequest[];
  });

  CASES.forEach((testCase, index) => {
    it(`${testCase.service} ${testCase.operation} #${index}`, () => {
      const request = wire[index]!;
      expect(request.method).toBe('POST');
      const model = serviceModel(testCase.service);
      const decoded = decodeQueryRequest(request.method, request.contentType, request.body, '');
      expect(decoded.action).toBe(testCase.operation);
      expect(decoded.version).toBe(model.metadata.apiVersion);
      expect(readOperationInput(model, testCase.operation, decoded.params)).toEqual({ ok: true, input: testCase.params });

      // The same parameters sent as a GET query string (as presigned requests are) read the same.
      const asQuery = decodeQueryRequest('GET', undefined, '', `?${request.body}`);
      expect(readOperationInput(model, testCase.operation, asQuery.params)).toEqual({ ok: true, input: testCase.params });
    });
  });

  it('keeps list order by position, not by the text order of the keys (member.10 sorts before member.2)', () => {
    const request = wire[2]!;
    expect(request.body).toContain('Tags.member.10.Key=k10');
    const decoded = decodeQueryRequest('POST', request.contentType, request.body, '');
    const result = readOperationInput(serviceModel('iam'), 'TagUser', decoded.params);
    expect(result.ok && (result.input.Tags as { Key: string }[]).map((t) => t.Key)).toEqual(manyTags.map((t) => t.Key));
  });
});
