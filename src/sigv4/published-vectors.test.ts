import { describe, expect, it } from 'vitest';
import cAuth from './fixtures/aws-c-auth-signed-requests.json' with { type: 'json' };
import suite from './fixtures/aws-sig-v4-test-suite.json' with { type: 'json' };
import { buildCanonicalRequest } from './canonical-request.js';
import { parseSignature, type ParsedSignature } from './parse-signature.js';
import type { SignedRequest } from './signed-request.js';
import { SigningKeyCache } from './signing-key-cache.js';
import { deriveSigningKey, signString } from './signing-key.js';
import { buildStringToSign } from './string-to-sign.js';
import { sha256Hex } from './test-support/sign-request.js';
import { verifySignature } from './verify-signature.js';

const signed = (request: SignedRequest): ParsedSignature => {
  const parsed = parseSignature(request);
  if (parsed.kind !== 'signed') throw new Error(`expected a signed request, got ${JSON.stringify(parsed)}`);
  return parsed;
};

const SUITE_TIME = new Date('2015-08-30T12:36:00Z');

describe('the AWS Signature Version 4 test suite', () => {
  const keys = new SigningKeyCache(8);
  for (const vector of suite.cases) {
    describe(vector.name, () => {
      const request: SignedRequest = vector.request;
      const bodyHash = sha256Hex(vector.request.body);

      it('parses the Authorization header', () => {
        const parsed = signed(request);
        expect(parsed.accessKeyId).toBe(suite.accessKeyId);
        expect(parsed.scope).toEqual({ date: '20150830', region: suite.region, service: suite.service, terminator: 'aws4_request' });
        expect(parsed.signature).toBe(vector.signature);
        expect(parsed.requestTime.amzDate).toBe(suite.requestTime);
      });

      it('builds the published canonical request and string to sign, and computes the signature', () => {
        const parsed = signed(request);
        const canonical = buildCanonicalRequest(request, parsed, bodyHash);
        expect(canonical).toEqual({ kind: 'ok', text: vector.canonicalRequest });
        const stringToSign = buildStringToSign(parsed.requestTime.amzDate, parsed.scope, vector.canonicalRequest);
        expect(stringToSign).toBe(vector.stringToSign);
        const key = deriveSigningKey(suite.secretAccessKey, '20150830', suite.region, suite.service);
        expect(signString(key, stringToSign)).toBe(vector.signature);
      });

      it('verifies', () => {
        const result = verifySignature(request, signed(request), {
          secretAccessKey: suite.secretAccessKey,
          payloadSha256Hex: bodyHash,
          now: SUITE_TIME,
          expectedService: suite.service,
          expectedRegion: suite.region,
          signingKeys: keys,
        });
        expect(result).toEqual({ ok: true });
      });
    });
  }

  it('shares one signing key across the whole suite (same secret, day, region and service)', () => {
    expect(keys.size).toBe(1);
  });
});

describe('aws-c-auth signed requests, header and presigned', () => {
  for (const vector of cAuth.cases) {
    it(`${vector.name} (${vector.file.endsWith('query-signed-request.txt') ? 'query' : 'header'})`, () => {
      const request: SignedRequest = vector.request;
      const parsed = signed(request);
      expect(parsed.transport).toBe(vector.file.endsWith('query-signed-request.txt') ? 'query' : 'header');
      const result = verifySignature(request, parsed, {
        secretAccessKey: cAuth.secretAccessKey,
        payloadSha256Hex: sha256Hex(vector.request.body),
        now: new Date('2015-08-30T12:40:00Z'),
        signingKeys: new SigningKeyCache(1),
      });
      expect(result).toEqual({ ok: true });
    });
  }
});
