// Step 2 of the canonical request: the canonical URI (§7.1). IAM and STS always sign "/", but the general
// rule is implemented so any service's path verifies: normalise, then URI-encode each segment.

import { percentDecodeOctets, uriEncode, uriEncodeOctets } from './uri-encode.js';

/**
 * S3 signs its path as-is, without dot-segment removal, and encodes it once (botocore's S3 signers skip
 * normalisation). S3 Express follows the same rule.
 */
const PATH_AS_IS_SERVICES: ReadonlySet<string> = new Set(['s3', 's3express']);

/**
 * RFC 3986 §5.2.4 dot-segment removal, and empty segments dropped because AWS collapses repeated
 * slashes; a trailing slash survives unless nothing is left (botocore's remove_dot_segments).
 */
export const normalizePath = (path: string): string => {
  if (path === '') return '/';
  const kept: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(segment);
  }
  const leading = path.startsWith('/') ? '/' : '';
  const trailing = path.endsWith('/') && kept.length > 0 ? '/' : '';
  return leading + kept.join('/') + trailing;
};

/**
 * For most services the SDK encodes each segment of a path that is already percent-encoded on the wire,
 * so relative to the raw octets the path is encoded twice: `%3A` on the wire is `%253A` in the canonical
 * request. For S3 the wire path is decoded and encoded once.
 */
export const canonicalUri = (rawPath: string, service: string): string => {
  if (PATH_AS_IS_SERVICES.has(service)) {
    const path = rawPath === '' ? '/' : rawPath;
    return path
      .split('/')
      .map((segment) => uriEncodeOctets(percentDecodeOctets(segment, false)))
      .join('/');
  }
  return normalizePath(rawPath).split('/').map(uriEncode).join('/');
};
