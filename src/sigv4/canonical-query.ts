// Step 3 of the canonical request: the canonical query string (§7.1). Names and values are decoded and
// re-encoded with RFC 3986 rules, sorted by name then value, and X-Amz-Signature is left out of presigned URLs.

import { splitQuery } from './query-params.js';
import { percentDecodeOctets, uriEncodeOctets } from './uri-encode.js';

/**
 * `+` is read as a space. botocore signs the space as `%20` but its own URL builder (urlencode) puts
 * `+` on the wire for AWSRequest params, and AWS accepts that; a literal plus must arrive as `%2B`.
 */
const canonicalComponent = (raw: string): string => uriEncodeOctets(percentDecodeOctets(raw, true));

export type QueryTransport = 'header' | 'query';

export const canonicalQueryString = (rawQuery: string, transport: QueryTransport): string => {
  const pairs: Array<readonly [string, string]> = [];
  for (const { rawName, rawValue } of splitQuery(rawQuery)) {
    const name = canonicalComponent(rawName);
    // The signature cannot sign itself; with header auth a stray parameter of that name was signed.
    if (transport === 'query' && name === 'X-Amz-Signature') continue;
    pairs.push([name, canonicalComponent(rawValue)]);
  }
  // Encoded text is ASCII, so code-unit order is the octet order AWS sorts by.
  pairs.sort(([aName, aValue], [bName, bValue]) =>
    aName < bName ? -1 : aName > bName ? 1 : aValue < bValue ? -1 : aValue > bValue ? 1 : 0,
  );
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
};
