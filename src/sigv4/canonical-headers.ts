// Steps 4 and 5 of the canonical request: the canonical headers and the signed-headers list (§7.1).
// Only the headers the client says it signed take part; a signed header missing from the request fails.

import { headerValues, type SignedRequest } from './signed-request.js';

const NEEDS_COLLAPSE = /[^\S ]| {2}/;

/** Trims and collapses inner whitespace runs to one space, as botocore's `' '.join(value.split())` does. */
export const canonicalHeaderValue = (value: string): string => {
  const trimmed = value.trim();
  // Only whitespace other than a lone space needs the replacement; most header values have none.
  return NEEDS_COLLAPSE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
};


export type CanonicalHeaders = { kind: 'ok'; text: string } | { kind: 'missing'; name: string };

/**
 * Each signed header as `name:value\n`, in the order the client listed them. The list is used verbatim,
 * because it is the client's statement of what it signed; correct signers send it lower-case and sorted.
 * HTTP/2 carries the host as `:authority` (§7.1), so a signed `host` falls back to it.
 */
export const canonicalHeaders = (request: SignedRequest, signedHeaders: readonly string[]): CanonicalHeaders => {
  let text = '';
  for (const name of signedHeaders) {
    const lowerCaseName = name.toLowerCase();
    const values =
      headerValues(request, lowerCaseName) ??
      (lowerCaseName === 'host' ? headerValues(request, ':authority') : undefined);
    if (values === undefined) return { kind: 'missing', name };
    text += `${name}:${values.map(canonicalHeaderValue).join(',')}\n`;
  }
  return { kind: 'ok', text };
};

export const signedHeadersLine = (signedHeaders: readonly string[]): string => signedHeaders.join(';');
