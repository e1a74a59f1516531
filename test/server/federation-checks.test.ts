// Federation checks on a live node with the JS SDK: OIDC time claims, <provider>:amr and aws:FederatedProvider,
// SAML saml:iss/doc/namequalifier trust keys, SAML PrincipalTag/TransitiveTagKeys, and PackedPolicyTooLarge.

import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  IAMClient,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, AssumeRoleWithSAMLCommand, AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamClient, stsClient } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';
import { startOidcIssuer, type TestOidcIssuer } from '../support/oidc-issuer.js';
import { startSamlIdp, type TestSamlIdp } from '../support/saml-idp.js';

const ACCOUNT = '123456789012';
const AUD = 'sts.amazonaws.com';
const SUB = 'repo:org/checks:ref:refs/heads/main';
const PROVIDER_NAME = 'CorpChecks';
const SAML_PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/${PROVIDER_NAME}`;
const PRINCIPAL_TAG = 'https://aws.amazon.com/SAML/Attributes/PrincipalTag:';
const TRANSITIVE_TAG_KEYS = 'https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys';
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

let issuer: TestOidcIssuer;
let idp: TestSamlIdp;
let server: TestServer;
let rootIam: IAMClient;
let oidcProviderArn: string;
/** The issuer URL without https://, the prefix of its condition keys. */
let oidcKeyPrefix: string;

const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const listUsersPolicy = (condition: Record<string, unknown>) => doc([{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: condition }]);

const anonymousSts = () => new STSClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1 });

const sessionIam = (credentials: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined) =>
  iamClient({ url: server.url, accessKeyId: credentials!.AccessKeyId!, secretAccessKey: credentials!.SecretAccessKey!, sessionToken: credentials!.SessionToken! });

const sdkError = async (promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> => {
  const error = (await promise.then(() => undefined, (e: unknown) => e)) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
  expect(error).toBeDefined();
  return { name: error!.name, message: error!.message, status: error!.$metadata?.httpStatusCode };
};

const webIdentity = (role: string, token: string, session = 'checks') =>
  anonymousSts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role, RoleSessionName: session, WebIdentityToken: token }));

const saml = (role: string, attributes: Record<string, string[]> = {}, sessionName = 'alice@example.com') =>
  anonymousSts().send(
    new AssumeRoleWithSAMLCommand({ RoleArn: role, PrincipalArn: SAML_PROVIDER, SAMLAssertion: idp.response({ roleArn: role, providerArn: SAML_PROVIDER, sessionName, attributes }) }),
  );

const oidcTrust = (condition: Record<string, unknown> = { StringEquals: { [`${oidcKeyPrefix}:aud`]: AUD } }) =>
  doc([{ Effect: 'Allow', Principal: { Federated: oidcProviderArn }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }]);

beforeAll(async () => {
  [issuer, idp] = await Promise.all([startOidcIssuer({ host: 'checks.keycard.test', path: '/oidc' }), startSamlIdp('https://idp.keycard.test/checks')]);
  const caFile = join(mkdtempSync(join(tmpdir(), 'keycard-checks-ca-')), 'ca.pem');
  writeFileSync(caFile, issuer.caPem);
  server = await startTestServer({ oidc: { caFile, connectTo: issuer.connectTo } });
  rootIam = iamClient({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
  oidcKeyPrefix = issuer.issuer.slice('https://'.length);
  const provider = await rootIam.send(
    new CreateOpenIDConnectProviderCommand({ Url: issuer.issuer, ClientIDList: [AUD], ThumbprintList: ['0123456789abcdef0123456789abcdef01234567'] }),
  );
  oidcProviderArn = provider.OpenIDConnectProviderArn!;
  await rootIam.send(new CreateSAMLProviderCommand({ Name: PROVIDER_NAME, SAMLMetadataDocument: idp.metadata }));
  await rootIam.send(new CreateRoleCommand({ RoleName: 'OidcPlain', AssumeRolePolicyDocument: oidcTrust() }));
}, 60_000);

afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

describe('AssumeRoleWithWebIdentity token and condition checks', () => {
  it('refuses a token whose nbf is in the future, whose iat is in the future, or that has no exp', async () => {
    const now = Math.floor(Date.now() / 1000);
    const role = roleArn('OidcPlain');
    // Control: the same claims with sane times are accepted.
    expect((await webIdentity(role, await issuer.sign({ sub: SUB, aud: AUD }))).SubjectFromWebIdentityToken).toBe(SUB);

    const notYet = await issuer.sign({ sub: SUB, aud: AUD, nbf: now + 600 }, { expiresIn: 3600 });
    const futureIat = await issuer.sign({ sub: SUB, aud: AUD }, { issuedAt: now + 600, expiresIn: 3000 });
    const noExp = await issuer.sign({ sub: SUB, aud: AUD, exp: undefined });
    expect(decodeJwt(futureIat).iat).toBe(now + 600);
    expect(decodeJwt(noExp).exp).toBeUndefined();
    for (const [token, reason] of [[notYet, /nbf/], [futureIat, /future|iat/], [noExp, /exp/]] as const) {
      const refused = await sdkError(webIdentity(role, token));
      expect([refused.name, refused.status]).toEqual(['InvalidIdentityTokenException', 400]);
      expect(refused.message).toMatch(reason);
    }
  });

  it('decides a ForAnyValue:StringEquals condition on <provider>:amr from the token\'s amr claim', async () => {
    const role = roleArn('OidcAmr');
    await rootIam.send(
      new CreateRoleCommand({
        RoleName: 'OidcAmr',
        AssumeRolePolicyDocument: oidcTrust({ StringEquals: { [`${oidcKeyPrefix}:aud`]: AUD }, 'ForAnyValue:StringEquals': { [`${oidcKeyPrefix}:amr`]: 'mfa' } }),
      }),
    );
    const ok = await webIdentity(role, await issuer.sign({ sub: SUB, aud: AUD, amr: ['pwd', 'mfa'] }));
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/OidcAmr/checks`);
    for (const claims of [{ amr: ['pwd'] }, {}]) {
      const denied = await sdkError(webIdentity(role, await issuer.sign({ sub: SUB, aud: AUD, ...claims })));
      expect(denied).toEqual({ name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity', status: 403 });
    }
  });

  it('carries aws:FederatedProvider into the web-identity session\'s later requests', async () => {
    const other = `arn:aws:iam::${ACCOUNT}:oidc-provider/other.keycard.test/oidc`;
    for (const [name, providerArn] of [['OidcFromProvider', oidcProviderArn], ['OidcFromOther', other]] as const) {
      await rootIam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: oidcTrust() }));
      await rootIam.send(
        new PutRolePolicyCommand({ RoleName: name, PolicyName: 'list-if-provider', PolicyDocument: listUsersPolicy({ StringEquals: { 'aws:FederatedProvider': providerArn } }) }),
      );
    }
    const token = await issuer.sign({ sub: SUB, aud: AUD });
    const allowed = await webIdentity(roleArn('OidcFromProvider'), token);
    expect((await sessionIam(allowed.Credentials).send(new ListUsersCommand({}))).Users).toBeDefined();
    const denied = await webIdentity(roleArn('OidcFromOther'), token);
    expect((await sdkError(sessionIam(denied.Credentials).send(new ListUsersCommand({})))).name).toBe('AccessDenied');
  });
});

describe('AssumeRoleWithSAML trust keys and session tags', () => {
  it('offers saml:iss, saml:doc and saml:namequalifier to the trust policy', async () => {
    const qualifier = createHash('sha1').update(`${idp.entityId}${ACCOUNT}/${PROVIDER_NAME}`).digest('base64');
    const trustFor = (samlDoc: string) =>
      doc([
        {
          Effect: 'Allow',
          Principal: { Federated: SAML_PROVIDER },
          Action: 'sts:AssumeRoleWithSAML',
          Condition: { StringEquals: { 'saml:iss': idp.entityId, 'saml:doc': samlDoc, 'saml:namequalifier': qualifier } },
        },
      ]);
    await rootIam.send(new CreateRoleCommand({ RoleName: 'SamlKeys', AssumeRolePolicyDocument: trustFor(`${ACCOUNT}/${PROVIDER_NAME}`) }));
    await rootIam.send(new CreateRoleCommand({ RoleName: 'SamlOtherDoc', AssumeRolePolicyDocument: trustFor(`${ACCOUNT}/SomeOtherProvider`) }));
    const out = await saml(roleArn('SamlKeys'));
    expect(out.NameQualifier).toBe(qualifier);
    expect(out.Issuer).toBe(idp.entityId);
    const denied = await sdkError(saml(roleArn('SamlOtherDoc')));
    expect(denied).toEqual({ name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithSAML', status: 403 });
  });

  it('needs sts:TagSession for PrincipalTag attributes, then carries the tags (and transitive ones) into the session', async () => {
    const samlOnly = { Effect: 'Allow', Principal: { Federated: SAML_PROVIDER }, Action: 'sts:AssumeRoleWithSAML' };
    await rootIam.send(new CreateRoleCommand({ RoleName: 'SamlNoTags', AssumeRolePolicyDocument: doc([samlOnly]) }));
    await rootIam.send(new CreateRoleCommand({ RoleName: 'SamlTagged', AssumeRolePolicyDocument: doc([{ ...samlOnly, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'] }]) }));
    const teamBlue = listUsersPolicy({ StringEquals: { 'aws:PrincipalTag/team': 'blue' } });
    await rootIam.send(new PutRolePolicyCommand({ RoleName: 'SamlTagged', PolicyName: 'list-if-blue', PolicyDocument: teamBlue }));
    await rootIam.send(
      new PutRolePolicyCommand({
        RoleName: 'SamlTagged',
        PolicyName: 'chain',
        PolicyDocument: doc([{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: roleArn('SamlChained') }]),
      }),
    );
    // The next role in a chain sees the transitive tag as the session's own.
    await rootIam.send(
      new CreateRoleCommand({
        RoleName: 'SamlChained',
        AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: roleArn('SamlTagged') }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]),
      }),
    );
    await rootIam.send(new PutRolePolicyCommand({ RoleName: 'SamlChained', PolicyName: 'list-if-blue', PolicyDocument: teamBlue }));

    const blue = { [`${PRINCIPAL_TAG}team`]: ['blue'], [TRANSITIVE_TAG_KEYS]: ['team'] };
    // Without tags the role is assumable; with them, the missing sts:TagSession refuses the call.
    expect((await saml(roleArn('SamlNoTags'))).AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/SamlNoTags/alice@example.com`);
    const refused = await sdkError(saml(roleArn('SamlNoTags'), blue));
    expect(refused).toEqual({ name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithSAML', status: 403 });

    const tagged = await saml(roleArn('SamlTagged'), blue);
    expect(tagged.PackedPolicySize).toBeGreaterThan(0);
    const taggedIam = sessionIam(tagged.Credentials);
    expect((await taggedIam.send(new ListUsersCommand({}))).Users).toBeDefined();

    const red = await saml(roleArn('SamlTagged'), { [`${PRINCIPAL_TAG}team`]: ['red'] });
    expect((await sdkError(sessionIam(red.Credentials).send(new ListUsersCommand({})))).name).toBe('AccessDenied');

    const chained = await stsClient({
      url: server.url,
      accessKeyId: tagged.Credentials!.AccessKeyId!,
      secretAccessKey: tagged.Credentials!.SecretAccessKey!,
      sessionToken: tagged.Credentials!.SessionToken!,
    }).send(new AssumeRoleCommand({ RoleArn: roleArn('SamlChained'), RoleSessionName: 'next' }));
    expect((await sessionIam(chained.Credentials).send(new ListUsersCommand({}))).Users).toBeDefined();
  });
});

describe('AssumeRole packed size', () => {
  it('answers PackedPolicyTooLarge when the session policy and tags pack beyond 100 %', async () => {
    await rootIam.send(new CreateUserCommand({ UserName: 'packer' }));
    await rootIam.send(
      new PutUserPolicyCommand({ UserName: 'packer', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: '*' }]) }),
    );
    const key = (await rootIam.send(new CreateAccessKeyCommand({ UserName: 'packer' }))).AccessKey!;
    await rootIam.send(
      new CreateRoleCommand({
        RoleName: 'Packed',
        AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/packer` }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]),
      }),
    );
    const sts = stsClient({ url: server.url, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    // Random alphanumerics barely compress, so the deflated size tracks the text's length.
    const noise = (length: number) => randomBytes(length * 2).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, length);
    const policyWith = (prefixes: string[]) =>
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringEquals: { 's3:prefix': prefixes } } }] });
    const prefixes: string[] = [];
    while (policyWith([...prefixes, noise(60)]).length <= 2048) prefixes.push(noise(60));
    const policy = policyWith(prefixes);
    expect(policy.length).toBeGreaterThan(1900);
    expect(policy.length).toBeLessThanOrEqual(2048);
    const tags = Array.from({ length: 6 }, (_, i) => ({ Key: `t${i}`, Value: noise(256) }));
    const assume = (input: { Policy?: string; Tags?: typeof tags }) => sts.send(new AssumeRoleCommand({ RoleArn: roleArn('Packed'), RoleSessionName: 'packed', ...input }));

    // Each part alone fits.
    const policyOnly = await assume({ Policy: policy });
    expect(policyOnly.PackedPolicySize).toBeGreaterThan(50);
    expect(policyOnly.PackedPolicySize).toBeLessThanOrEqual(100);
    const tagsOnly = await assume({ Tags: tags });
    expect(tagsOnly.PackedPolicySize).toBeGreaterThan(0);
    expect(tagsOnly.PackedPolicySize).toBeLessThanOrEqual(100);

    const tooLarge = await sdkError(assume({ Policy: policy, Tags: tags }));
    expect([tooLarge.name, tooLarge.status]).toEqual(['PackedPolicyTooLargeException', 400]);
    expect(tooLarge.message).toMatch(/^Packed policy consumes (\d+)% of allotted space, please use smaller policy\.$/);
    expect(Number(/(\d+)%/.exec(tooLarge.message)![1])).toBeGreaterThan(100);
  });
});
