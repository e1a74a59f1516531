// RFC 3986 percent-encoding as Signature Version 4 uses it (§7.1): unreserved characters stay, every other
// octet becomes %XX with upper-case hex. Works on octets so malformed escapes and non-UTF-8 never throw.

const HEX = '0123456789ABCDEF';

const isUnreserved = (octet: number): boolean =>
  (octet >= 0x41 && octet <= 0x5a) || // A-Z
  (octet >= 0x61 && octet <= 0x7a) || // a-z
  (octet >= 0x30 && octet <= 0x39) || // 0-9
  octet === 0x2d || // -
  octet === 0x2e || // .
  octet === 0x5f || // _
  octet === 0x7e; // ~

/** Encodes octets, leaving only the unreserved set as-is. */
export const uriEncodeOctets = (octets: Uint8Array): string => {
  let out = '';
  for (const octet of octets) {
    out += isUnreserved(octet) ? String.fromCharCode(octet) : '%' + HEX[octet >> 4]! + HEX[octet & 0x0f]!;
  }
  return out;
};

/** Encodes text as its UTF-8 octets; `%` itself is encoded, so an already-encoded input is encoded again. */
export const uriEncode = (text: string): string => uriEncodeOctets(new TextEncoder().encode(text));

const hexValue = (code: number): number => {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
};

/**
 * Percent-decodes to octets. A `%` not followed by two hex digits stays a literal `%`. With
 * `plusIsSpace`, `+` means a space, as in query strings (see canonical-query.ts for why).
 */
export const percentDecodeOctets = (text: string, plusIsSpace: boolean): Uint8Array => {
  const octets: number[] = [];
  const encoder = new TextEncoder();
  let literalStart = 0;
  const flushLiteral = (end: number): void => {
    // A loop rather than push(...spread): a long query must not hit the engine's argument limit.
    for (const octet of encoder.encode(text.slice(literalStart, end))) octets.push(octet);
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const high = code === 0x25 ? hexValue(text.charCodeAt(i + 1)) : -1;
    const low = high >= 0 ? hexValue(text.charCodeAt(i + 2)) : -1;
    if (low >= 0) {
      flushLiteral(i);
      octets.push(high * 16 + low);
      i += 2;
      literalStart = i + 1;
    } else if (code === 0x2b && plusIsSpace) {
      flushLiteral(i);
      octets.push(0x20);
      literalStart = i + 1;
    }
  }
  flushLiteral(text.length);
  return Uint8Array.from(octets);
};

/** Percent-decodes to text (invalid UTF-8 becomes U+FFFD); for reading parameter values, not for signing. */
export const percentDecode = (text: string, plusIsSpace: boolean): string =>
  new TextDecoder().decode(percentDecodeOctets(text, plusIsSpace));
