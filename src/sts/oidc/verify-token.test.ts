// OIDC token verification against a live HTTPS test issuer: good tokens, every refusal and its STS error
// code (§5.9, §5.11), key caching, refetch on an unknown kid, and an issuer that does not answer.

import { createServer, type Server } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIssuer, type TestOidcIssuer } from '../../../test/support/oidc-issuer.js';
import { FederationError } from '../federation-error.js';
import { IssuerKeys } from './issuer-keys.js';
import { verifyWebIdentityToken, type OidcProviderRef } from './verify-token.js';

let issuer: TestOidcIssuer;
let provider: OidcProviderRef;

beforeAll(async () => {
  issuer = await startOidcIssuer({ host: 'token.keycard.test', path: '/ci' });
  provider = { arn: 'arn:aws:iam::123456789012:oidc-provider/token.keycard.test/ci', url: 'token.keycard.test/ci', clientIds: ['sts.amazonaws.com'] };
});
afterAll(() => issuer.close());

const keysFor = (i: TestOidcIssuer, extra: Partial<ConstructorParameters<typeof IssuerKeys>[0]> = {}) =>
  new IssuerKeys({ extraCa: [i.caPem], connectTo: i.connectTo, refetchCooldownMs: 0, ...extra });

const verify = (token: string, keys = keysFor(issuer), now = new Date()) =>
  verifyWebIdentityToken(token, { findProvider: (name) => (name === provider.url ? provider : undefined), keys, now });

const refusal = async (promise: Promise<unknown>): Promise<FederationError> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FederationError);
  return error as FederationError;
};

const CI_SUB = 'repo:org/repo:ref:refs/heads/main';

describe('verifyWebIdentityToken', () => {
  it('accepts a CI-style token and reads the AWS tag and source-identity claims', async () => {
    const token = await issuer.sign({
      sub: CI_SUB,
      aud: 'sts.amazonaws.com',
      'https://aws.amazon.com/tags': { principal_tags: { Project: ['keycard'] }, transitive_tag_keys: ['Project'] },
      'https://aws.amazon.com/source_identity': 'ci-runner',
    });
    const verified = await verify(token);
    expect(verified).toMatchObject({
      provider,
      issuer: 'https://token.keycard.test/ci',
      subject: CI_SUB,
      audience: 'sts.amazonaws.com',
      tags: { Project: 'keycard' },
      transitiveTagKeys: ['Project'],
      sourceIdentity: 'ci-runner',
    });
  });

  it('accepts an audience array when one member is a client id', async () => {
    const token = await issuer.sign({ sub: 'system:serviceaccount:ns:app', aud: ['other', 'sts.amazonaws.com'] });
    expect((await verify(token)).audience).toBe('sts.amazonaws.com');
  });

  it('refuses an expired token with ExpiredTokenException and AWS-style wording', async () => {
    const token = await issuer.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com' }, { expiresIn: -3600 });
    const error = await refusal(verify(token));
    expect(error.code).toBe('ExpiredTokenException');
    expect(error.message).toMatch(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/);
  });

  it('refuses a wrong audience', async () => {
    const token = await issuer.sign({ sub: CI_SUB, aud: 'someone-else' });
    const error = await refusal(verify(token));
    expect([error.code, error.message]).toEqual(['InvalidIdentityToken', 'Incorrect token audience']);
  });

  it('refuses an issuer that no provider of the account names', async () => {
    const token = await issuer.sign({ iss: 'https://other.keycard.test', sub: CI_SUB, aud: 'sts.amazonaws.com' });
    const error = await refusal(verify(token));
    expect([error.code, error.message]).toEqual(['InvalidIdentityToken', 'No OpenIDConnect provider found in your account for https://other.keycard.test']);
  });

  it('refuses a signature by a key the issuer does not publish, and a tampered payload', async () => {
    const forged = await issuer.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com' }, { unpublished: true });
    expect((await refusal(verify(forged))).code).toBe('InvalidIdentityToken');
    const good = await issuer.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com' });
    const [header, , signature] = good.split('.');
    const payload = Buffer.from(JSON.stringify({ iss: issuer.issuer, sub: 'repo:evil/repo:ref:refs/heads/main', aud: 'sts.amazonaws.com', exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
    expect((await refusal(verify(`${header}.${payload}.${signature}`))).code).toBe('InvalidIdentityToken');
  });

  it('refuses algorithms outside RS256/384/512 and ES256/384/512', async () => {
    const hs = await new SignJWT({ iss: issuer.issuer, sub: CI_SUB, aud: 'sts.amazonaws.com', exp: Math.floor(Date.now() / 1000) + 60 })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
    expect((await refusal(verify(hs))).message).toMatch(/signed with HS256/);
    expect((await refusal(verify('not.a.jwt'))).code).toBe('InvalidIdentityToken');
  });

  it('caches the key set, and fetches it once more for an unknown kid', async () => {
    const keys = keysFor(issuer);
    const before = issuer.jwksFetches();
    await verify(await issuer.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com' }), keys);
    await verify(await issuer.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com' }), keys);
    expect(issuer.jwksFetches() - before).toBe(1);
    const kid = await issuer.addKey('ES256');
    const rotated = await issuer.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com' }, { kid });
    expect((await verify(rotated, keys)).subject).toBe(CI_SUB);
    expect(issuer.jwksFetches() - before).toBe(2);
    // Within the cooldown an unknown kid is refused without another fetch.
    const patient = keysFor(issuer, { refetchCooldownMs: 60_000 });
    await verify(await issuer.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com' }, { kid: 'key-1' }), patient);
    const third = await issuer.addKey();
    const count = issuer.jwksFetches();
    const error = await refusal(verify(await issuer.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com' }, { kid: third }), patient));
    expect(error.code).toBe('InvalidIdentityToken');
    expect(issuer.jwksFetches()).toBe(count);
  });

  it('answers IDPCommunicationError for an issuer it cannot trust or that does not answer in time', async () => {
    const token = await issuer.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com' });
    const untrusted = await refusal(verify(token, new IssuerKeys({ connectTo: issuer.connectTo })));
    expect(untrusted.code).toBe('IDPCommunicationError');

    const sockets: import('node:net').Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket)); // accepts, never speaks TLS
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const started = Date.now();
    const error = await refusal(verify(token, new IssuerKeys({ extraCa: [issuer.caPem], connectTo: { [issuer.host]: `127.0.0.1:${port}` }, timeoutMs: 300 })));
    expect(error.code).toBe('IDPCommunicationError');
    expect(Date.now() - started).toBeLessThan(3000);
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});
