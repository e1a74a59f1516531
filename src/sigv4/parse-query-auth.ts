// Parses presigned-URL authentication: the X-Amz-* query parameters (§7.1 item 7). Malformed or missing
// parameters are IncompleteSignature, the IAM/STS code for a signature that does not conform (§7.5).

import { ALGORITHM } from './algorithm.js';
import { singleParam, type AuthParams } from './auth-params.js';
import { CREDENTIAL_SHAPE, parseCredential, type Credential } from './credential.js';
import { incompleteSignature, type SigV4Failure } from './failure.js';
import { parseAmzDate } from './request-time.js';
import { parseSignedHeaders } from './signed-headers.js';

export type QueryAuth = {
  readonly credential: Credential;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly amzDate: { readonly raw: string; readonly date: Date };
  readonly expiresSeconds: number;
};

const REQUIRED = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
] as const;
type Required = (typeof REQUIRED)[number];

export const parseQueryAuth = (
  params: AuthParams,
): { kind: 'ok'; value: QueryAuth } | { kind: 'error'; failure: SigV4Failure } => {
  const fail = (message: string) => ({ kind: 'error' as const, failure: incompleteSignature(message) });
  const values = new Map<Required, string>();
  const missing: Required[] = [];
  for (const name of REQUIRED) {
    const param = singleParam(params, name);
    if (param.kind === 'repeated') return fail(`The ${name} query parameter is repeated.`);
    if (param.kind === 'absent' || param.value === '') missing.push(name);
    else values.set(name, param.value);
  }
  if (missing.length > 0) {
    return fail(
      `Query-string authentication requires the ${REQUIRED.join(', ')} parameters; missing ${missing.join(', ')}.`,
    );
  }
  const algorithm = values.get('X-Amz-Algorithm')!;
  if (algorithm !== ALGORITHM) {
    return fail(`Unsupported X-Amz-Algorithm '${algorithm.slice(0, 40)}'; expected '${ALGORITHM}'.`);
  }
  const credential = parseCredential(values.get('X-Amz-Credential')!);
  if (credential === undefined) return fail(`X-Amz-Credential is malformed; expecting "${CREDENTIAL_SHAPE}".`);
  const rawDate = values.get('X-Amz-Date')!;
  const date = parseAmzDate(rawDate);
  if (date === undefined) {
    return fail(`X-Amz-Date must be in ISO-8601 basic format (YYYYMMDD'T'HHMMSS'Z'); got '${rawDate.slice(0, 40)}'.`);
  }
  const rawExpires = values.get('X-Amz-Expires')!;
  // The 1–604800 range is checked by verify; here only the shape, so the number is exact.
  if (!/^\d{1,9}$/.test(rawExpires)) {
    return fail(`X-Amz-Expires must be a whole number of seconds; got '${rawExpires.slice(0, 40)}'.`);
  }
  const signedHeaders = parseSignedHeaders(values.get('X-Amz-SignedHeaders')!);
  if (signedHeaders === undefined) return fail("X-Amz-SignedHeaders must be header names separated by ';'.");
  return {
    kind: 'ok',
    value: {
      credential,
      signedHeaders,
      signature: values.get('X-Amz-Signature')!,
      amzDate: { raw: rawDate, date },
      expiresSeconds: Number(rawExpires),
    },
  };
};
