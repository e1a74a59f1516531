// Access key ids that carry their account (§6.1), decoded by the mask-and-shift formula applied to AWS's keys,
// here computed independently with BigInt over the base32-decoded bytes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountOfAccessKeyId, newAccessKeyId } from './ids.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** (first six bytes as a big-endian number & 0x7fffffffff80) >> 7, as 12 digits. */
const referenceAccount = (id: string): string => {
  let bits = '';
  for (const ch of id.slice(4)) bits += ALPHABET.indexOf(ch).toString(2).padStart(5, '0');
  const head = BigInt(`0b${bits.slice(0, 48)}`);
  return ((head & 0x7fffffffff80n) >> 7n).toString().padStart(12, '0');
};

const account = fc.bigInt({ min: 0n, max: 999_999_999_999n }).map((n) => n.toString().padStart(12, '0'));

describe('access key ids', () => {
  it('have AWS shape and name their account, for either prefix', () => {
    fc.assert(
      fc.property(account, fc.constantFrom('accessKey' as const, 'sessionKey' as const), (acct, kind) => {
        const id = newAccessKeyId(kind, acct);
        expect(id).toMatch(kind === 'accessKey' ? /^AKIA[A-Z2-7]{16}$/ : /^ASIA[A-Z2-7]{16}$/);
        expect(accountOfAccessKeyId(id)).toBe(acct);
        expect(referenceAccount(id)).toBe(acct);
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes any well-formed id as the reference formula does, and nothing else', () => {
    const id = fc.tuple(fc.constantFrom('AKIA', 'ASIA'), fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 16, maxLength: 16 })).map(([p, rest]) => p + rest);
    fc.assert(
      fc.property(id, (text) => {
        expect(accountOfAccessKeyId(text)).toBe(referenceAccount(text));
      }),
      { numRuns: 2000 },
    );
    for (const bad of ['AKIA', 'AIDAABCDEFGHIJKLMNOP', 'akiaabcdefghijklmnop', 'AKIAABCDEFGHIJKLMNO1', 'AKIAABCDEFGHIJKLMNOPQ']) expect(accountOfAccessKeyId(bad)).toBeUndefined();
  });

  it('are not repeated', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newAccessKeyId('sessionKey', '123456789012')));
    expect(ids.size).toBe(10_000);
  });
});
