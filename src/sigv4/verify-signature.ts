// Verifies a parsed signature against the request and the caller's secret: scope, time, then the
// recomputed signature compared in constant time, then the declared payload hash (§7.1–§7.3).

import { buildCanonicalRequest } from './canonical-request.js';
import { checkRequestTime } from './check-request-time.js';
import { checkScope } from './check-scope.js';
import { signaturesMatch } from './compare-signature.js';
import { signatureDoesNotMatch, type SigV4Failure } from './failure.js';
import type { ParsedSignature } from './parse-signature.js';
import { declaredHashDisagrees, PAYLOAD_HASH_MISMATCH_MESSAGE } from './payload-hash.js';
import type { SignedRequest } from './signed-request.js';
import { signString } from './signing-key.js';
import type { SigningKeyCache } from './signing-key-cache.js';
import { buildStringToSign } from './string-to-sign.js';

export type VerifyOptions = {
  readonly secretAccessKey: string;
  /** Lower-case hex SHA-256 of the body actually received (the empty body's hash when there is none). */
  readonly payloadSha256Hex: string;
  readonly now: Date;
  /** The service this endpoint serves (`iam`, `sts`); unchecked when absent. */
  readonly expectedService?: string;
  /** The region this endpoint serves (IAM: `us-east-1`, §7.1 item 8); unchecked when absent. */
  readonly expectedRegion?: string;
  readonly signingKeys: SigningKeyCache;
};

export type VerifyResult = { readonly ok: true } | ({ readonly ok: false } & SigV4Failure);

const refuse = (failure: SigV4Failure): VerifyResult => ({ ok: false, ...failure });

export const verifySignature = (
  request: SignedRequest,
  parsed: ParsedSignature,
  options: VerifyOptions,
): VerifyResult => {
  const scopeProblem = checkScope(parsed.scope, {
    requestAmzDate: parsed.requestTime.amzDate,
    expectedService: options.expectedService,
    expectedRegion: options.expectedRegion,
  });
  if (scopeProblem !== undefined) return refuse(scopeProblem);
  const timeProblem = checkRequestTime(parsed, options.now);
  if (timeProblem !== undefined) return refuse(timeProblem);

  const canonicalRequest = buildCanonicalRequest(request, parsed, options.payloadSha256Hex);
  // A signed header that is not there cannot have been signed as received: the same answer as any mismatch.
  if (canonicalRequest.kind === 'missing-header') return refuse(signatureDoesNotMatch());
  const stringToSign = buildStringToSign(parsed.requestTime.amzDate, parsed.scope, canonicalRequest.text);
  const { date, region, service } = parsed.scope;
  const key = options.signingKeys.signingKey(options.secretAccessKey, date, region, service);
  if (!signaturesMatch(parsed.signature, signString(key, stringToSign))) return refuse(signatureDoesNotMatch());

  // Checked after the signature, so only an authentic request learns that its body was altered.
  if (declaredHashDisagrees(parsed, options.payloadSha256Hex)) {
    return refuse(signatureDoesNotMatch(PAYLOAD_HASH_MISMATCH_MESSAGE));
  }
  return { ok: true };
};
