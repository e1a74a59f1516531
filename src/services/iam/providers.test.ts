// OIDC and SAML providers against a real store and authorizer: URLs and ARNs, client ids and thumbprints,
// metadata checks, private keys, quotas, tags and authorization.

import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIND, type OidcProviderData } from './records.js';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';

const THUMB = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280';

const metadata = (validUntil?: string) => `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml"${validUntil ? ` validUntil="${validUntil}"` : ''}>
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data><ds:X509Certificate>${'MIIC'.padEnd(900, 'A')}</ds:X509Certificate></ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const oidcArn = (tail: string) => `arn:aws:iam::${ACCOUNT}:oidc-provider/${tail}`;
const samlArn = (name: string) => `arn:aws:iam::${ACCOUNT}:saml-provider/${name}`;

describe('OpenID Connect providers', () => {
  it('creates with an ARN from the URL and reads back Url without the scheme', async () => {
    const out = await h.call('CreateOpenIDConnectProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com', 'sts.amazonaws.com'],
      ThumbprintList: [THUMB],
      Tags: [{ Key: 'ci', Value: 'gh' }],
    });
    const arn = oidcArn('token.actions.githubusercontent.com');
    expect(out).toEqual({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'ci', Value: 'gh' }] });
    const got = await h.call('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn });
    expect(got).toMatchObject({
      Url: 'token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: [THUMB],
      Tags: [{ Key: 'ci', Value: 'gh' }],
    });
    expect(got.CreateDate).toMatch(/Z$/);
    expect(await h.call('ListOpenIDConnectProviders')).toEqual({ OpenIDConnectProviderList: [{ Arn: arn }] });
  });

  it('keeps the path in the ARN and refuses non-https URLs, ports and queries', async () => {
    const out = await h.call('CreateOpenIDConnectProvider', { Url: 'https://oidc.eks.us-west-2.amazonaws.com/id/ABC' });
    expect(out.OpenIDConnectProviderArn).toBe(oidcArn('oidc.eks.us-west-2.amazonaws.com/id/ABC'));
    for (const url of ['http://example.com', 'https://example.com:8443', 'https://example.com/?a=b', 'https://']) {
      expect((await h.fail('CreateOpenIDConnectProvider', { Url: url })).code).toBe('InvalidInput');
    }
  });

  it('one provider per URL per account', async () => {
    await h.call('CreateOpenIDConnectProvider', { Url: 'https://idp.example.com' });
    expect((await h.fail('CreateOpenIDConnectProvider', { Url: 'https://idp.example.com' })).code).toBe('EntityAlreadyExists');
  });

  it('limits thumbprints to 5 hex SHA-1s and client ids to 100', async () => {
    const six = Array.from({ length: 6 }, () => THUMB);
    expect(await h.fail('CreateOpenIDConnectProvider', { Url: 'https://a.example.com', ThumbprintList: six })).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: 5',
    });
    expect((await h.fail('CreateOpenIDConnectProvider', { Url: 'https://a.example.com', ThumbprintList: ['z'.repeat(40)] })).code).toBe('InvalidInput');
    const ids = Array.from({ length: 101 }, (_, i) => `client-${i}`);
    expect(await h.fail('CreateOpenIDConnectProvider', { Url: 'https://a.example.com', ClientIDList: ids })).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100',
    });
  });

  it('adds and removes client ids idempotently and replaces thumbprints', async () => {
    const arn = (await h.call('CreateOpenIDConnectProvider', { Url: 'https://idp.example.com', ClientIDList: ['a'] })).OpenIDConnectProviderArn;
    await h.call('AddClientIDToOpenIDConnectProvider', { OpenIDConnectProviderArn: arn, ClientID: 'b' });
    await h.call('AddClientIDToOpenIDConnectProvider', { OpenIDConnectProviderArn: arn, ClientID: 'b' });
    await h.call('RemoveClientIDFromOpenIDConnectProvider', { OpenIDConnectProviderArn: arn, ClientID: 'a' });
    await h.call('RemoveClientIDFromOpenIDConnectProvider', { OpenIDConnectProviderArn: arn, ClientID: 'never' });
    await h.call('UpdateOpenIDConnectProviderThumbprint', { OpenIDConnectProviderArn: arn, ThumbprintList: [THUMB] });
    expect(await h.call('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn })).toMatchObject({ ClientIDList: ['b'], ThumbprintList: [THUMB] });
    const six = Array.from({ length: 6 }, () => THUMB);
    expect((await h.fail('UpdateOpenIDConnectProviderThumbprint', { OpenIDConnectProviderArn: arn, ThumbprintList: six })).code).toBe('InvalidInput');
  });

  it('tags, deletes, and answers NoSuchEntity / InvalidInput for unknown or malformed ARNs', async () => {
    const arn = (await h.call('CreateOpenIDConnectProvider', { Url: 'https://idp.example.com' })).OpenIDConnectProviderArn;
    await h.call('TagOpenIDConnectProvider', { OpenIDConnectProviderArn: arn, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });
    await h.call('UntagOpenIDConnectProvider', { OpenIDConnectProviderArn: arn, TagKeys: ['a'] });
    expect(await h.call('ListOpenIDConnectProviderTags', { OpenIDConnectProviderArn: arn })).toEqual({ Tags: [{ Key: 'b', Value: '2' }], IsTruncated: false });
    await h.call('DeleteOpenIDConnectProvider', { OpenIDConnectProviderArn: arn });
    expect(await h.fail('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn })).toMatchObject({
      code: 'NoSuchEntity',
      message: `OpenIDConnect Provider not found for arn ${arn}`,
    });
    expect((await h.fail('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: 'not-an-arn' })).code).toBe('InvalidInput');
    expect((await h.fail('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: samlArn('x') })).code).toBe('InvalidInput');
  });

  it('stops at 100 providers per account', async () => {
    await h.store.transaction(ACCOUNT, async (tx) => {
      for (let i = 0; i < 100; i++) {
        const arn = oidcArn(`idp${i}.example.com`);
        const data: OidcProviderData = { url: `idp${i}.example.com`, arn, clientIds: [], thumbprints: [], createDate: '2024-01-01T00:00:00Z', tags: [] };
        await tx.insert({ account: ACCOUNT, kind: KIND.oidcProvider, id: arn, scope: '', name: data.url, data });
      }
    });
    await h.state.catchUp();
    expect(await h.fail('CreateOpenIDConnectProvider', { Url: 'https://one-more.example.com' })).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100',
    });
  });
});

describe('SAML providers', () => {
  it('creates, reads and lists with CreateDate, ValidUntil and the document as given', async () => {
    const document = metadata('2031-01-01T00:00:00Z');
    const out = await h.call('CreateSAMLProvider', { Name: 'Okta', SAMLMetadataDocument: document, Tags: [{ Key: 'k', Value: 'v' }] });
    expect(out).toEqual({ SAMLProviderArn: samlArn('Okta'), Tags: [{ Key: 'k', Value: 'v' }] });
    const got = await h.call('GetSAMLProvider', { SAMLProviderArn: samlArn('Okta') });
    expect(got).toMatchObject({ SAMLMetadataDocument: document, ValidUntil: '2031-01-01T00:00:00Z', Tags: [{ Key: 'k', Value: 'v' }] });
    expect(got.SAMLProviderUUID).toMatch(/^[A-Z0-9]{22,64}$/);
    const list = (await h.call('ListSAMLProviders')).SAMLProviderList as Record<string, unknown>[];
    expect(list).toEqual([{ Arn: samlArn('Okta'), ValidUntil: '2031-01-01T00:00:00Z', CreateDate: got.CreateDate }]);
  });

  it('defaults ValidUntil to a hundred years after creation', async () => {
    await h.call('CreateSAMLProvider', { Name: 'Idp', SAMLMetadataDocument: metadata() });
    const got = await h.call('GetSAMLProvider', { SAMLProviderArn: samlArn('Idp') });
    expect(Number((got.ValidUntil as string).slice(0, 4)) - Number((got.CreateDate as string).slice(0, 4))).toBe(100);
  });

  it('refuses metadata without an EntityDescriptor or a certificate, and duplicate names', async () => {
    expect(await h.fail('CreateSAMLProvider', { Name: 'Bad', SAMLMetadataDocument: '<x>'.padEnd(1200, ' ') })).toMatchObject({
      code: 'InvalidInput',
      message: 'Could not parse metadata',
    });
    const noCert = metadata().replace(/X509Certificate/g, 'Other');
    expect((await h.fail('CreateSAMLProvider', { Name: 'Bad', SAMLMetadataDocument: noCert })).code).toBe('InvalidInput');
    await h.call('CreateSAMLProvider', { Name: 'Idp', SAMLMetadataDocument: metadata() });
    expect((await h.fail('CreateSAMLProvider', { Name: 'IDP', SAMLMetadataDocument: metadata() })).code).toBe('EntityAlreadyExists');
  });

  it('updates the document and private keys; at most two keys; Required needs one', async () => {
    await h.call('CreateSAMLProvider', { Name: 'Idp', SAMLMetadataDocument: metadata() });
    const arn = samlArn('Idp');
    const pem = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(await h.call('UpdateSAMLProvider', { SAMLProviderArn: arn, SAMLMetadataDocument: metadata('2030-06-01T00:00:00Z'), AddPrivateKey: pem() })).toEqual({
      SAMLProviderArn: arn,
    });
    await h.call('UpdateSAMLProvider', { SAMLProviderArn: arn, AddPrivateKey: pem(), AssertionEncryptionMode: 'Required' });
    const got = await h.call('GetSAMLProvider', { SAMLProviderArn: arn });
    expect(got).toMatchObject({ ValidUntil: '2030-06-01T00:00:00Z', AssertionEncryptionMode: 'Required' });
    const keys = got.PrivateKeyList as { KeyId: string; Timestamp: string }[];
    expect(keys).toHaveLength(2);
    expect(keys[0]!.KeyId).toMatch(/^[A-Z0-9]{22,64}$/);
    expect((await h.fail('UpdateSAMLProvider', { SAMLProviderArn: arn, AddPrivateKey: pem() })).code).toBe('LimitExceeded');
    expect((await h.fail('UpdateSAMLProvider', { SAMLProviderArn: arn, AddPrivateKey: 'not a key' })).code).toBe('InvalidInput');
    await h.call('UpdateSAMLProvider', { SAMLProviderArn: arn, RemovePrivateKey: keys[0]!.KeyId });
    expect((await h.fail('UpdateSAMLProvider', { SAMLProviderArn: arn, RemovePrivateKey: keys[1]!.KeyId })).code).toBe('InvalidInput');
    // The key material never leaves sealed storage in clear.
    const stored = JSON.stringify(h.state.get(KIND.samlProvider, arn)!.data);
    expect(stored).not.toContain('PRIVATE KEY');
  });

  it('tags and deletes; unknown ARNs are NoSuchEntity', async () => {
    await h.call('CreateSAMLProvider', { Name: 'Idp', SAMLMetadataDocument: metadata() });
    const arn = samlArn('Idp');
    await h.call('TagSAMLProvider', { SAMLProviderArn: arn, Tags: [{ Key: 'a', Value: '1' }] });
    expect((await h.call('ListSAMLProviderTags', { SAMLProviderArn: arn })).Tags).toEqual([{ Key: 'a', Value: '1' }]);
    await h.call('UntagSAMLProvider', { SAMLProviderArn: arn, TagKeys: ['a'] });
    expect((await h.call('ListSAMLProviderTags', { SAMLProviderArn: arn })).Tags).toEqual([]);
    await h.call('DeleteSAMLProvider', { SAMLProviderArn: arn });
    expect(await h.fail('DeleteSAMLProvider', { SAMLProviderArn: arn })).toMatchObject({ code: 'NoSuchEntity', message: `Manifest not found for arn ${arn}` });
  });
});

describe('authorization', () => {
  it('denies without permission and allows after a grant, on the provider ARN', async () => {
    await h.call('CreateUser', { UserName: 'fay' });
    const fay = h.userCaller('fay');
    const arn = oidcArn('idp.example.com');
    expect(await h.fail('CreateOpenIDConnectProvider', { Url: 'https://idp.example.com' }, fay)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/fay is not authorized to perform: iam:CreateOpenIDConnectProvider on resource: ${arn} because no identity-based policy allows the iam:CreateOpenIDConnectProvider action`),
    });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:CreateOpenIDConnectProvider', 'iam:GetOpenIDConnectProvider'], Resource: arn }] });
    await h.call('PutUserPolicy', { UserName: 'fay', PolicyName: 'oidc', PolicyDocument: policy });
    await h.call('CreateOpenIDConnectProvider', { Url: 'https://idp.example.com' }, fay);
    expect((await h.call('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn }, fay)).Url).toBe('idp.example.com');
    expect((await h.fail('ListOpenIDConnectProviders', {}, fay)).code).toBe('AccessDenied');
    expect((await h.fail('CreateSAMLProvider', { Name: 'x', SAMLMetadataDocument: metadata() }, fay)).code).toBe('AccessDenied');
  });
});
