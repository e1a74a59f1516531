// What we write, botocore's own Query parser reads back unchanged (§8.2), including IAM's URL-encoded
// policy documents (§8.4) after botocore's after-call.iam handler has decoded them.

import { beforeAll, describe, expect, it } from 'vitest';
import { serviceModel, type ServiceName } from '../models/index.js';
import { botocore } from '../test-support/botocore.js';
import { encodePolicyDocument } from './policy-document.js';
import { writeOperationOutput } from './serialize.js';

const REQUEST_ID = '7a62c49f-347e-4fc4-9331-6e8eEXAMPLE';
const CREATED = new Date('2014-09-24T02:00:48Z');
// Text that breaks naive handling: percent signs (double decoding), quotes, XML specials, '+' (form
// decoding would turn it into a space), spaces, non-ASCII, an astral character and a CR LF.
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Träger 100% "quoted" <&> a+b',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringLike: { 'aws:PrincipalTag/team': ['%41*', "it's (x)!", '日本 🔑\r\n'] } },
    },
  ],
}, null, 2);
const INLINE = '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}';

const user = (name: string): Record<string, unknown> => ({
  Path: '/',
  UserName: name,
  UserId: 'AIDACKCEVSQ6C2EXAMPLE',
  Arn: `arn:aws:iam::123456789012:user/${name}`,
  CreateDate: CREATED,
});

const CASES: readonly {
  service: ServiceName;
  operation: string;
  output: Record<string, unknown>;
}[] = [
  {
    service: 'iam',
    operation: 'CreateUser',
    output: {
      User: {
        ...user('alice'),
        PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/b' },
        Tags: [{ Key: 'Project', Value: 'X & <y>' }],
      },
    }
  },
  {
    service: 'iam',
    operation: 'GetRole',
    output: {
      Role: {
        Path: '/app/',
        RoleName: 'app',
        RoleId: 'AROADBQP57FF2AEXAMPLE',
        Arn: 'arn:aws:iam::123456789012:role/app/app',
        CreateDate: CREATED,
        AssumeRolePolicyDocument: TRUST,
        Description: 'line one\r\nline "two" & <three>',
        MaxSessionDuration: 3600,
        Tags: [],
        RoleLastUsed: { LastUsedDate: new Date('2024-02-29T23:59:59.999Z'), Region: 'us-east-1' },
      },
    }
  },
  {
    service: 'iam',
    operation: 'GetRolePolicy',
    output: { RoleName: 'app', PolicyName: 'deny', PolicyDocument: INLINE }
  },
  {
    service: 'iam',
    operation: 'GetAccountAuthorizationDetails',
    output: {
      RoleDetailList: [
        {
          RoleName: 'app',
          AssumeRolePolicyDocument: TRUST,
          RolePolicyList: [{ PolicyName: 'deny', PolicyDocument: INLINE }],
          InstanceProfileList: [],
        },
      ],
      IsTruncated: false,
    }
  },
  { service: 'iam', operation: 'ListUsers', output: { Users: [user('a'), user('b')], IsTruncated: true, Marker: 'next page' } },
  { service: 'iam', operation: 'ListUsers', output: { Users: [], IsTruncated: false } },
  {
    service: 'iam',
    operation: 'GetAccountSummary',
    output: { SummaryMap: { Users: 5, UsersQuota: 5000, AccountMFAEnabled: 0, Policies: 12 } }
  },
  {
    service: 'sts',
    operation: 'AssumeRole',
    output: {
      Credentials: {
        AccessKeyId: 'ASIAIOSFODNN7EXAMPLE',
        SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
        SessionToken: 'IQoJb3JpZ2luX2VjE+/=',
        Expiration: new Date('2030-01-01T12:00:00Z'),
      },
      AssumedRoleUser: { AssumedRoleId: 'AROA3XFRBF535PLBIFPI4:s3-access', Arn: 'arn:aws:sts::123456789012:assumed-role/app/s3-access' },
      PackedPolicySize: 6,
      SourceIdentity: 'alice',
    }
  },
  { service: 'sts', operation: 'GetCallerIdentity', output: { UserId: 'AIDA', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/a' } },
];

const POLICY_MEMBERS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

/**
 * What botocore should hand its caller: our output with timestamps to the second (the bridge prints
 * botocore's datetimes as ISO text) and policy documents as parsed JSON.
 */
function expectedFor(output: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(output), (key, item: unknown) => {
    if (typeof item !== 'string') return item;
    if (POLICY_MEMBERS.has(key)) return JSON.parse(item);
    return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(item) ? item.replace(/\.\d{3}Z$/, 'Z') : item;
  });
}

describe('botocore parses our success envelopes back to the same values', () => {
  let parsed: Record<string, unknown>[];
  beforeAll(() => {
    parsed = botocore(
      CASES.map((c) => ({
        kind: 'parse' as const,
        service: c.service,
        operation: c.operation,
        body: writeOperationOutput(serviceModel(c.service), c.operation, c.output, REQUEST_ID),
      })),
    ) as Record<string, unknown>[];
  });

  CASES.forEach((testCase, index) => {
    it(`${testCase.service} ${testCase.operation} #${index}`, () => {
      const { ResponseMetadata, ...values } = parsed[index]!;
      expect(ResponseMetadata).toEqual({ RequestId: REQUEST_ID });
      expect(values).toEqual(expectedFor(testCase.output));
    });
  });

  it('decodes the trust policy to the exact JSON we stored (percent signs, quotes, non-ASCII, CR LF)', () => {
    const role = (parsed[1]!.Role as Record<string, unknown>);
    expect(role.AssumeRolePolicyDocument).toEqual(JSON.parse(TRUST));
    expect(role.Description).toBe('line one\r\nline "two" & <three>');
  });

  it('answers operations without output with ResponseMetadata alone', () => {
    const body = writeOperationOutput(serviceModel('iam'), 'DeleteUser', undefined, REQUEST_ID);
    expect(body).toBe(
      `<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>${REQUEST_ID}</RequestId></ResponseMetadata></DeleteUserResponse>`,
    );
    const [result] = botocore([{ kind: 'parse', service: 'iam', operation: 'DeleteUser', body }]);
    expect(result).toEqual({ ResponseMetadata: { RequestId: REQUEST_ID } });
  });

  it('percent-encodes policy documents exactly as Python quote(text, safe="") does (RFC 3986)', () => {
    const texts = [TRUST, INLINE, "!'()*~-_. +%\u00e9\u{1F511}"];
    const quoted = botocore(texts.map((text) => ({ kind: 'quote' as const, text })));
    expect(texts.map(encodePolicyDocument)).toEqual(quoted);
  });
});
