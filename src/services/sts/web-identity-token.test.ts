// Outbound identity federation through the service with the harness: enabling, disabling and reading the
// account's issuer; GetWebIdentityToken's claims, signatures (checked against the issuer's published keys),
// authorization with its condition keys, and its errors.

import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../access/caller.js';
import { accountByIssuerId } from '../iam/outbound-federation.js';
import { ACCOUNT, allow, createHarness, HARNESS_URL, type Harness } from '../iam/test-support/harness.js';
import { sessionCaller } from './test-support/callers.js';
import { AWS_CLAIMS_NAMESPACE } from './web-identity-token.js';

let h: Harness;
let alice: Caller;
beforeEach(async () => {
  h = await createHarness();
  await h.call('CreateUser', { UserName: 'alice', Tags: [{ Key: 'Team', Value: 'data' }] });
  alice = h.userCaller('alice');
});
afterEach(async () => {
  await h.close();
});

const enable = async () => (await h.call('EnableOutboundWebIdentityFederation')).IssuerIdentifier as string;

/** Verifies a token against the keys the account's issuer publishes; returns its claims. */
const verify = async (token: string, issuer: string, audience: string): Promise<JWTPayload> => {
  const found = accountByIssuerId(h.state, issuer.slice(issuer.lastIndexOf('/') + 1))!;
  const keys = createLocalJWKSet({ keys: found.federation.keys.map((k) => ({ ...k.publicJwk })) });
  return (await jwtVerify(token, keys, { issuer, audience })).payload;
};

const token = async (caller: Caller, input: Record<string, unknown>) =>
  (await h.call('GetWebIdentityToken', { Audience: ['https://api.example.com'], SigningAlgorithm: 'ES384', ...input }, caller)) as {
    WebIdentityToken: string;
    Expiration: Date;
  };

describe('EnableOutboundWebIdentityFederation and friends', () => {
  it('gives the account one issuer: enabled once, reported, disabled once, and the same when enabled again', async () => {
    expect((await h.fail('GetOutboundWebIdentityFederationInfo')).code).toBe('FeatureDisabled');
    const issuer = await enable();
    expect(issuer).toMatch(new RegExp(`^${HARNESS_URL}/_keycard/outbound/[0-9a-f-]{36}$`));
    expect(await h.call('GetOutboundWebIdentityFederationInfo')).toEqual({ IssuerIdentifier: issuer, JwtVendingEnabled: true });
    expect((await h.fail('EnableOutboundWebIdentityFederation')).code).toBe('FeatureEnabled');
    await h.call('DisableOutboundWebIdentityFederation');
    expect((await h.fail('DisableOutboundWebIdentityFederation')).code).toBe('FeatureDisabled');
    expect((await h.fail('GetOutboundWebIdentityFederationInfo')).code).toBe('FeatureDisabled');
    expect(await enable()).toBe(issuer);
  });

  it('keeps the signing keys sealed: no private key material in the stored record', async () => {
    await enable();
    const record = JSON.stringify(h.state.get('account', ACCOUNT)!.data);
    expect(record).not.toMatch(/PRIVATE KEY/);
    expect(record).not.toMatch(/"d":/);
  });

  it('needs the IAM permissions, like every IAM call', async () => {
    expect((await h.fail('EnableOutboundWebIdentityFederation', {}, alice)).code).toBe('AccessDenied');
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'p', PolicyDocument: allow('iam:EnableOutboundWebIdentityFederation') });
    await h.call('EnableOutboundWebIdentityFederation', {}, alice);
  });
});

describe('GetWebIdentityToken', () => {
  beforeEach(async () => {
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'tokens', PolicyDocument: allow(['sts:GetWebIdentityToken', 'sts:TagGetWebIdentityToken']) });
  });

  it('refuses while the feature is off', async () => {
    expect((await h.fail('GetWebIdentityToken', { Audience: ['a'], SigningAlgorithm: 'RS256' }, alice)).code).toBe(
      'OutboundWebIdentityFederationDisabledException',
    );
  });

  it('signs with either algorithm; the claims name the caller, the account, the region and both sets of tags', async () => {
    const issuer = await enable();
    for (const algorithm of ['RS256', 'ES384']) {
      const out = await token(alice, { SigningAlgorithm: algorithm, Tags: [{ Key: 'job', Value: '42' }] });
      expect(decodeProtectedHeader(out.WebIdentityToken)).toMatchObject({ alg: algorithm, typ: 'JWT' });
      const claims = await verify(out.WebIdentityToken, issuer, 'https://api.example.com');
      expect(claims).toMatchObject({
        iss: issuer,
        aud: 'https://api.example.com',
        sub: `arn:aws:iam::${ACCOUNT}:user/alice`,
        [AWS_CLAIMS_NAMESPACE]: {
          aws_account: ACCOUNT,
          source_region: 'us-east-1',
          principal_id: `arn:aws:iam::${ACCOUNT}:user/alice`,
          principal_tags: { Team: 'data' },
          request_tags: { job: '42' },
        },
      });
      expect(claims.exp! - claims.iat!).toBe(300);
      expect(out.Expiration.getTime()).toBe(claims.exp! * 1000);
      expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('puts several audiences in an array, and takes DurationSeconds', async () => {
    const issuer = await enable();
    const out = await token(alice, { Audience: ['https://a.example', 'https://b.example'], DurationSeconds: 3600 });
    const claims = await verify(out.WebIdentityToken, issuer, 'https://b.example');
    expect(claims.aud).toEqual(['https://a.example', 'https://b.example']);
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('names a role session by its role, and refuses a token that would outlive the session', async () => {
    const issuer = await enable();
    await h.call('CreateRole', {
      RoleName: 'Worker',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }, Action: 'sts:AssumeRole' }] }),
    });
    await h.call('PutRolePolicy', { RoleName: 'Worker', PolicyName: 'tokens', PolicyDocument: allow('sts:GetWebIdentityToken') });
    const assumed = await h.call('AssumeRole', { RoleArn: `arn:aws:iam::${ACCOUNT}:role/Worker`, RoleSessionName: 'w1', DurationSeconds: 900 }, alice);
    const worker = sessionCaller(h.keyRing, h.state, assumed.Credentials);
    const claims = await verify((await token(worker, {})).WebIdentityToken, issuer, 'https://api.example.com');
    expect(claims.sub).toBe(`arn:aws:iam::${ACCOUNT}:role/Worker`);
    expect((await h.fail('GetWebIdentityToken', { Audience: ['a'], SigningAlgorithm: 'RS256', DurationSeconds: 3600 }, worker)).code).toBe(
      'SessionDurationEscalationException',
    );
  });

  it('is authorized with sts:IdentityTokenAudience, sts:DurationSeconds and sts:SigningAlgorithm, and Tags need sts:TagGetWebIdentityToken', async () => {
    await enable();
    await h.call('CreateUser', { UserName: 'bob' });
    const bob = h.userCaller('bob');
    expect((await h.fail('GetWebIdentityToken', { Audience: ['https://api.example.com'], SigningAlgorithm: 'ES384' }, bob)).code).toBe('AccessDenied');
    await h.call('PutUserPolicy', {
      UserName: 'bob',
      PolicyName: 'narrow',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: 'sts:GetWebIdentityToken',
          Resource: '*',
          Condition: {
            'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': 'https://api.example.com' },
            NumericLessThanEquals: { 'sts:DurationSeconds': 600 },
            StringEquals: { 'sts:SigningAlgorithm': 'ES384' },
          },
        }],
      }),
    });
    await token(bob, {});
    for (const input of [{ Audience: ['https://api.example.com', 'https://other.example'] }, { DurationSeconds: 900 }, { SigningAlgorithm: 'RS256' }]) {
      const denied = await h.fail('GetWebIdentityToken', { Audience: ['https://api.example.com'], SigningAlgorithm: 'ES384', ...input }, bob);
      expect([denied.code, denied.message.includes('to perform: sts:GetWebIdentityToken on resource')]).toEqual(['AccessDenied', true]);
    }
    const tagged = await h.fail('GetWebIdentityToken', { Audience: ['https://api.example.com'], SigningAlgorithm: 'ES384', Tags: [{ Key: 'k', Value: 'v' }] }, bob);
    expect([tagged.code, tagged.message.includes('to perform: sts:TagGetWebIdentityToken on resource')]).toEqual(['AccessDenied', true]);
  });

  it('checks request tags as session tags: keys compare without case, and none starts with "aws:"', async () => {
    await enable();
    const twice = await h.fail('GetWebIdentityToken', { Audience: ['a'], SigningAlgorithm: 'ES384', Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'ENV', Value: 'dev' }] }, alice);
    expect(twice).toMatchObject({ code: 'InvalidParameterValue', message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.' });
    const reserved = await h.fail('GetWebIdentityToken', { Audience: ['a'], SigningAlgorithm: 'ES384', Tags: [{ Key: 'aws:env', Value: 'x' }] }, alice);
    expect(reserved.code).toBe('InvalidParameterValue');
  });

  it('keeps the issuer URL it was first enabled with when the node is later reached at another address', async () => {
    const issuer = await enable();
    h.setPublicUrl('https://keycard.elsewhere.example');
    expect((await h.call('GetOutboundWebIdentityFederationInfo')).IssuerIdentifier).toBe(issuer);
    const out = await token(alice, {});
    expect((await verify(out.WebIdentityToken, issuer, 'https://api.example.com')).iss).toBe(issuer);
  });

  it('refuses an algorithm other than RS256 and ES384 with a ValidationError', async () => {
    await enable();
    expect(await h.fail('GetWebIdentityToken', { Audience: ['a'], SigningAlgorithm: 'HS256' }, alice)).toMatchObject({
      code: 'ValidationError',
      message: "1 validation error detected: Value 'HS256' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]",
    });
  });
});
