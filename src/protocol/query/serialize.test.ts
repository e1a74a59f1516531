// The success envelope's exact XML (§8.2) and the serializer's refusal of output that does not fit the model.

import { describe, expect, it } from 'vitest';
import { serviceModel } from '../models/index.js';
import { formatTimestamp, OutputShapeError, writeOperationOutput } from './serialize.js';

const iam = serviceModel('iam');
const sts = serviceModel('sts');

describe('writeOperationOutput', () => {
  it('writes members in model order inside the result wrapper, then ResponseMetadata', () => {
    const xml = writeOperationOutput(sts, 'GetCallerIdentity', { Arn: 'arn:aws:iam::123456789012:user/a', Account: '123456789012', UserId: 'AIDA' }, 'r-1');
    expect(xml).toBe(
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        '<UserId>AIDA</UserId><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/a</Arn>' +
        '</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    );
  });

  it('writes lists as <member>, maps as <entry>, booleans and second-precision UTC timestamps', () => {
    const xml = writeOperationOutput(
      iam,
      'ListUsers',
      { Users: [{ Path: '/', UserName: 'a', UserId: 'AIDA', Arn: 'arn', CreateDate: new Date('2014-09-24T02:00:48.123Z') }], IsTruncated: true, Marker: 'm' },
      'r',
    );
    expect(xml).toContain('<Users><member><Path>/</Path><UserName>a</UserName><UserId>AIDA</UserId><Arn>arn</Arn><CreateDate>2014-09-24T02:00:48Z</CreateDate></member></Users><IsTruncated>true</IsTruncated><Marker>m</Marker>');
    const summary = writeOperationOutput(iam, 'GetAccountSummary', { SummaryMap: { Users: 1, Roles: 0 } }, 'r');
    expect(summary).toContain('<SummaryMap><entry><key>Users</key><value>1</value></entry><entry><key>Roles</key><value>0</value></entry></SummaryMap>');
  });

  it('percent-encodes policy documents (§8.4) and escapes other text', () => {
    const xml = writeOperationOutput(iam, 'GetRolePolicy', { RoleName: 'r', PolicyName: 'p&<q>', PolicyDocument: '{"Sid": "100% \'*\'"}' }, 'r');
    expect(xml).toContain('<PolicyName>p&amp;&lt;q&gt;</PolicyName>');
    expect(xml).toContain('<PolicyDocument>%7B%22Sid%22%3A%20%22100%25%20%27%2A%27%22%7D</PolicyDocument>');
  });

  it('leaves out undefined and null members and writes empty lists as empty elements', () => {
    const xml = writeOperationOutput(iam, 'ListUsers', { Users: [], IsTruncated: false, Marker: undefined }, 'r');
    expect(xml).toContain('<ListUsersResult><Users/><IsTruncated>false</IsTruncated></ListUsersResult>');
  });

  it('accepts ISO-8601 strings for timestamps', () => {
    expect(formatTimestamp('2014-09-24T02:00:48.999Z')).toBe('2014-09-24T02:00:48Z');
    expect(formatTimestamp(new Date(0))).toBe('1970-01-01T00:00:00Z');
  });

  it('refuses output that does not fit the shape', () => {
    const bad: [string, Record<string, unknown>][] = [
      ['ListUsers', { Users: 'alice', IsTruncated: false }],
      ['ListUsers', { Users: [], IsTruncated: 'no' }],
      ['ListUsers', { Users: [], IsTruncated: false, Extra: 1 }],
      ['GetAccountSummary', { SummaryMap: { Users: 1.5 } }],
      ['GetUser', { User: { Path: '/', UserName: 'a', UserId: 'i', Arn: 'a', CreateDate: 'not a date' } }],
      ['GetUser', { User: new Map() }],
    ];
    for (const [operation, output] of bad) expect(() => writeOperationOutput(iam, operation, output, 'r'), operation).toThrow(OutputShapeError);
  });
});
