// Federation against a live node with real clients (§5.9, §5.10): OIDC tokens from a loopback HTTPS test
// issuer (CI-style and Kubernetes service-account subjects) through the JS SDK, its fromWebToken provider
// and botocore's web-identity credential chain; SAML responses from a test IdP through the JS SDK and boto3.
// The trust policies decide, the IdP claims become condition keys, and the sessions work afterwards.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, CreateUserCommand, CreateSAMLProviderCommand, GetUserCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleWithSAMLCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromWebToken } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boto3, iamClient } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';
import { startOidcIssuer, type TestOidcIssuer } from '../support/oidc-issuer.js';
import { startSamlIdp, type TestSamlIdp } from '../support/saml-idp.js';

const ACCOUNT = '123456789012';
const CI_SUB = 'repo:org/repo:ref:refs/heads/main';
const K8S_SUB = 'system:serviceaccount:payments:api';
const CI_ROLE = `arn:aws:iam::${ACCOUNT}:role/ci/CiDeploy`;
const K8S_ROLE = `arn:aws:iam::${ACCOUNT}:role/K8sApi`;
const SAML_ROLE = `arn:aws:iam::${ACCOUNT}:role/SamlAdmin`;
const SAML_PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/Corp`;

let ci: TestOidcIssuer;
let k8s: TestOidcIssuer;
let idp: TestSamlIdp;
let server: TestServer;

const trust = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** An STS client with no credentials at all: the federation calls are unsigned (§7.4). */
const anonymousSts = () => new STSClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1 });

/** IAM and STS clients signing with a session's temporary credentials. */
const sessionClients = (credentials: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined) => {
  const config = {
    endpoint: server.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: credentials!.AccessKeyId!, secretAccessKey: credentials!.SecretAccessKey!, sessionToken: credentials!.SessionToken! },
  };
  return { iam: new IAMClient(config), sts: new STSClient(config) };
};

const sdkError = async (promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> => {
  const error = (await promise.then(() => undefined, (e: unknown) => e)) as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
  expect(error).toBeDefined();
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
};

beforeAll(async () => {
  [ci, k8s, idp] = await Promise.all([
    startOidcIssuer({ host: 'token.keycard.test', path: '/ci' }),
    startOidcIssuer({ host: 'oidc.k8s.keycard.test', path: '/id/CLUSTER1', alg: 'ES256' }),
    startSamlIdp(),
  ]);
  const caFile = join(mkdtempSync(join(tmpdir(), 'keycard-oidc-ca-')), 'ca.pem');
  writeFileSync(caFile, ci.caPem + k8s.caPem);
  server = await startTestServer({ oidc: { caFile, connectTo: { ...ci.connectTo, ...k8s.connectTo } } });
  const iam = iamClient({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
  const thumbprint = ['0123456789abcdef0123456789abcdef01234567'];
  const ciProvider = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: ci.issuer, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: thumbprint }));
  const k8sProvider = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: k8s.issuer, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: thumbprint }));
  await iam.send(new CreateSAMLProviderCommand({ Name: 'Corp', SAMLMetadataDocument: idp.metadata }));
  await iam.send(new CreateUserCommand({ UserName: 'reader' }));

  await iam.send(new CreateRoleCommand({
    RoleName: 'CiDeploy',
    Path: '/ci/',
    MaxSessionDuration: 7200,
    AssumeRolePolicyDocument: trust([
      {
        Effect: 'Allow',
        Principal: { Federated: ciProvider.OpenIDConnectProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.keycard.test/ci:aud': 'sts.amazonaws.com' }, StringLike: { 'token.keycard.test/ci:sub': 'repo:org/repo:*' } },
      },
      // Session tags from the token need sts:TagSession, and only for the main branch (§5.5, §5.7).
      { Effect: 'Allow', Principal: { Federated: ciProvider.OpenIDConnectProviderArn }, Action: 'sts:TagSession', Condition: { StringEquals: { 'token.keycard.test/ci:sub': CI_SUB } } },
    ]),
  }));
  // The sub claim carries into the session's later requests (§3.9).
  await iam.send(new PutRolePolicyCommand({
    RoleName: 'CiDeploy',
    PolicyName: 'read-users-from-main',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*', Condition: { StringEquals: { 'token.keycard.test/ci:sub': CI_SUB, 'aws:PrincipalTag/Project': 'keycard' } } }],
    }),
  }));
  await iam.send(new CreateRoleCommand({
    RoleName: 'K8sApi',
    AssumeRolePolicyDocument: trust([
      { Effect: 'Allow', Principal: { Federated: k8sProvider.OpenIDConnectProviderArn }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'oidc.k8s.keycard.test/id/CLUSTER1:sub': K8S_SUB } } },
    ]),
  }));
  await iam.send(new CreateRoleCommand({
    RoleName: 'SamlAdmin',
    AssumeRolePolicyDocument: trust([
      { Effect: 'Allow', Principal: { Federated: SAML_PROVIDER }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml', 'saml:sub_type': 'persistent' } } },
    ]),
  }));
}, 60_000);

afterAll(async () => {
  await server?.close();
  await Promise.all([ci?.close(), k8s?.close()]);
});

describe('AssumeRoleWithWebIdentity', () => {
  it('turns a CI token into a working role session (JS SDK, unsigned)', async () => {
    const token = await ci.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com', 'https://aws.amazon.com/tags': { principal_tags: { Project: ['keycard'] } } });
    const out = await anonymousSts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: CI_ROLE, RoleSessionName: 'gha-run-42', WebIdentityToken: token, DurationSeconds: 7200 }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(7100_000);
    expect(out.SubjectFromWebIdentityToken).toBe(CI_SUB);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/CiDeploy/gha-run-42`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]+:gha-run-42$/);
    expect(out.Provider).toBe(ci.issuer);
    expect(out.Audience).toBe('sts.amazonaws.com');
    expect(out.PackedPolicySize).toBeGreaterThan(0);

    const { iam, sts } = sessionClients(out.Credentials);
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/CiDeploy/gha-run-42`);
    // Allowed only through the carried token.keycard.test/ci:sub key and the session tag.
    expect((await iam.send(new GetUserCommand({ UserName: 'reader' }))).User?.UserName).toBe('reader');
  });

  it('denies a subject the trust policy does not name, and tags the trust policy does not allow', async () => {
    const sts = anonymousSts();
    const evil = await ci.sign({ sub: 'repo:evil/repo:ref:refs/heads/main', aud: 'sts.amazonaws.com' });
    const denied = await sdkError(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: CI_ROLE, RoleSessionName: 's1', WebIdentityToken: evil })));
    expect(denied).toEqual({ name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity', status: 403 });
    const branchWithTags = await ci.sign({ sub: 'repo:org/repo:ref:refs/heads/dev', aud: 'sts.amazonaws.com', 'https://aws.amazon.com/tags': { principal_tags: { Project: ['x'] } } });
    expect((await sdkError(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: CI_ROLE, RoleSessionName: 's1', WebIdentityToken: branchWithTags })))).name).toBe('AccessDenied');
    const branch = await ci.sign({ sub: 'repo:org/repo:ref:refs/heads/dev', aud: 'sts.amazonaws.com' });
    const ok = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: CI_ROLE, RoleSessionName: 's1', WebIdentityToken: branch }));
    expect(ok.PackedPolicySize).toBeUndefined();
    // This session's sub is the dev branch and it has no Project tag: the role policy does not apply.
    const { iam } = sessionClients(ok.Credentials);
    expect((await sdkError(iam.send(new GetUserCommand({ UserName: 'reader' })))).name).toBe('AccessDenied');
  });

  it('answers the STS error codes for expired, wrong-audience and unknown-issuer tokens, and for too long a session', async () => {
    const sts = anonymousSts();
    const call = (token: string, extra: { DurationSeconds?: number } = {}) =>
      sdkError(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: CI_ROLE, RoleSessionName: 's2', WebIdentityToken: token, ...extra })));
    const expired = await call(await ci.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com' }, { expiresIn: -60 * 10 }));
    expect([expired.name, expired.status]).toEqual(['ExpiredTokenException', 400]);
    expect(expired.message).toMatch(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/);
    expect(await call(await ci.sign({ sub: CI_SUB, aud: 'someone-else' }))).toEqual({ name: 'InvalidIdentityTokenException', message: 'Incorrect token audience', status: 400 });
    const stranger = await call(await k8s.sign({ iss: 'https://unknown.keycard.test', sub: CI_SUB, aud: 'sts.amazonaws.com' }));
    expect(stranger.message).toBe('No OpenIDConnect provider found in your account for https://unknown.keycard.test');
    const long = await call(await ci.sign({ sub: CI_SUB, aud: 'sts.amazonaws.com' }), { DurationSeconds: 10_800 });
    expect([long.name, long.message]).toEqual(['ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.']);
  });

  it('accepts a Kubernetes service-account token through fromWebToken', async () => {
    const token = await k8s.sign({ sub: K8S_SUB, aud: ['sts.amazonaws.com'], 'kubernetes.io': { namespace: 'payments' } });
    const credentials = await fromWebToken({
      roleArn: K8S_ROLE,
      webIdentityToken: token,
      roleSessionName: 'api-pod',
      clientConfig: { endpoint: server.url, region: 'us-east-1' },
    })();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    const sts = new STSClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1, credentials });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/K8sApi/api-pod`);
  });

  it('serves botocore\'s web-identity credential chain (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE) and boto3\'s SAML call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keycard-wit-'));
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, await k8s.sign({ sub: K8S_SUB, aud: 'sts.amazonaws.com' }));
    const saml = idp.response({ roleArn: SAML_ROLE, providerArn: SAML_PROVIDER, sessionName: 'bob' });
    const script = String.raw`
import json, os, boto3
for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
    os.environ.pop(key, None)
os.environ["AWS_ROLE_ARN"] = ${JSON.stringify(K8S_ROLE)}
os.environ["AWS_WEB_IDENTITY_TOKEN_FILE"] = ${JSON.stringify(tokenFile)}
os.environ["AWS_ROLE_SESSION_NAME"] = "botocore-chain"
session = boto3.Session()
out = {"method": session.get_credentials().method}
out["arn"] = session.client("sts").get_caller_identity()["Arn"]
saml = boto3.client("sts").assume_role_with_saml(RoleArn=${JSON.stringify(SAML_ROLE)}, PrincipalArn=${JSON.stringify(SAML_PROVIDER)}, SAMLAssertion=${JSON.stringify(saml)})
out["saml"] = {k: saml[k] for k in ("Subject", "SubjectType", "Issuer", "Audience", "NameQualifier")}
out["saml_arn"] = saml["AssumedRoleUser"]["Arn"]
print(json.dumps(out))
`;
    const out = (await boto3({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey }, script)) as Record<string, unknown>;
    expect(out.method).toBe('assume-role-with-web-identity');
    expect(out.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/K8sApi/botocore-chain`);
    expect(out.saml_arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/SamlAdmin/bob`);
    expect((out.saml as Record<string, string>).SubjectType).toBe('persistent');
  }, 120_000);
});

describe('AssumeRoleWithSAML', () => {
  it('turns a signed SAML response into a working role session (JS SDK, unsigned)', async () => {
    const out = await anonymousSts().send(new AssumeRoleWithSAMLCommand({
      RoleArn: SAML_ROLE,
      PrincipalArn: SAML_PROVIDER,
      SAMLAssertion: idp.response({ roleArn: SAML_ROLE, providerArn: SAML_PROVIDER, sessionName: 'alice@example.com', sign: 'response' }),
    }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/SamlAdmin/alice@example.com`);
    expect(out).toMatchObject({
      Subject: 'alice-0001',
      SubjectType: 'persistent',
      Issuer: idp.entityId,
      Audience: 'https://signin.aws.amazon.com/saml',
      NameQualifier: 'iiszh711lrypfZWUBq5OmFnTLM8=',
    });
    const { sts } = sessionClients(out.Credentials);
    expect((await sts.send(new GetCallerIdentityCommand({}))).UserId).toMatch(/^AROA[A-Z0-9]+:alice@example.com$/);
  });

  it('offers the assertion\'s eduPerson, X.500 and Active Directory attributes as saml:* keys to the trust policy', async () => {
    const iam = iamClient({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
    const role = `arn:aws:iam::${ACCOUNT}:role/SamlStaff`;
    await iam.send(new CreateRoleCommand({
      RoleName: 'SamlStaff',
      AssumeRolePolicyDocument: trust([{
        Effect: 'Allow',
        Principal: { Federated: SAML_PROVIDER },
        Action: 'sts:AssumeRoleWithSAML',
        Condition: { 'ForAnyValue:StringEquals': { 'saml:edupersonaffiliation': 'staff' }, StringLike: { 'saml:mail': '*@example.com' } },
      }]),
    }));
    const affiliation = 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1';
    const call = (attributes: Record<string, string[]>) =>
      anonymousSts().send(new AssumeRoleWithSAMLCommand({ RoleArn: role, PrincipalArn: SAML_PROVIDER, SAMLAssertion: idp.response({ roleArn: role, providerArn: SAML_PROVIDER, attributes }) }));
    // mail by its X.500 OID, then by the Active Directory claim.
    await call({ [affiliation]: ['member', 'staff'], 'urn:oid:0.9.2342.19200300.100.1.3': ['alice@example.com'] });
    await call({ [affiliation]: ['staff'], 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': ['alice@example.com'] });
    const refused: Array<Record<string, string[]>> = [
      { [affiliation]: ['student'], 'urn:oid:0.9.2342.19200300.100.1.3': ['alice@example.com'] },
      { [affiliation]: ['staff'], 'urn:oid:0.9.2342.19200300.100.1.3': ['alice@elsewhere.test'] },
      { [affiliation]: ['staff'] },
    ];
    for (const attributes of refused) {
      const denied = await sdkError(call(attributes));
      expect([denied.name, denied.message]).toEqual(['AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML']);
    }
  });

  it('ends the session at the SessionDuration attribute when it is sooner than DurationSeconds, and refuses one out of range', async () => {
    const sts = anonymousSts();
    const call = (duration: string) =>
      sts.send(new AssumeRoleWithSAMLCommand({
        RoleArn: SAML_ROLE,
        PrincipalArn: SAML_PROVIDER,
        DurationSeconds: 3600,
        SAMLAssertion: idp.response({ roleArn: SAML_ROLE, providerArn: SAML_PROVIDER, attributes: { 'https://aws.amazon.com/SAML/Attributes/SessionDuration': [duration] } }),
      }));
    const out = await call('1000');
    const remaining = (out.Credentials!.Expiration!.getTime() - Date.now()) / 1000;
    expect(remaining).toBeGreaterThan(990);
    expect(remaining).toBeLessThanOrEqual(1000);
    for (const bad of ['600', 'an hour', '50000']) {
      const refused = await sdkError(call(bad));
      expect([refused.name, refused.status]).toEqual(['InvalidIdentityTokenException', 400]);
    }
  });

  it('refuses a Role attribute for another role, a forged signature and an expired assertion', async () => {
    const sts = anonymousSts();
    const call = (assertion: string) => sdkError(sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: SAML_ROLE, PrincipalArn: SAML_PROVIDER, SAMLAssertion: assertion })));
    const otherRole = await call(idp.response({ roleArn: `arn:aws:iam::${ACCOUNT}:role/Other`, providerArn: SAML_PROVIDER }));
    expect([otherRole.name, otherRole.status]).toEqual(['IDPRejectedClaimException', 403]);
    const other = await startSamlIdp();
    const forged = await call(other.response({ roleArn: SAML_ROLE, providerArn: SAML_PROVIDER }));
    expect([forged.name, forged.status]).toEqual(['InvalidIdentityTokenException', 400]);
    const expired = await call(idp.response({ roleArn: SAML_ROLE, providerArn: SAML_PROVIDER, validFor: -600 }));
    expect([expired.name, expired.status]).toEqual(['ExpiredTokenException', 400]);
    const untrusted = await call(idp.response({ roleArn: SAML_ROLE, providerArn: SAML_PROVIDER, subjectFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' }));
    expect([untrusted.name, untrusted.message]).toEqual(['AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML']);
  });
});
