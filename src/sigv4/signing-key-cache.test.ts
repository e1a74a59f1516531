import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SigningKeyCache } from './signing-key-cache.js';
import { deriveSigningKey } from './signing-key.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

describe('deriveSigningKey', () => {
  it('derives the documented example key (AWS General Reference, "Examples of how to derive a signing key")', () => {
    expect(deriveSigningKey(SECRET, '20120215', 'us-east-1', 'iam').toString('hex')).toBe(
      'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
    );
  });
});

describe('SigningKeyCache', () => {
  it('returns the derived key, and the same one on a hit', () => {
    const cache = new SigningKeyCache(4);
    const first = cache.signingKey(SECRET, '20150830', 'us-east-1', 'service');
    expect(first.equals(deriveSigningKey(SECRET, '20150830', 'us-east-1', 'service'))).toBe(true);
    expect(cache.signingKey(SECRET, '20150830', 'us-east-1', 'service')).toBe(first);
    expect(cache.size).toBe(1);
  });

  it('keys on secret, date, region and service', () => {
    const cache = new SigningKeyCache(8);
    const keys = [
      cache.signingKey(SECRET, '20150830', 'us-east-1', 'iam'),
      cache.signingKey('other', '20150830', 'us-east-1', 'iam'),
      cache.signingKey(SECRET, '20150831', 'us-east-1', 'iam'),
      cache.signingKey(SECRET, '20150830', 'eu-west-1', 'iam'),
      cache.signingKey(SECRET, '20150830', 'us-east-1', 'sts'),
    ];
    expect(cache.size).toBe(5);
    expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(5);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new SigningKeyCache(2);
    const a = cache.signingKey(SECRET, '20150830', 'r', 'a');
    cache.signingKey(SECRET, '20150830', 'r', 'b');
    expect(cache.signingKey(SECRET, '20150830', 'r', 'a')).toBe(a); // a is now the most recent
    cache.signingKey(SECRET, '20150830', 'r', 'c'); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.signingKey(SECRET, '20150830', 'r', 'a')).toBe(a);
    const b = cache.signingKey(SECRET, '20150830', 'r', 'b'); // derived again, evicting c
    expect(b.equals(deriveSigningKey(SECRET, '20150830', 'r', 'b'))).toBe(true);
    expect(cache.size).toBe(2);
  });

  it('shows neither secret nor keys when inspected or serialised', () => {
    const cache = new SigningKeyCache(2);
    const key = cache.signingKey(SECRET, '20150830', 'us-east-1', 'iam');
    for (const shown of [inspect(cache, { showHidden: true, depth: 5 }), JSON.stringify(cache), String(cache)]) {
      expect(shown).not.toContain(SECRET);
      expect(shown).not.toContain(key.toString('hex'));
    }
  });

  it('needs a positive whole bound', () => {
    expect(() => new SigningKeyCache(0)).toThrow(RangeError);
    expect(() => new SigningKeyCache(1.5)).toThrow(RangeError);
  });
});
