// The time checks (§7.2, §7.1 item 7): a 15-minute window around the server clock for header auth, and for
// presigned URLs the X-Amz-Expires range and expiry. Messages reproduce AWS's texts.

import { incompleteSignature, requestExpired, signatureDoesNotMatch, type SigV4Failure } from './failure.js';
import { formatAmzDate } from './request-time.js';
import type { ParsedSignature } from './parse-signature.js';

const SKEW_MS = 15 * 60 * 1000;
const MAX_EXPIRES_SECONDS = 604_800; // one week (§7.1 item 7)

export const checkRequestTime = (parsed: ParsedSignature, now: Date): SigV4Failure | undefined => {
  // AWS's messages show whole seconds; comparing in whole seconds keeps a message from claiming a time
  // is earlier than itself.
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  const at = parsed.requestTime.date.getTime();
  const shown = (ms: number): string => formatAmzDate(new Date(ms));
  if (at > nowMs + SKEW_MS) {
    return signatureDoesNotMatch(
      `Signature not yet current: ${shown(at)} is still later than ` +
        `${shown(nowMs + SKEW_MS)} (${shown(nowMs)} + 15 min.)`,
    );
  }
  if (parsed.transport === 'header') {
    if (at < nowMs - SKEW_MS) {
      return signatureDoesNotMatch(
        `Signature expired: ${shown(at)} is now earlier than ${shown(nowMs - SKEW_MS)} (${shown(nowMs)} - 15 min.)`,
      );
    }
    return undefined;
  }
  // A presigned URL may be days old; its own X-Amz-Expires bounds it instead of the 15-minute window.
  const expires = parsed.expiresSeconds ?? 0;
  if (expires < 1 || expires > MAX_EXPIRES_SECONDS) {
    return incompleteSignature(
      `X-Amz-Expires must be between 1 and ${MAX_EXPIRES_SECONDS} seconds (one week); got ${expires}.`,
    );
  }
  const endsAt = at + expires * 1000;
  // §7.2 leaves IAM/STS's code for this unverified; RequestExpired is the code the IAM/STS common-errors
  // list documents for "past the expiration date of a presigned URL" (§7.5). No grace period is added.
  if (nowMs > endsAt) {
    return requestExpired(
      `Request has expired: X-Amz-Date ${shown(at)} plus X-Amz-Expires ${expires} seconds ` +
        `ended at ${shown(endsAt)}, before ${shown(nowMs)}.`,
    );
  }
  return undefined;
};
