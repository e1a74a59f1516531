// The ways a signature can be refused, as AWS error codes with their HTTP status (§7.2, §7.3, §7.5).
// The protocol layer's error registry turns these into wire errors; this layer only names them.

export type SigV4ErrorCode = 'IncompleteSignature' | 'SignatureDoesNotMatch' | 'RequestExpired';

export type SigV4Failure = {
  readonly code: SigV4ErrorCode;
  readonly status: 400 | 403;
  readonly message: string;
};

/** AWS's fixed text for a signature that does not match (§7.3). */
export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** A malformed or partial signature: 400 on IAM and STS (§7.3, §7.5). */
export const incompleteSignature = (message: string): SigV4Failure => ({
  code: 'IncompleteSignature',
  status: 400,
  message,
});

/** IAM and STS answer scope, clock and mismatch problems alike with this 403 (§7.2, §7.3). */
export const signatureDoesNotMatch = (message: string = SIGNATURE_MISMATCH_MESSAGE): SigV4Failure => ({
  code: 'SignatureDoesNotMatch',
  status: 403,
  message,
});

/** A presigned URL used after X-Amz-Date + X-Amz-Expires (§7.5 lists this case under RequestExpired). */
export const requestExpired = (message: string): SigV4Failure => ({ code: 'RequestExpired', status: 400, message });
