// The public surface of Signature Version 4 verification (§7): parse the signature a request carries,
// then verify it against the caller's secret. Pure: no I/O, and node:crypto is the only import.

export {
  parseSignature,
  type ParsedSignature,
  type SignatureParse,
  type SignatureParseError,
  type SignatureTransport,
} from './parse-signature.js';
export { verifySignature, type VerifyOptions, type VerifyResult } from './verify-signature.js';
export { SigningKeyCache } from './signing-key-cache.js';
export type { SignedRequest } from './signed-request.js';
export type { CredentialScope } from './credential.js';
export type { RequestTime } from './request-time.js';
export { SIGNATURE_MISMATCH_MESSAGE, type SigV4ErrorCode, type SigV4Failure } from './failure.js';
export { UNSIGNED_PAYLOAD } from './payload-hash.js';
