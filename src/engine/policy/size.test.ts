// Tests for policy size measurement, per-type quotas and the IAM character rule.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPolicyText, countNonWhitespace, policySize, POLICY_SIZE_LIMITS } from './size.js';

describe('countNonWhitespace', () => {
  it('skips whitespace between tokens but counts it inside strings, escapes included', () => {
    expect(countNonWhitespace('{ "a b" :\n\t[ 1 , "\\" x" ] }')).toBe('{"a b":[1,"\\" x"]}'.length);
  });

  it('equals the length of the minified document for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (value, space) => {
        expect(countNonWhitespace(JSON.stringify(value, null, space))).toBe(JSON.stringify(value).length);
      }),
    );
  });
});

describe('policySize', () => {
  const text = '{\n  "Statement": []\n}';
  it('counts non-whitespace for IAM types and every character for Organizations policies (§1.4)', () => {
    expect(policySize(text, 'identity')).toBe(16);
    expect(policySize(text, 'trust')).toBe(16);
    expect(policySize(text, 'scp')).toBe(text.length);
    expect(policySize(text, 'rcp')).toBe(text.length);
  });

  it('has the quotas of §1.4', () => {
    expect(Object.fromEntries(Object.entries(POLICY_SIZE_LIMITS).map(([type, rule]) => [type, rule?.limit]))).toEqual({
      identity: 6144, boundary: 6144, trust: 2048, session: 2048, scp: 5120, rcp: 5120, resource: undefined,
    });
  });
});

describe('checkPolicyText', () => {
  const padded = (size: number) => `{"Id":"${'x'.repeat(size - 9)}"}`;

  it.each([
    ['identity', 6144, 'Cannot exceed quota for PolicySize: 6144'],
    ['boundary', 6144, 'Cannot exceed quota for PolicySize: 6144'],
    ['trust', 2048, 'Cannot exceed quota for ACLSizePerRole: 2048'],
    ['session', 2048, 'The session policy exceeds 2048 non-whitespace characters.'],
    ['scp', 5120, 'The SCP exceeds 5120 characters, whitespace included.'],
    ['rcp', 5120, 'The RCP exceeds 5120 characters, whitespace included.'],
  ] as const)('%s: accepts %i characters, refuses one more', (type, limit, message) => {
    expect(padded(limit)).toHaveLength(limit);
    expect(checkPolicyText(padded(limit), type)).toEqual([]);
    expect(checkPolicyText(padded(limit + 1), type)).toEqual([
      { pointer: '', line: 1, column: 1, severity: 'error', code: 'policy-too-large', message },
    ]);
  });

  it('counts whitespace for SCPs but not for identity policies', () => {
    const spaced = `${' '.repeat(100)}${padded(5100)}`;
    expect(checkPolicyText(spaced, 'identity')).toEqual([]);
    expect(checkPolicyText(spaced, 'scp').map((d) => d.code)).toEqual(['policy-too-large']);
  });

  it('allows tab, newlines and U+0020–U+00FF only, in IAM/STS documents', () => {
    expect(checkPolicyText('{"Id":"\t\r\n ~ÿ"}', 'identity')).toEqual([]);
    const [found] = checkPolicyText('{\r\n"Id":"a\u0100"}', 'session');
    expect(found).toMatchObject({ code: 'invalid-character', line: 2, column: 8 });
    expect(found?.message).toContain('U+0100');
    expect(checkPolicyText('{"Id":"\u0001"}', 'trust').map((d) => d.code)).toEqual(['invalid-character']);
    expect(checkPolicyText('{"Id":"😀"}', 'identity')[0]?.message).toContain('U+1F600');
    // Organizations and other services' policies are not bound by IAM's parameter pattern.
    expect(checkPolicyText('{"Id":"\u0100"}', 'scp')).toEqual([]);
  });

  it('reports no line/column when the text is a re-serialisation', () => {
    expect(checkPolicyText('{"Id":"\u0100"}', 'identity', { hasPositions: false })).toEqual([
      expect.objectContaining({ pointer: '', code: 'invalid-character' }),
    ]);
    expect(checkPolicyText('{"Id":"\u0100"}', 'identity', { hasPositions: false })[0]?.line).toBeUndefined();
  });
});
