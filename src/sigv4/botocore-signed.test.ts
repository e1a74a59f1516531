import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/botocore/botocore-signed.json' with { type: 'json' };
import { buildCanonicalRequest } from './canonical-request.js';
import { parseSignature } from './parse-signature.js';
import type { SignedRequest } from './signed-request.js';
import { SigningKeyCache } from './signing-key-cache.js';
import { buildStringToSign } from './string-to-sign.js';
import { sha256Hex } from './test-support/sign-request.js';
import { verifySignature } from './verify-signature.js';

const signedAt = new Date(
  fixtures.signedAt.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
);

describe('requests signed by botocore', () => {
  const keys = new SigningKeyCache(16);
  for (const fixture of fixtures.cases) {
    describe(`${fixture.name}: ${fixture.about}`, () => {
      const request: SignedRequest = fixture.request;
      const bodyHash = sha256Hex(fixture.request.body);
      const parse = () => {
        const parsed = parseSignature(request);
        if (parsed.kind !== 'signed') throw new Error(JSON.stringify(parsed));
        return parsed;
      };

      it("rebuilds botocore's canonical request and string to sign", () => {
        const parsed = parse();
        const canonical = buildCanonicalRequest(request, parsed, bodyHash);
        expect(canonical).toEqual({ kind: 'ok', text: fixture.canonicalRequest });
        expect(buildStringToSign(parsed.requestTime.amzDate, parsed.scope, fixture.canonicalRequest)).toBe(fixture.stringToSign);
      });

      it('verifies a minute after signing, for the service it was signed for', () => {
        const result = verifySignature(request, parse(), {
          secretAccessKey: fixture.secretAccessKey,
          payloadSha256Hex: bodyHash,
          now: new Date(signedAt.getTime() + 59_000),
          expectedService: fixture.service,
          signingKeys: keys,
        });
        expect(result).toEqual({ ok: true });
      });
    });
  }

  it('reads the session token from the header and from a presigned URL', () => {
    const tokens = fixtures.cases.map((fixture) => {
      const parsed = parseSignature(fixture.request);
      return parsed.kind === 'signed' ? [parsed.transport, parsed.securityToken] : [parsed.kind];
    });
    const token = 'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token/with+slashes==';
    expect(tokens).toEqual([
      ['header', undefined],
      ['header', undefined],
      ['header', undefined],
      ['header', undefined],
      ['header', token],
      ['query', undefined],
      ['query', token],
    ]);
  });

  it('takes the expiry of a presigned URL from X-Amz-Expires', () => {
    const expires = fixtures.cases.map((fixture) => {
      const parsed = parseSignature(fixture.request);
      return parsed.kind === 'signed' ? parsed.expiresSeconds : parsed.kind;
    });
    expect(expires).toEqual([undefined, undefined, undefined, undefined, undefined, 900, 60]);
  });
});
