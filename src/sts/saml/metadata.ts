// Reads a SAML provider's metadata (§5.10): the IdP's entity id, which every assertion's Issuer must name,
// and the X.509 certificates its signing keys are published in.

import { childElements, descendants, NS, parseXml, textOf, attributeOf } from './xml.js';

export interface SamlMetadata {
  readonly entityId: string;
  /** PEM certificates of the IdP's signing keys. */
  readonly signingCertificates: readonly string[];
}

const toPem = (base64: string): string => {
  const body = base64.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
};

/** undefined when the document is no EntityDescriptor with an IdP signing certificate. */
export const parseSamlMetadata = (document: string): SamlMetadata | undefined => {
  const doc = parseXml(document);
  const root = doc?.documentElement;
  if (root === undefined || root === null || root.namespaceURI !== NS.metadata) return undefined;
  // One EntityDescriptor, or the first of an EntitiesDescriptor.
  const entity = root.localName === 'EntityDescriptor' ? root : descendants(root, NS.metadata, 'EntityDescriptor')[0];
  const entityId = attributeOf(entity, 'entityID');
  if (entity === undefined || entityId === undefined || entityId === '') return undefined;
  const certificates: string[] = [];
  for (const idp of childElements(entity, NS.metadata, 'IDPSSODescriptor')) {
    for (const keyDescriptor of childElements(idp, NS.metadata, 'KeyDescriptor')) {
      const use = attributeOf(keyDescriptor, 'use');
      if (use !== undefined && use !== 'signing') continue; // no "use" means both signing and encryption
      for (const certificate of descendants(keyDescriptor, NS.dsig, 'X509Certificate')) {
        const text = textOf(certificate);
        if (text) certificates.push(toPem(text));
      }
    }
  }
  return certificates.length === 0 ? undefined : { entityId, signingCertificates: certificates };
};
