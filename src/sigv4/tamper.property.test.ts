import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSignature } from './parse-signature.js';
import type { SignedRequest } from './signed-request.js';
import { SigningKeyCache } from './signing-key-cache.js';
import { sha256Hex, signRequest } from './test-support/sign-request.js';
import { verifySignature } from './verify-signature.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const AT = new Date('2024-03-05T12:34:56Z');
const keys = new SigningKeyCache(8);

const isVerified = (request: SignedRequest, body: string): boolean => {
  const parsed = parseSignature(request);
  if (parsed.kind !== 'signed') return false;
  const result = verifySignature(request, parsed, { secretAccessKey: SECRET, payloadSha256Hex: sha256Hex(body), now: AT, signingKeys: keys });
  return result.ok;
};

/** Replaces the character at `index` with a different one; whitespace is never the replacement, as runs of it canonicalise alike. */
const flip = (text: string, index: number, replacement: string): string | undefined => {
  const at = index % text.length;
  return text[at] === replacement ? undefined : text.slice(0, at) + replacement + text.slice(at + 1);
};

const printable = fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom(...'abcXYZ019-_.~/=+&%:;,"\'é€'.split('')) });
const notWhitespace = fc.constantFrom(...'abcdefABCDEF0123456789xyz-_.~/=+&%:;,é€'.split(''));
const transport = fc.constantFrom('header' as const, 'query' as const);

const signed = (body: string, headerValue: string, via: 'header' | 'query') =>
  signRequest({
    method: 'POST',
    path: '/',
    query: 'Action=ListUsers',
    headers: { host: 'iam.amazonaws.com', 'x-custom': headerValue },
    body,
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: SECRET,
    region: 'us-east-1',
    service: 'iam',
    at: AT,
    transport: via,
  }).request;

const signatureOf = (request: SignedRequest): string =>
  request.headers['authorization'] !== undefined
    ? (request.headers['authorization'] as string).slice(-64)
    : /X-Amz-Signature=([0-9a-f]{64})/.exec(request.query)![1]!;

const withSignature = (request: SignedRequest, signature: string): SignedRequest => {
  const old = signatureOf(request);
  const authorization = request.headers['authorization'];
  return typeof authorization === 'string'
    ? { ...request, headers: { ...request.headers, authorization: authorization.replace(old, signature) } }
    : { ...request, query: request.query.replace(`X-Amz-Signature=${old}`, `X-Amz-Signature=${signature}`) };
};

describe('tampering never verifies', () => {
  it('the untampered requests verify (so the properties below test something)', () => {
    fc.assert(
      fc.property(printable, printable, transport, (body, value, via) => {
        expect(isVerified(signed(body, value, via), body)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('flipping any character of the signature', () => {
    fc.assert(
      fc.property(printable, printable, transport, fc.nat(), notWhitespace, (body, value, via, index, replacement) => {
        const request = signed(body, value, via);
        const tampered = flip(signatureOf(request), index, replacement);
        fc.pre(tampered !== undefined);
        expect(isVerified(withSignature(request, tampered!), body)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('flipping any character of the body', () => {
    fc.assert(
      fc.property(printable, printable, transport, fc.nat(), notWhitespace, (body, value, via, index, replacement) => {
        const request = signed(body, value, via);
        const tampered = flip(body, index, replacement);
        fc.pre(tampered !== undefined);
        expect(isVerified(request, tampered!)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('flipping any character of a signed header value', () => {
    fc.assert(
      fc.property(printable, printable, transport, fc.nat(), notWhitespace, (body, value, via, index, replacement) => {
        const request = signed(body, value, via);
        const tampered = flip(value, index, replacement);
        fc.pre(tampered !== undefined);
        expect(isVerified({ ...request, headers: { ...request.headers, 'x-custom': tampered! } }, body)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
