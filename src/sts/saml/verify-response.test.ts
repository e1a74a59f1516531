// SAML response verification with a test IdP's signed responses: good ones (assertion or response
// signed), every refusal and its STS error code (§5.10, §5.11), and signature-wrapping attempts.

import { beforeAll, describe, expect, it } from 'vitest';
import { startSamlIdp, signXml, type TestSamlIdp } from '../../../test/support/saml-idp.js';
import { FederationError } from '../federation-error.js';
import { readAwsAttributes } from './aws-attributes.js';
import { parseSamlMetadata, type SamlMetadata } from './metadata.js';
import { nameQualifier, subjectType, verifySamlResponse } from './verify-response.js';

const ROLE = 'arn:aws:iam::123456789012:role/SamlRole';
const PROVIDER = 'arn:aws:iam::123456789012:saml-provider/Corp';
let idp: TestSamlIdp;
let other: TestSamlIdp;
let metadata: SamlMetadata;

beforeAll(async () => {
  [idp, other] = await Promise.all([startSamlIdp(), startSamlIdp()]);
  metadata = parseSamlMetadata(idp.metadata)!;
});

const refusal = (fn: () => unknown): FederationError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FederationError);
    return error as FederationError;
  }
  throw new Error('expected a refusal');
};

const b64 = (xml: string) => Buffer.from(xml).toString('base64');

describe('parseSamlMetadata', () => {
  it('reads the entity id and the signing certificate', () => {
    expect(metadata.entityId).toBe('https://idp.keycard.test/saml');
    expect(metadata.signingCertificates).toHaveLength(1);
    expect(metadata.signingCertificates[0]).toContain('BEGIN CERTIFICATE');
    expect(parseSamlMetadata('<x/>')).toBeUndefined();
  });
});

describe('verifySamlResponse', () => {
  it.each(['assertion', 'response'] as const)('accepts a response with the %s signed', (sign) => {
    const verified = verifySamlResponse(idp.response({ roleArn: ROLE, providerArn: PROVIDER, sign }), metadata, new Date());
    expect(verified).toMatchObject({ issuer: idp.entityId, subject: 'alice-0001', recipient: 'https://signin.aws.amazon.com/saml' });
    expect(subjectType(verified.subjectFormat)).toBe('persistent');
    expect(readAwsAttributes(verified.attributes, ROLE, PROVIDER).roleSessionName).toBe('alice@example.com');
  });

  it('refuses an unsigned response and one signed by another IdP', () => {
    expect(refusal(() => verifySamlResponse(idp.response({ roleArn: ROLE, providerArn: PROVIDER, sign: 'none' }), metadata, new Date())).code).toBe('InvalidIdentityToken');
    expect(refusal(() => verifySamlResponse(other.response({ roleArn: ROLE, providerArn: PROVIDER }), metadata, new Date())).code).toBe('InvalidIdentityToken');
  });

  it('refuses a signed assertion whose content was changed', () => {
    const xml = idp.responseXml({ roleArn: ROLE, providerArn: PROVIDER }).replace('alice-0001', 'mallory-0001');
    expect(refusal(() => verifySamlResponse(b64(xml), metadata, new Date())).code).toBe('InvalidIdentityToken');
  });

  it('refuses expired assertions with ExpiredTokenException', () => {
    const error = refusal(() => verifySamlResponse(idp.response({ roleArn: ROLE, providerArn: PROVIDER, validFor: -600 }), metadata, new Date()));
    expect(error.code).toBe('ExpiredTokenException');
    const later = new Date(Date.now() + 3_600_000);
    expect(refusal(() => verifySamlResponse(idp.response({ roleArn: ROLE, providerArn: PROVIDER }), metadata, later)).code).toBe('ExpiredTokenException');
  });

  it('refuses a wrong audience, recipient or issuer', () => {
    const now = new Date();
    const check = (o: Partial<Parameters<TestSamlIdp['response']>[0]>) =>
      refusal(() => verifySamlResponse(idp.response({ roleArn: ROLE, providerArn: PROVIDER, ...o }), metadata, now));
    expect(check({ audience: 'https://sp.example.com' }).message).toBe('Incorrect SAML assertion audience');
    expect(check({ recipient: 'https://evil.example.com/saml' }).code).toBe('InvalidIdentityToken');
    expect(check({ issuer: 'https://other-idp.example.com' }).message).toMatch(/Issuer https:\/\/other-idp.example.com does not match/);
  });

  it('accepts the regional endpoint and urn:amazon:webservices as audience', () => {
    const response = idp.response({ roleArn: ROLE, providerArn: PROVIDER, audience: 'urn:amazon:webservices', recipient: 'https://eu-west-1.signin.aws.amazon.com/saml' });
    expect(verifySamlResponse(response, metadata, new Date()).recipient).toBe('https://eu-west-1.signin.aws.amazon.com/saml');
  });

  it('refuses signature wrapping: a forged assertion beside the genuine signed one', () => {
    const genuine = idp.responseXml({ roleArn: ROLE, providerArn: PROVIDER });
    const signedAssertion = genuine.slice(genuine.indexOf('<saml:Assertion'), genuine.indexOf('</samlp:Response>'));
    const forged = idp
      .responseXml({ roleArn: 'arn:aws:iam::123456789012:role/Admin', providerArn: PROVIDER, subject: 'mallory', sign: 'none' })
      .match(/<saml:Assertion[\s\S]*<\/saml:Assertion>/)![0];
    // The forged assertion first, the signed one hidden in an Extensions element, and vice versa.
    const wrapped = genuine.replace(signedAssertion, `<samlp:Extensions>${signedAssertion}</samlp:Extensions>${forged}`);
    const appended = genuine.replace('</samlp:Response>', `${forged}</samlp:Response>`);
    for (const xml of [wrapped, appended]) {
      expect(refusal(() => verifySamlResponse(b64(xml), metadata, new Date())).code).toBe('InvalidIdentityToken');
    }
  });

  it('refuses a signed response whose signature covers another element than the one it sits in', () => {
    // A Response signed by the IdP, then its assertion swapped: the digest no longer matches.
    const genuine = idp.responseXml({ roleArn: ROLE, providerArn: PROVIDER, sign: 'response' });
    const forged = genuine.replace('alice-0001', 'mallory');
    expect(refusal(() => verifySamlResponse(b64(forged), metadata, new Date())).code).toBe('InvalidIdentityToken');
    // A genuinely signed assertion re-signed inside a Response the attacker built is still read only from signed bytes.
    const attacker = signXml(
      '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x" Version="2.0"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">x</saml:Issuer></samlp:Response>',
      other.cert.keyPem,
      other.cert.certPem,
      'Response',
    );
    expect(refusal(() => verifySamlResponse(b64(attacker), metadata, new Date())).code).toBe('InvalidIdentityToken');
  });

  it('refuses a document with a DOCTYPE and one that is not XML', () => {
    const xml = `<!DOCTYPE x [<!ENTITY e "boom">]>${idp.responseXml({ roleArn: ROLE, providerArn: PROVIDER })}`;
    expect(refusal(() => verifySamlResponse(b64(xml), metadata, new Date())).code).toBe('InvalidIdentityToken');
    expect(refusal(() => verifySamlResponse(b64('not xml'), metadata, new Date())).code).toBe('InvalidIdentityToken');
  });
});

describe('readAwsAttributes', () => {
  const attributes = (values: Record<string, string[]>) => new Map(Object.entries(values));
  const role = 'https://aws.amazon.com/SAML/Attributes/Role';
  const name = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';

  it('needs a Role pair naming the requested role and provider, in either order', () => {
    expect(readAwsAttributes(attributes({ [role]: [`${PROVIDER},${ROLE}`], [name]: ['alice'] }), ROLE, PROVIDER).roleSessionName).toBe('alice');
    const mismatch = refusal(() => readAwsAttributes(attributes({ [role]: [`arn:aws:iam::123456789012:role/Other,${PROVIDER}`], [name]: ['alice'] }), ROLE, PROVIDER));
    expect(mismatch.code).toBe('IDPRejectedClaim');
    expect(refusal(() => readAwsAttributes(attributes({ [name]: ['alice'] }), ROLE, PROVIDER)).message).toBe('Missing Role Attribute');
    expect(refusal(() => readAwsAttributes(attributes({ [role]: [`${ROLE},${PROVIDER}`] }), ROLE, PROVIDER)).message).toBe('RoleSessionName is required in AuthnResponse');
  });

  it('reads session tags, transitive keys and the source identity', () => {
    const read = readAwsAttributes(
      attributes({
        [role]: [`${ROLE},${PROVIDER}`],
        [name]: ['alice'],
        'https://aws.amazon.com/SAML/Attributes/PrincipalTag:Team': ['blue'],
        'https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys': ['Team'],
        'https://aws.amazon.com/SAML/Attributes/SourceIdentity': ['alice'],
      }),
      ROLE,
      PROVIDER,
    );
    expect(read).toEqual({ roleSessionName: 'alice', tags: { Team: 'blue' }, transitiveTagKeys: ['Team'], sourceIdentity: 'alice' });
  });
});

describe('nameQualifier', () => {
  it('is base64(sha1(issuer + account + "/" + provider name)) (§5.10)', () => {
    // echo -n 'https://idp.keycard.test/saml123456789012/Corp' | openssl sha1 -binary | base64
    expect(nameQualifier('https://idp.keycard.test/saml', '123456789012', 'Corp')).toBe('iiszh711lrypfZWUBq5OmFnTLM8=');
  });
});
