// A test SAML 2.0 identity provider: metadata XML with its signing certificate, and base64 SAML Responses
// signed with xml-crypto (RSA-SHA256, exclusive c14n) on the Assertion or on the whole Response.

import { randomUUID } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { selfSigned, type SelfSigned } from './self-signed.js';

export const AWS_SAML_ENDPOINT = 'https://signin.aws.amazon.com/saml';

export interface ResponseOptions {
  readonly roleArn: string;
  readonly providerArn: string;
  readonly sessionName?: string;
  readonly subject?: string;
  readonly subjectFormat?: string;
  /** Extra attributes by name (full URIs). */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  /** Replaces the Role attribute values. */
  readonly roleValues?: readonly string[];
  readonly issuer?: string;
  readonly audience?: string;
  readonly recipient?: string;
  /** Seconds from now for NotOnOrAfter (default 300; negative: expired). */
  readonly validFor?: number;
  readonly sessionNotOnOrAfter?: Date;
  readonly sign?: 'assertion' | 'response' | 'none';
}

export interface TestSamlIdp {
  readonly entityId: string;
  readonly metadata: string;
  readonly cert: SelfSigned;
  /** The decoded XML of a signed response (for tampering tests). */
  responseXml(options: ResponseOptions): string;
  /** base64 of responseXml: the SAMLAssertion parameter. */
  response(options: ResponseOptions): string;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const attribute = (name: string, values: readonly string[]): string =>
  `<saml:Attribute Name="${escape(name)}">${values.map((v) => `<saml:AttributeValue>${escape(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`;

export const signXml = (xml: string, keyPem: string, certPem: string, localName: 'Assertion' | 'Response'): string => {
  const signer = new SignedXml({
    privateKey: keyPem,
    publicCert: certPem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  const element = `//*[local-name(.)='${localName}']`;
  signer.addReference({
    xpath: element,
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  // The schema puts the Signature right after the element's Issuer.
  signer.computeSignature(xml, { location: { reference: `${element}/*[local-name(.)='Issuer']`, action: 'after' } });
  return signer.getSignedXml();
};

export const startSamlIdp = async (entityId = 'https://idp.keycard.test/saml'): Promise<TestSamlIdp> => {
  const cert = await selfSigned('idp.keycard.test');
  const metadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${cert.certBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.keycard.test/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

  const responseXml = (o: ResponseOptions): string => {
    const now = new Date();
    const until = new Date(now.getTime() + (o.validFor ?? 300) * 1000).toISOString();
    const issuer = o.issuer ?? entityId;
    const attributes = {
      'https://aws.amazon.com/SAML/Attributes/Role': o.roleValues ?? [`${o.roleArn},${o.providerArn}`],
      'https://aws.amazon.com/SAML/Attributes/RoleSessionName': [o.sessionName ?? 'alice@example.com'],
      ...o.attributes,
    };
    const assertion =
      `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a${randomUUID()}" Version="2.0" IssueInstant="${now.toISOString()}">` +
      `<saml:Issuer>${escape(issuer)}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="${o.subjectFormat ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'}">${escape(o.subject ?? 'alice-0001')}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="${escape(o.recipient ?? AWS_SAML_ENDPOINT)}"/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${new Date(now.getTime() - 60_000).toISOString()}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${escape(o.audience ?? AWS_SAML_ENDPOINT)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${now.toISOString()}"${o.sessionNotOnOrAfter ? ` SessionNotOnOrAfter="${o.sessionNotOnOrAfter.toISOString()}"` : ''}><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      `<saml:AttributeStatement>${Object.entries(attributes).map(([n, v]) => attribute(n, v)).join('')}</saml:AttributeStatement>` +
      `</saml:Assertion>`;
    const sign = o.sign ?? 'assertion';
    const signedAssertion = sign === 'assertion' ? signXml(assertion, cert.keyPem, cert.certPem, 'Assertion') : assertion;
    const response =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r${randomUUID()}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${AWS_SAML_ENDPOINT}">` +
      `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${escape(issuer)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      `${signedAssertion}</samlp:Response>`;
    return sign === 'response' ? signXml(response, cert.keyPem, cert.certPem, 'Response') : response;
  };

  return { entityId, metadata, cert, responseXml, response: (o) => Buffer.from(responseXml(o)).toString('base64') };
};
