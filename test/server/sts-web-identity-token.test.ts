// Outbound identity federation on a live node: the aws CLI enables it and asks for tokens, the JS SDK too,
// and a verifier that knows nothing but the issuer URL checks them the way an external service would: it
// reads the issuer's discovery document and keys over HTTP from Keycard. (Audiences here have no scheme:
// aws CLI v1 reads a parameter value that starts with https:// as a URL to fetch the value from.)

import { CreateAccessKeyCommand, CreateUserCommand, DisableOutboundWebIdentityFederationCommand, EnableOutboundWebIdentityFederationCommand, GetOutboundWebIdentityFederationInfoCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { GetWebIdentityTokenCommand } from '@aws-sdk/client-sts';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, iamClient, stsClient, type Endpoint } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';

let server: TestServer;
let root: Endpoint;
let worker: Endpoint;

beforeAll(async () => {
  server = await startTestServer();
  root = { url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  const iam = iamClient(root);
  await iam.send(new CreateUserCommand({ UserName: 'worker', Tags: [{ Key: 'team', Value: 'payments' }] }));
  await iam.send(new PutUserPolicyCommand({
    UserName: 'worker',
    PolicyName: 'tokens-for-the-api',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': 'payments.example.com' } } }],
    }),
  }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'worker' }))).AccessKey!;
  worker = { url: server.url, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** The account's issuer, enabling the feature first if no earlier test has. */
const issuerOf = async (): Promise<string> => {
  const iam = iamClient(root);
  const info = await iam.send(new GetOutboundWebIdentityFederationInfoCommand({})).catch(() => undefined);
  return info?.IssuerIdentifier ?? (await iam.send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier!;
};

/** What an external service does: discovery document, then the keys it names, then the signature and claims. */
const verifyAsOutsider = async (token: string, issuer: string, audience: string) => {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
  expect(discovery.issuer).toBe(issuer);
  return (await jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer, audience })).payload;
};

describe('outbound identity federation', () => {
  it('is off until enabled: the aws CLI enables it and reads the issuer back', async () => {
    const before = await awsCli(worker, ['sts', 'get-web-identity-token', '--audience', 'payments.example.com', '--signing-algorithm', 'RS256']);
    expect(before.status).not.toBe(0);
    expect(before.stderr).toContain('OutboundWebIdentityFederationDisabledException');

    const enabled = await awsCli(root, ['iam', 'enable-outbound-web-identity-federation']);
    expect(enabled.status).toBe(0);
    const issuer = (enabled.json as { IssuerIdentifier: string }).IssuerIdentifier;
    expect(issuer.startsWith(`${server.url}/_keycard/outbound/`)).toBe(true);
    const info = await iamClient(root).send(new GetOutboundWebIdentityFederationInfoCommand({}));
    expect([info.IssuerIdentifier, info.JwtVendingEnabled]).toEqual([issuer, true]);
  });

  it('issues tokens an outsider verifies from the issuer URL alone (aws CLI, RS256)', async () => {
    const issuer = await issuerOf();
    const out = await awsCli(worker, ['sts', 'get-web-identity-token', '--audience', 'payments.example.com', '--signing-algorithm', 'RS256', '--duration-seconds', '120']);
    expect(out.status).toBe(0);
    const { WebIdentityToken, Expiration } = out.json as { WebIdentityToken: string; Expiration: string };
    const claims = await verifyAsOutsider(WebIdentityToken, issuer, 'payments.example.com');
    expect(claims.sub).toBe(`arn:aws:iam::${server.account}:user/worker`);
    expect(claims['https://sts.amazonaws.com/']).toMatchObject({ aws_account: server.account, principal_tags: { team: 'payments' } });
    expect(claims.exp! - claims.iat!).toBe(120);
    expect(new Date(Expiration).getTime()).toBe(claims.exp! * 1000);
  });

  it('issues ES384 tokens to the JS SDK, and denies an audience the policy does not allow', async () => {
    const issuer = await issuerOf();
    const sts = stsClient(worker);
    const out = await sts.send(new GetWebIdentityTokenCommand({ Audience: ['payments.example.com'], SigningAlgorithm: 'ES384' }));
    expect((await verifyAsOutsider(out.WebIdentityToken!, issuer, 'payments.example.com')).aud).toBe('payments.example.com');
    const denied = await sts.send(new GetWebIdentityTokenCommand({ Audience: ['elsewhere.example.com'], SigningAlgorithm: 'ES384' })).then(
      () => undefined,
      (error: { name: string }) => error.name,
    );
    expect(denied).toBe('AccessDenied');
  });

  it('a token signed by another issuer does not verify against this one', async () => {
    const issuer = await issuerOf();
    const other = await startTestServer();
    try {
      const otherRoot = { url: other.url, accessKeyId: other.accessKeyId, secretAccessKey: other.secretAccessKey };
      const otherIssuer = ((await awsCli(otherRoot, ['iam', 'enable-outbound-web-identity-federation'])).json as { IssuerIdentifier: string }).IssuerIdentifier;
      const foreign = await stsClient(otherRoot).send(new GetWebIdentityTokenCommand({ Audience: ['payments.example.com'], SigningAlgorithm: 'RS256' }));
      await verifyAsOutsider(foreign.WebIdentityToken!, otherIssuer, 'payments.example.com');
      const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
      await expect(jwtVerify(foreign.WebIdentityToken!, createRemoteJWKSet(new URL(discovery.jwks_uri)), { audience: 'payments.example.com' })).rejects.toThrow();
    } finally {
      await other.close();
    }
  });

  it('publishes public key members only, and keeps publishing them while the feature is disabled', async () => {
    const issuer = await issuerOf();
    const jwks = async () => (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, string>> };
    const { keys } = await jwks();
    expect(keys.map((k) => [k.kty, k.alg]).sort()).toEqual([['EC', 'ES384'], ['RSA', 'RS256']]);
    for (const key of keys) expect(Object.keys(key).sort()).toEqual(key.kty === 'RSA' ? ['alg', 'e', 'kid', 'kty', 'n', 'use'] : ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    const iam = iamClient(root);
    await iam.send(new DisableOutboundWebIdentityFederationCommand({}));
    try {
      expect((await jwks()).keys).toEqual(keys);
    } finally {
      expect((await iam.send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier).toBe(issuer);
    }
  });

  it('answers 404 for an issuer that does not exist', async () => {
    const response = await fetch(`${server.url}/_keycard/outbound/00000000-0000-4000-8000-000000000000/.well-known/jwks.json`);
    expect(response.status).toBe(404);
  });
});
