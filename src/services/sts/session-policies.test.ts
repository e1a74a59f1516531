// The packed-size approximation (§1.4, §5.2): a 2,048-character policy with no tags fits just under 100 %,
// whatever its text; many long session tags overflow.

import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { packedPolicySize, requirePackedSize } from './session-policies.js';

const incompressible = (length: number): string =>
  Array.from(randomBytes(length), (b) => String.fromCharCode(0x20 + (b % 0xe0))).join('');

describe('packedPolicySize', () => {
  test('nothing passed is 0; a small policy is a few percent', () => {
    expect(packedPolicySize({ policyArns: [] }, {})).toBe(0);
    const small = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    expect(packedPolicySize({ policy: small, policyArns: [] }, {})).toBeLessThan(10);
  });

  test('the worst 2,048-character policy is just under 100 %', () => {
    const size = packedPolicySize({ policy: incompressible(2048), policyArns: [] }, {});
    expect(size).toBeGreaterThanOrEqual(95);
    expect(size).toBeLessThanOrEqual(99);
    expect(() => requirePackedSize(size)).not.toThrow();
  });

  test('50 long random session tags overflow with AWS’s message', () => {
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}${randomBytes(40).toString('hex')}`, randomBytes(120).toString('hex')]));
    const size = packedPolicySize({ policyArns: [] }, tags);
    expect(size).toBeGreaterThan(100);
    expect(() => requirePackedSize(size)).toThrow(`Packed policy consumes ${size}% of allotted space, please use smaller policy.`);
  });
});
