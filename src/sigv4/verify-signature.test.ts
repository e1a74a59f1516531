import { describe, expect, it } from 'vitest';
import { SIGNATURE_MISMATCH_MESSAGE } from './failure.js';
import { parseSignature, type ParsedSignature } from './parse-signature.js';
import type { SignedRequest } from './signed-request.js';
import { SigningKeyCache } from './signing-key-cache.js';
import { sha256Hex, signRequest, type SigningInput } from './test-support/sign-request.js';
import { verifySignature, type VerifyOptions } from './verify-signature.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SIGNED_AT = new Date('2022-01-27T01:59:28Z');
const BODY = 'Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fdivision_abc%2F';

const base: SigningInput = {
  method: 'POST',
  path: '/',
  query: '',
  headers: { host: 'iam.amazonaws.com', 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: BODY,
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: SECRET,
  region: 'us-east-1',
  service: 'iam',
  at: SIGNED_AT,
  transport: 'header',
};

const parse = (request: SignedRequest): ParsedSignature => {
  const parsed = parseSignature(request);
  if (parsed.kind !== 'signed') throw new Error(JSON.stringify(parsed));
  return parsed;
};

const verify = (request: SignedRequest, overrides: Partial<VerifyOptions> = {}) =>
  verifySignature(request, parse(request), {
    secretAccessKey: SECRET,
    payloadSha256Hex: sha256Hex(BODY),
    now: SIGNED_AT,
    expectedService: 'iam',
    expectedRegion: 'us-east-1',
    signingKeys: new SigningKeyCache(4),
    ...overrides,
  });

const mismatch = (message = SIGNATURE_MISMATCH_MESSAGE) => ({ ok: false, code: 'SignatureDoesNotMatch', status: 403, message });

const withHeader = (request: SignedRequest, name: string, value: string | string[] | undefined): SignedRequest => ({
  ...request,
  headers: { ...request.headers, [name]: value },
});

describe('verifySignature accepts', () => {
  it('a correctly signed request', () => {
    expect(verify(signRequest(base).request)).toEqual({ ok: true });
  });

  it('a request timed by the Date header', () => {
    expect(verify(signRequest({ ...base, useDateHeader: true }).request)).toEqual({ ok: true });
  });

  it('unsigned headers changing, and query parameters arriving in another order or with + for a space', () => {
    const { request } = signRequest({ ...base, method: 'GET', query: 'b=2&a=x%20y', body: '' });
    const options = { payloadSha256Hex: sha256Hex('') };
    expect(verify(withHeader(request, 'user-agent', 'anything'), options)).toEqual({ ok: true });
    expect(verify({ ...request, query: request.query.replace('b=2&a=x%20y', 'a=x+y&b=2') }, options)).toEqual({ ok: true });
  });

  it('a repeated signed header, given as separate values', () => {
    const { request } = signRequest({ ...base, headers: { ...base.headers, 'x-custom': ['one', 'two'] } });
    expect(verify(request)).toEqual({ ok: true });
  });
});

describe('verifySignature refuses a tampered or wrongly signed request', () => {
  const { request } = signRequest({ ...base, query: 'Extra=1' });

  it('made with another secret', () => {
    expect(verify(request, { secretAccessKey: SECRET.replace('w', 'W') })).toEqual(mismatch());
  });

  it('whose body changed', () => {
    expect(verify(request, { payloadSha256Hex: sha256Hex(BODY.replace('ListUsers', 'ListRoles')) })).toEqual(mismatch());
  });

  it('whose signed header changed, or went missing', () => {
    expect(verify(withHeader(request, 'content-type', 'application/json'))).toEqual(mismatch());
    expect(verify(withHeader(request, 'host', 'iam.evil.example'))).toEqual(mismatch());
    expect(verify(withHeader(request, 'content-type', undefined))).toEqual(mismatch());
  });

  it('whose query, path or method changed', () => {
    expect(verify({ ...request, query: 'Extra=2' })).toEqual(mismatch());
    expect(verify({ ...request, query: 'Extra=1&Another=1' })).toEqual(mismatch());
    expect(verify({ ...request, path: '/other' })).toEqual(mismatch());
    expect(verify({ ...request, method: 'PUT' })).toEqual(mismatch());
  });

  it('whose signature is not the one computed, in any case', () => {
    const authorization = request.headers['authorization'] as string;
    const signature = authorization.slice(-64);
    expect(verify(withHeader(request, 'authorization', authorization.replace(signature, signature.toUpperCase())))).toEqual(mismatch());
    expect(verify(withHeader(request, 'authorization', authorization.slice(0, -1)))).toEqual(mismatch());
  });

  it('whose declared x-amz-content-sha256 is not the body received', () => {
    const declared = signRequest({ ...base, headers: { ...base.headers, 'x-amz-content-sha256': sha256Hex('other body') } });
    expect(verify(declared.request)).toEqual(mismatch("The provided 'x-amz-content-sha256' header does not match what was computed."));
    const honest = signRequest({ ...base, headers: { ...base.headers, 'x-amz-content-sha256': sha256Hex(BODY) } });
    expect(verify(honest.request)).toEqual({ ok: true });
  });

  it('but not a body declared UNSIGNED-PAYLOAD, which the signature does not cover', () => {
    const { request: unsigned } = signRequest({ ...base, headers: { ...base.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    expect(verify(unsigned, { payloadSha256Hex: sha256Hex('any body at all') })).toEqual({ ok: true });
  });
});

describe('verifySignature: the 15-minute clock window (§7.2)', () => {
  it('refuses an old request with AWS’s text', () => {
    const { request } = signRequest({ ...base, at: new Date('2022-01-27T00:14:27Z') });
    expect(verify(request, { now: new Date('2022-01-27T01:59:28Z') })).toEqual(
      mismatch('Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z (20220127T015928Z - 15 min.)'),
    );
  });

  it('refuses a request from the future with AWS’s text', () => {
    const { request } = signRequest({ ...base, at: new Date('2022-01-27T02:14:29Z') });
    expect(verify(request, { now: new Date('2022-01-27T01:59:28Z') })).toEqual(
      mismatch('Signature not yet current: 20220127T021429Z is still later than 20220127T021428Z (20220127T015928Z + 15 min.)'),
    );
  });

  it('accepts exactly 15 minutes either way, counting whole seconds', () => {
    const { request } = signRequest(base);
    expect(verify(request, { now: new Date(SIGNED_AT.getTime() + 15 * 60_000 + 999) })).toEqual({ ok: true });
    expect(verify(request, { now: new Date(SIGNED_AT.getTime() - 15 * 60_000) })).toEqual({ ok: true });
    expect(verify(request, { now: new Date(SIGNED_AT.getTime() + 15 * 60_000 + 1000) })).toMatchObject({ ok: false });
  });
});

describe('verifySignature: the credential scope (§7.3)', () => {
  const { request } = signRequest(base);
  const rescoped = (from: string, to: string) =>
    withHeader(request, 'authorization', (request.headers['authorization'] as string).replace(from, to));

  it('needs the scope date to be the request date', () => {
    expect(verify(rescoped('/20220127/', '/20220126/'))).toEqual(
      mismatch('Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP'),
    );
  });

  it('needs the expected region and service, when given', () => {
    expect(verify(rescoped('/us-east-1/', '/eu-west-1/'))).toEqual(mismatch('Credential should be scoped to a valid Region, not eu-west-1'));
    expect(verify(rescoped('/iam/', '/sts/'))).toEqual(mismatch("Credential should be scoped to correct service: 'iam'"));
    expect(verify(rescoped('/iam/', '/sts/'), { expectedService: undefined })).toEqual(mismatch());
  });

  it('needs the aws4_request terminator', () => {
    expect(verify(rescoped('/aws4_request,', '/aws4_requests,'))).toEqual(
      mismatch("Credential should be scoped with a valid terminator: 'aws4_request'"),
    );
  });
});

describe('verifySignature: presigned URLs', () => {
  const presign = (overrides: Partial<SigningInput>) =>
    signRequest({
      ...base,
      method: 'GET',
      query: 'Action=GetCallerIdentity&Version=2011-06-15',
      headers: { host: 'sts.amazonaws.com' },
      body: '',
      service: 'sts',
      transport: 'query',
      ...overrides,
    }).request;
  const verifyPresigned = (request: SignedRequest, now: Date, body = '') =>
    verify(request, { now, expectedService: 'sts', payloadSha256Hex: sha256Hex(body) });

  it('accepts a URL until X-Amz-Date + X-Amz-Expires, however old', () => {
    const request = presign({ expiresSeconds: 604_800, sessionToken: 'token' });
    expect(verifyPresigned(request, new Date(SIGNED_AT.getTime() + 604_800_000))).toEqual({ ok: true });
  });

  it('refuses it afterwards with RequestExpired', () => {
    const request = presign({ expiresSeconds: 60 });
    expect(verifyPresigned(request, new Date(SIGNED_AT.getTime() + 61_000))).toEqual({
      ok: false,
      code: 'RequestExpired',
      status: 400,
      message:
        'Request has expired: X-Amz-Date 20220127T015928Z plus X-Amz-Expires 60 seconds ended at 20220127T020028Z, before 20220127T020029Z.',
    });
  });

  it('refuses one dated more than 15 minutes ahead', () => {
    const request = presign({ expiresSeconds: 3600 });
    expect(verifyPresigned(request, new Date(SIGNED_AT.getTime() - 16 * 60_000))).toMatchObject({
      code: 'SignatureDoesNotMatch',
      message: expect.stringMatching(/^Signature not yet current: /),
    });
  });

  it('needs X-Amz-Expires between 1 and 604800', () => {
    for (const expiresSeconds of [0, 604_801]) {
      expect(verifyPresigned(presign({ expiresSeconds }), SIGNED_AT)).toEqual({
        ok: false,
        code: 'IncompleteSignature',
        status: 400,
        message: `X-Amz-Expires must be between 1 and 604800 seconds (one week); got ${expiresSeconds}.`,
      });
    }
  });

  it('refuses a body attached to a presigned URL, and any change to the query', () => {
    const request = presign({});
    expect(verifyPresigned(request, SIGNED_AT, 'Action=CreateUser&UserName=x')).toEqual(mismatch());
    expect(verifyPresigned({ ...request, query: request.query.replace('GetCallerIdentity', 'GetSessionToken') }, SIGNED_AT)).toEqual(mismatch());
    expect(verifyPresigned({ ...request, query: request.query.replace('X-Amz-Expires=3600', 'X-Amz-Expires=3601') }, SIGNED_AT)).toEqual(mismatch());
  });

  it('signs UNSIGNED-PAYLOAD for S3, so any body verifies', () => {
    const request = presign({ service: 's3', path: '/bucket/key%20name', query: '' });
    expect(verify(request, { now: SIGNED_AT, expectedService: 's3', payloadSha256Hex: sha256Hex('whatever') })).toEqual({ ok: true });
  });
});
