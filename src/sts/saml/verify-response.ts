// Verifies a SAML Response for AssumeRoleWithSAML (§5.10): an XML signature (on the Response or on its one
// Assertion) by a certificate of the provider's metadata, checked with xml-crypto. Against signature
// wrapping, everything is read from the bytes the signature covers (getSignedReferences), never from the
// document as received, and a response with more than one assertion is refused. Then the Issuer, the
// audience, the bearer confirmation's Recipient and the validity windows.

import { createHash } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { FederationError, invalidToken } from '../federation-error.js';
import type { SamlMetadata } from './metadata.js';
import { attributeOf, childElements, descendants, NS, onlyChild, parseXml, textOf } from './xml.js';

/** AWS's SAML endpoints: the global and regional sign-in URLs, and the per-provider ACS form. */
const AWS_SAML_ENDPOINT = /^https:\/\/([a-z]{2}(-[a-z]+)+-\d\.)?signin\.aws\.amazon\.com\/saml(\/acs\/[A-Za-z0-9]+)?$/;
const AWS_AUDIENCES = ['urn:amazon:webservices'];
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const SKEW_MS = 60_000;

export interface VerifiedSamlAssertion {
  readonly issuer: string;
  readonly subject: string;
  /** NameID Format as written (a URI), if any. */
  readonly subjectFormat?: string;
  /** SubjectConfirmationData Recipient: saml:aud and the output's Audience. */
  readonly recipient: string;
  /** AuthnStatement SessionNotOnOrAfter: no session outlives it. */
  readonly sessionNotOnOrAfter?: Date;
  readonly attributes: ReadonlyMap<string, readonly string[]>;
}

const decodeBase64 = (text: string): string => {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw invalidToken('The SAML assertion is not base64.');
  return Buffer.from(compact, 'base64').toString('utf8');
};

const date = (value: string | undefined, what: string): Date | undefined => {
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw invalidToken(`The SAML assertion's ${what} is not a date.`);
  return parsed;
};

/** Verifies one signature element against each certificate; returns the one signed reference's XML. */
const signedContent = (xml: string, signature: Element, metadata: SamlMetadata): string | undefined => {
  for (const certificate of metadata.signingCertificates) {
    // Only the metadata's keys count: a certificate in the message's KeyInfo is ignored.
    const verifier = new SignedXml({ publicCert: certificate, getCertFromKeyInfo: () => null });
    try {
      verifier.loadSignature(signature.toString());
      if (!verifier.checkSignature(xml)) continue;
    } catch {
      continue;
    }
    const references = verifier.getSignedReferences();
    return references.length === 1 ? references[0] : undefined;
  }
  return undefined;
};

/**
 * The signed element: the Response or the Assertion, re-read from the signed bytes. The signature must sit
 * directly in the element it covers and cover exactly that element (same name and ID).
 */
const verifiedElement = (xml: string, holder: Element, metadata: SamlMetadata): Element | undefined => {
  const signature = onlyChild(holder, NS.dsig, 'Signature');
  if (signature === undefined) return undefined;
  const content = signedContent(xml, signature, metadata);
  const signed = content === undefined ? undefined : parseXml(content)?.documentElement;
  if (signed === undefined || signed === null) return undefined;
  const id = attributeOf(holder, 'ID');
  const sameElement =
    signed.namespaceURI === holder.namespaceURI && signed.localName === holder.localName && id !== undefined && attributeOf(signed, 'ID') === id;
  return sameElement ? signed : undefined;
};

const readAttributes = (assertion: Element): Map<string, string[]> => {
  const attributes = new Map<string, string[]>();
  for (const statement of childElements(assertion, NS.assertion, 'AttributeStatement')) {
    for (const attribute of childElements(statement, NS.assertion, 'Attribute')) {
      const name = attributeOf(attribute, 'Name');
      if (name === undefined) continue;
      const values = childElements(attribute, NS.assertion, 'AttributeValue').map((v) => textOf(v) ?? '');
      attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
    }
  }
  return attributes;
};

const expired = (what: string, at: Date, now: Date): FederationError =>
  new FederationError('ExpiredTokenException', `${what}: the assertion expired at ${at.toISOString()}, it is now ${now.toISOString()}.`);

/** The bearer confirmation's Recipient, after checking its window. */
const checkSubjectConfirmation = (subject: Element, now: Date): string => {
  const confirmations = childElements(subject, NS.assertion, 'SubjectConfirmation').filter((c) => attributeOf(c, 'Method') === BEARER);
  if (confirmations.length !== 1) throw invalidToken('The SAML assertion needs exactly one bearer SubjectConfirmation.');
  const data = onlyChild(confirmations[0]!, NS.assertion, 'SubjectConfirmationData');
  const recipient = attributeOf(data, 'Recipient');
  if (recipient === undefined || !AWS_SAML_ENDPOINT.test(recipient)) {
    throw invalidToken(`The SAML assertion's Recipient ${recipient ?? '(none)'} is not the AWS SAML endpoint.`);
  }
  const notOnOrAfter = date(attributeOf(data, 'NotOnOrAfter'), 'SubjectConfirmationData NotOnOrAfter');
  if (notOnOrAfter === undefined) throw invalidToken('The SAML assertion\'s SubjectConfirmationData has no NotOnOrAfter.');
  if (now.getTime() >= notOnOrAfter.getTime() + SKEW_MS) throw expired('SubjectConfirmationData', notOnOrAfter, now);
  return recipient;
};

const checkConditions = (assertion: Element, now: Date): void => {
  const conditions = onlyChild(assertion, NS.assertion, 'Conditions');
  const notBefore = date(attributeOf(conditions, 'NotBefore'), 'Conditions NotBefore');
  const notOnOrAfter = date(attributeOf(conditions, 'NotOnOrAfter'), 'Conditions NotOnOrAfter');
  if (notBefore !== undefined && now.getTime() + SKEW_MS < notBefore.getTime()) throw invalidToken('The SAML assertion is not yet valid.');
  if (notOnOrAfter !== undefined && now.getTime() >= notOnOrAfter.getTime() + SKEW_MS) throw expired('Conditions', notOnOrAfter, now);
  // Every AudienceRestriction must name AWS (SAML core 2.5.1.4).
  for (const restriction of conditions ? childElements(conditions, NS.assertion, 'AudienceRestriction') : []) {
    const audiences = childElements(restriction, NS.assertion, 'Audience').map((a) => textOf(a) ?? '');
    if (!audiences.some((a) => AWS_AUDIENCES.includes(a) || AWS_SAML_ENDPOINT.test(a))) throw invalidToken('Incorrect SAML assertion audience');
  }
};

export const verifySamlResponse = (samlAssertion: string, metadata: SamlMetadata, now: Date): VerifiedSamlAssertion => {
  const xml = decodeBase64(samlAssertion);
  const doc = parseXml(xml);
  const response = doc?.documentElement;
  if (response === undefined || response === null || response.namespaceURI !== NS.protocol || response.localName !== 'Response') {
    throw invalidToken('Invalid SAML response: it is not a SAML 2.0 Response.');
  }
  if (descendants(response, NS.assertion, 'EncryptedAssertion').length > 0) throw invalidToken('Encrypted SAML assertions are not supported.');
  // One assertion in the whole document: a second one, anywhere, is how signature wrapping hides.
  const assertions = descendants(response, NS.assertion, 'Assertion');
  if (assertions.length !== 1 || childElements(response, NS.assertion, 'Assertion').length !== 1) {
    throw invalidToken('Invalid SAML response: it must hold exactly one Assertion.');
  }

  const signedResponse = verifiedElement(xml, response, metadata);
  const assertion = signedResponse
    ? childElements(signedResponse, NS.assertion, 'Assertion')[0]
    : verifiedElement(xml, assertions[0]!, metadata);
  if (assertion === undefined) throw invalidToken('Invalid SAML response: no signature by the SAML provider\'s certificate covers the assertion.');
  if (signedResponse !== undefined) {
    const status = onlyChild(signedResponse, NS.protocol, 'Status');
    const code = status && onlyChild(status, NS.protocol, 'StatusCode');
    if (attributeOf(code, 'Value') !== SUCCESS) throw invalidToken('The SAML response does not report success.');
  }

  const issuer = textOf(onlyChild(assertion, NS.assertion, 'Issuer'));
  if (issuer !== metadata.entityId) throw invalidToken(`Issuer ${issuer ?? '(none)'} does not match the SAML provider's metadata.`);
  checkConditions(assertion, now);
  const subject = onlyChild(assertion, NS.assertion, 'Subject');
  if (subject === undefined) throw invalidToken('The SAML assertion has no Subject.');
  const nameId = onlyChild(subject, NS.assertion, 'NameID');
  const subjectValue = textOf(nameId);
  if (subjectValue === undefined || subjectValue === '') throw invalidToken('The SAML assertion has no NameID.');
  const recipient = checkSubjectConfirmation(subject, now);
  const authn = childElements(assertion, NS.assertion, 'AuthnStatement')[0];
  const sessionNotOnOrAfter = date(attributeOf(authn, 'SessionNotOnOrAfter'), 'SessionNotOnOrAfter');
  if (sessionNotOnOrAfter !== undefined && now.getTime() >= sessionNotOnOrAfter.getTime()) throw expired('SessionNotOnOrAfter', sessionNotOnOrAfter, now);
  const format = attributeOf(nameId, 'Format');
  return {
    issuer,
    subject: subjectValue,
    ...(format !== undefined && { subjectFormat: format }),
    recipient,
    ...(sessionNotOnOrAfter !== undefined && { sessionNotOnOrAfter }),
    attributes: readAttributes(assertion),
  };
};

/** `NameQualifier` = BASE64(SHA1(issuer + account + "/" + provider name)) (§5.10). */
export const nameQualifier = (issuer: string, account: string, providerName: string): string =>
  createHash('sha1').update(`${issuer}${account}/${providerName}`).digest('base64');

/** `SubjectType`: the Format with SAML 2.0's nameid-format prefix stripped, others verbatim (§5.10). */
export const subjectType = (format: string | undefined): string =>
  (format ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified').replace(/^urn:oasis:names:tc:SAML:2\.0:nameid-format:/, '');
