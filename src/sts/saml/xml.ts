// The few DOM reads SAML needs, over @xmldom/xmldom: a strict parse that refuses DTDs (no entity tricks),
// child elements by namespace and local name, and trimmed text.

import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { invalidToken } from '../federation-error.js';

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

/** Parses XML; any parse error or a DOCTYPE makes it unreadable (undefined). */
export const parseXml = (text: string): Document | undefined => {
  if (/<!DOCTYPE/i.test(text)) return undefined;
  try {
    const doc = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') throw new Error('malformed XML');
      },
    }).parseFromString(text, 'text/xml');
    return doc.documentElement === null ? undefined : doc;
  } catch {
    return undefined;
  }
};

export const childElements = (parent: Element, ns: string, localName: string): Element[] => {
  const out: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === localName) out.push(node as Element);
  }
  return out;
};

/** The only child of that name; undefined when there is none; an invalid token when there are several. */
export const onlyChild = (parent: Element, ns: string, localName: string): Element | undefined => {
  const found = childElements(parent, ns, localName);
  if (found.length > 1) throw invalidToken(`The SAML document has more than one ${localName} in ${parent.localName}.`);
  return found[0];
};

export const textOf = (element: Element | undefined): string | undefined => element?.textContent?.trim() ?? undefined;

export const attributeOf = (element: Element | undefined, name: string): string | undefined => {
  if (element === undefined || !element.hasAttribute(name)) return undefined;
  return element.getAttribute(name) ?? undefined;
};

export const descendants = (root: Document | Element, ns: string, localName: string): Element[] =>
  Array.from(root.getElementsByTagNameNS(ns, localName));
