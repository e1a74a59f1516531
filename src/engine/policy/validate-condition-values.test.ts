// Tests for condition value formats per operator family (§3.2).

import { describe, expect, it } from 'vitest';
import { conditionValueProblem, isCidr, isIpv6, isIsoDate } from './validate-condition-values.js';

describe('isCidr', () => {
  it.each(['10.0.0.0/8', '192.0.2.1', '0.0.0.0/0', '2001:db8::/32', '::1', '::', '::ffff:192.0.2.1', '2001:db8:0:0:0:0:0:1/128', 'fe80::1'])(
    'accepts %s',
    (value) => expect(isCidr(value)).toBe(true),
  );
  it.each(['10.0.0.0/33', '256.1.1.1', '10.0.0', '1.2.3.4/8/1', '2001:db8::/129', '1::2::3', '12345::', 'x', '', '1:2:3:4:5:6:7:8:9', '::/'])(
    'refuses %s',
    (value) => expect(isCidr(value)).toBe(false),
  );
  it('requires eight groups without ::', () => {
    expect(isIpv6('1:2:3:4:5:6:7')).toBe(false);
    expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true);
  });
});

describe('isIsoDate', () => {
  it.each(['2020-01-01', '2020-01-01T00:00:01Z', '2020-12-31T23:59:59.123+02:00', '2020-06-01T12:00'])('accepts %s', (v) =>
    expect(isIsoDate(v)).toBe(true),
  );
  it.each(['2020-13-01', '2020-01-00', '2020-01-01T24:00:00Z', '01/01/2020', '2020-1-1', 'today'])('refuses %s', (v) =>
    expect(isIsoDate(v)).toBe(false),
  );
});

describe('conditionValueProblem', () => {
  it.each([
    ['Numeric', '10', undefined],
    ['Numeric', '-1.50', undefined],
    ['Numeric', 'ten', 'is not a number'],
    ['Date', '1700000000', undefined],
    ['Date', 'yesterday', 'is not an ISO 8601 date or epoch seconds'],
    ['Bool', 'true', undefined],
    ['Bool', 'FALSE', undefined],
    ['Bool', 'yes', 'is not "true" or "false"'],
    ['Null', 'maybe', 'is not "true" or "false"'],
    ['Binary', 'aGVsbG8=', undefined],
    ['Binary', 'not base64!', 'is not base64'],
    ['IpAddress', '203.0.113.0/24', undefined],
    ['IpAddress', '203.0.113.0/40', 'is not an IP address or CIDR block'],
    ['Arn', 'arn:aws:s3:::bucket', undefined],
    ['Arn', '*', undefined],
    ['Arn', 'bucket', 'is not an ARN (six colon-separated parts)'],
    ['String', '${aws:username} anything', undefined],
    ['Numeric', '${aws:MultiFactorAuthAge}', 'is not a number'],
  ] as const)('%s %s', (family, value, problem) => {
    expect(conditionValueProblem(family, value)).toBe(problem);
  });
});
