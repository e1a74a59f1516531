import { describe, expect, test } from 'vitest';
import { codeAt, findConsecutive, findStep, newSeed, provisioningUri, stepAt } from './totp.js';

// RFC 6238 Appendix B, SHA-1 rows: the seed is the ASCII text "12345678901234567890".
const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: ReadonlyArray<readonly [number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  test.each(RFC_VECTORS)('at %i seconds the 8-digit code is %s', (seconds, code) => {
    expect(codeAt(RFC_SEED, stepAt(new Date(seconds * 1000)), 8)).toBe(code);
  });

  test('6-digit codes are the last six digits (RFC 4226 truncation)', () => {
    expect(codeAt(RFC_SEED, stepAt(new Date(59_000)))).toBe('287082');
  });

  test('steps are 30 seconds long', () => {
    expect(stepAt(new Date(29_999))).toBe(0);
    expect(stepAt(new Date(30_000))).toBe(1);
  });

  test('a new seed is 64 base32 characters, and seeds differ', () => {
    const seed = newSeed();
    expect(seed).toMatch(/^[A-Z2-7]{64}$/);
    expect(newSeed()).not.toBe(seed);
  });

  test('findStep finds a code inside the window only', () => {
    const code = codeAt(RFC_SEED, 100);
    expect(findStep(RFC_SEED, code, 99, 101)).toBe(100);
    expect(findStep(RFC_SEED, code, 101, 103)).toBeUndefined();
  });

  test('findConsecutive wants the second code one step after the first', () => {
    const [a, b, c] = [codeAt(RFC_SEED, 100), codeAt(RFC_SEED, 101), codeAt(RFC_SEED, 102)];
    expect(findConsecutive(RFC_SEED, a, b, 95, 100)).toBe(101);
    expect(findConsecutive(RFC_SEED, a, c, 95, 105)).toBeUndefined();
    expect(findConsecutive(RFC_SEED, b, a, 95, 105)).toBeUndefined();
  });

  test('the provisioning URI names issuer, label and parameters', () => {
    const uri = provisioningUri(RFC_SEED, 'Amazon Web Services', 'dev@123456789012');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Amazon%20Web%20Services:dev%40123456789012\?/);
    expect(uri).toContain(`secret=${RFC_SEED}`);
    expect(uri).toContain('period=30');
    expect(uri).toContain('digits=6');
  });
});
