// The saml:* condition keys a trust policy can test besides saml:aud/iss/doc/sub (§3.9): each is read from
// one assertion attribute, named by its OID (eduPerson, eduOrg and X.500 attributes, as `urn:oid:…`) or by
// its Active Directory claim URI. A key fed by more than one attribute takes the first one present in the
// order below (only one claim per key is mapped). The values stay lists: any attribute may repeat.
// The reference names the keys; which attribute feeds each is the published OID of the attribute of that name
// (eduPerson 201602, RFC 4519, RFC 4524) and, for Active Directory, its claim type URI (unverified against
// AWS's own table where a key has two sources).

const EDUPERSON = 'urn:oid:1.3.6.1.4.1.5923.1.1.1.';
const EDUORG = 'urn:oid:1.3.6.1.4.1.5923.1.2.1.';
const AD_CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/';

/** Context key → the attribute names that feed it, most preferred first. */
const SOURCES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['saml:edupersonaffiliation', [`${EDUPERSON}1`]],
  ['saml:edupersonnickname', [`${EDUPERSON}2`]],
  ['saml:edupersonorgdn', [`${EDUPERSON}3`]],
  ['saml:edupersonorgunitdn', [`${EDUPERSON}4`]],
  ['saml:edupersonprimaryaffiliation', [`${EDUPERSON}5`]],
  ['saml:edupersonprincipalname', [`${EDUPERSON}6`]],
  ['saml:edupersonentitlement', [`${EDUPERSON}7`]],
  ['saml:edupersonprimaryorgunitdn', [`${EDUPERSON}8`]],
  ['saml:edupersonscopedaffiliation', [`${EDUPERSON}9`]],
  ['saml:edupersontargetedid', [`${EDUPERSON}10`]],
  ['saml:edupersonassurance', [`${EDUPERSON}11`]],
  ['saml:eduorghomepageuri', [`${EDUORG}2`]],
  ['saml:eduorgidentityauthnpolicyuri', [`${EDUORG}3`]],
  ['saml:eduorglegalname', [`${EDUORG}4`]],
  ['saml:eduorgsuperioruri', [`${EDUORG}5`]],
  ['saml:eduorgwhitepagesuri', [`${EDUORG}6`]],
  ['saml:cn', ['urn:oid:2.5.4.3']],
  ['saml:commonName', ['urn:oid:2.5.4.3', 'http://schemas.xmlsoap.org/claims/CommonName']],
  ['saml:givenName', ['urn:oid:2.5.4.42', `${AD_CLAIMS}givenname`]],
  ['saml:surname', ['urn:oid:2.5.4.4', `${AD_CLAIMS}surname`]],
  ['saml:mail', ['urn:oid:0.9.2342.19200300.100.1.3', `${AD_CLAIMS}emailaddress`]],
  ['saml:name', ['urn:oid:2.5.4.41', `${AD_CLAIMS}name`]],
  ['saml:uid', ['urn:oid:0.9.2342.19200300.100.1.1']],
  ['saml:x500UniqueIdentifier', ['urn:oid:2.5.4.45']],
  ['saml:organizationStatus', ['urn:oid:0.9.2342.19200300.100.1.45']],
  ['saml:primaryGroupSID', ['http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid']],
];

/** The saml:* keys the assertion's attributes supply, for the trust policy only (they do not carry into the session). */
export const samlAttributeContext = (attributes: ReadonlyMap<string, readonly string[]>): Record<string, string[]> => {
  const context: Record<string, string[]> = {};
  for (const [key, names] of SOURCES) {
    const source = names.find((name) => (attributes.get(name)?.length ?? 0) > 0);
    if (source !== undefined) context[key] = [...attributes.get(source)!];
  }
  return context;
};
