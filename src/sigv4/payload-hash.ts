// Step 6 of the canonical request: the hashed payload (§7.1). Whatever the client declared in
// x-amz-content-sha256 is what it signed; otherwise the hash of the body that actually arrived.

import type { ParsedSignature } from './parse-signature.js';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** S3 presigned URLs cannot know their body, so they sign this constant instead (botocore S3SigV4QueryAuth). */
const UNSIGNED_WHEN_PRESIGNED: ReadonlySet<string> = new Set(['s3', 's3express']);

/**
 * The payload line of the canonical request.
 *
 * Presigned URLs of other services sign the hash of the body as it was at signing time; botocore moves
 * Query-protocol body parameters into the URL first (SigV4QueryAuth), so that is the empty body. Using the
 * hash of the body actually received keeps that true for the empty body and makes a body attached to a
 * presigned URL fail, rather than ride on a signature that never covered it.
 */
export const canonicalPayloadHash = (parsed: ParsedSignature, bodySha256Hex: string): string => {
  if (parsed.declaredPayloadHash !== undefined) return parsed.declaredPayloadHash;
  if (parsed.transport === 'query' && UNSIGNED_WHEN_PRESIGNED.has(parsed.scope.service)) return UNSIGNED_PAYLOAD;
  return bodySha256Hex;
};

/**
 * A declared hash must be the body's, unless the client opted out with UNSIGNED-PAYLOAD. Chunked S3
 * uploads (`STREAMING-…`) are not supported, so they fail here too. With UNSIGNED-PAYLOAD the body is not
 * authenticated at all; callers that need it authenticated can refuse on `declaredPayloadHash`.
 */
export const declaredHashDisagrees = (parsed: ParsedSignature, bodySha256Hex: string): boolean =>
  parsed.declaredPayloadHash !== undefined &&
  parsed.declaredPayloadHash !== UNSIGNED_PAYLOAD &&
  parsed.declaredPayloadHash !== bodySha256Hex;

/** S3's text for the same condition; IAM and STS have none of their own. */
export const PAYLOAD_HASH_MISMATCH_MESSAGE =
  "The provided 'x-amz-content-sha256' header does not match what was computed.";
