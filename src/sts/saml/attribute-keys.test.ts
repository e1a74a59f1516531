// saml:* keys from assertion attributes (§3.9): which attribute feeds each key, lists kept, one source per key.

import { describe, expect, it } from 'vitest';
import { samlAttributeContext } from './attribute-keys.js';

const attrs = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

describe('samlAttributeContext', () => {
  it('maps eduPerson and eduOrg attributes by OID, keeping every value', () => {
    expect(samlAttributeContext(attrs({
      'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': ['member', 'staff'],
      'urn:oid:1.3.6.1.4.1.5923.1.1.1.7': ['urn:mace:example.edu:entitlement:aws'],
      'urn:oid:1.3.6.1.4.1.5923.1.2.1.4': ['Example University'],
      'urn:oid:2.5.4.3': ['Alice Example'],
    }))).toEqual({
      'saml:edupersonaffiliation': ['member', 'staff'],
      'saml:edupersonentitlement': ['urn:mace:example.edu:entitlement:aws'],
      'saml:eduorglegalname': ['Example University'],
      'saml:cn': ['Alice Example'],
      'saml:commonName': ['Alice Example'],
    });
  });

  it('takes one source per key: the X.500 attribute over the Active Directory claim', () => {
    const context = samlAttributeContext(attrs({
      'urn:oid:2.5.4.42': ['Alice'],
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': ['Ally'],
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname': ['Example'],
      'http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid': ['S-1-5-21-1-513'],
    }));
    expect(context).toEqual({ 'saml:givenName': ['Alice'], 'saml:surname': ['Example'], 'saml:primaryGroupSID': ['S-1-5-21-1-513'] });
  });

  it('leaves out keys whose attribute is absent or has no value, and ignores attributes it does not map', () => {
    expect(samlAttributeContext(attrs({
      'urn:oid:0.9.2342.19200300.100.1.1': [],
      'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['alice'],
      'urn:example:custom': ['x'],
    }))).toEqual({});
  });
});
