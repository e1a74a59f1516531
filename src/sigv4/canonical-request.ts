// The canonical request (§7.1 item 1): method, canonical URI, canonical query string, canonical headers,
// signed headers and hashed payload, joined with newlines. The one place the steps are put together.

import { canonicalHeaders, signedHeadersLine } from './canonical-headers.js';
import { canonicalQueryString } from './canonical-query.js';
import { canonicalUri } from './canonical-uri.js';
import type { ParsedSignature } from './parse-signature.js';
import { canonicalPayloadHash } from './payload-hash.js';
import type { SignedRequest } from './signed-request.js';

export type CanonicalRequest = { kind: 'ok'; text: string } | { kind: 'missing-header'; name: string };

export const buildCanonicalRequest = (
  request: SignedRequest,
  parsed: ParsedSignature,
  bodySha256Hex: string,
): CanonicalRequest => {
  const headers = canonicalHeaders(request, parsed.signedHeaders);
  if (headers.kind === 'missing') return { kind: 'missing-header', name: headers.name };
  const text = [
    request.method,
    canonicalUri(request.path, parsed.scope.service),
    canonicalQueryString(request.query, parsed.transport),
    headers.text, // each line already ends in "\n", so the join leaves the blank line §7.1 shows
    signedHeadersLine(parsed.signedHeaders),
    canonicalPayloadHash(parsed, bodySha256Hex),
  ].join('\n');
  return { kind: 'ok', text };
};
