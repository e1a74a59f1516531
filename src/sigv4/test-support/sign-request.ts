// A Signature Version 4 signer for tests only (excluded from the build): makes valid requests to tamper with.
// It reuses the verifier's canonical steps; the published vectors and botocore fixtures check those steps.

import { createHash } from 'node:crypto';
import { buildCanonicalRequest } from '../canonical-request.js';
import type { ParsedSignature } from '../parse-signature.js';
import { formatAmzDate } from '../request-time.js';
import type { SignedRequest } from '../signed-request.js';
import { deriveSigningKey, signString } from '../signing-key.js';
import { buildStringToSign } from '../string-to-sign.js';
import { uriEncode } from '../uri-encode.js';

export const sha256Hex = (body: string): string => createHash('sha256').update(body, 'utf8').digest('hex');

export type SigningInput = {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Lower-case names; host included. */
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly body: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly service: string;
  readonly at: Date;
  readonly transport: 'header' | 'query';
  readonly sessionToken?: string;
  readonly expiresSeconds?: number;
  /** Header auth only: carry the time in the HTTP Date header instead of X-Amz-Date. */
  readonly useDateHeader?: boolean;
  /** Headers to sign; every header given (plus x-amz-date and the token for header auth) by default. */
  readonly signedHeaders?: readonly string[];
};

export type SignedTestRequest = { readonly request: SignedRequest; readonly bodySha256Hex: string };

export const signRequest = (input: SigningInput): SignedTestRequest => {
  const amzDate = formatAmzDate(input.at);
  const scope = { date: amzDate.slice(0, 8), region: input.region, service: input.service, terminator: 'aws4_request' };
  const headers: Record<string, string | string[]> = { ...input.headers };
  let query = input.query;
  if (input.transport === 'header') {
    if (input.useDateHeader === true) headers['date'] = input.at.toUTCString();
    else headers['x-amz-date'] = amzDate;
    if (input.sessionToken !== undefined) headers['x-amz-security-token'] = input.sessionToken;
  }
  const signedHeaders = input.signedHeaders ?? Object.keys(headers).sort();
  if (input.transport === 'query') {
    const params: Array<[string, string]> = [
      ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
      ['X-Amz-Credential', `${input.accessKeyId}/${scope.date}/${scope.region}/${scope.service}/aws4_request`],
      ['X-Amz-Date', amzDate],
      ['X-Amz-Expires', String(input.expiresSeconds ?? 3600)],
      ['X-Amz-SignedHeaders', signedHeaders.join(';')],
    ];
    if (input.sessionToken !== undefined) params.push(['X-Amz-Security-Token', input.sessionToken]);
    const auth = params.map(([name, value]) => `${name}=${uriEncode(value)}`).join('&');
    query = query === '' ? auth : `${query}&${auth}`;
  }
  const bodySha256Hex = sha256Hex(input.body);
  const parsed: ParsedSignature = {
    kind: 'signed',
    transport: input.transport,
    accessKeyId: input.accessKeyId,
    scope,
    signedHeaders,
    signature: '',
    requestTime: { date: input.at, raw: amzDate, source: 'X-Amz-Date', amzDate },
    expiresSeconds: input.expiresSeconds,
    securityToken: input.sessionToken,
    declaredPayloadHash:
      typeof headers['x-amz-content-sha256'] === 'string' ? headers['x-amz-content-sha256'] : undefined,
  };
  const unsigned: SignedRequest = { method: input.method, path: input.path, query, headers };
  const canonical = buildCanonicalRequest(unsigned, parsed, bodySha256Hex);
  if (canonical.kind !== 'ok') throw new Error(`cannot sign: header ${canonical.name} is not in the request`);
  const key = deriveSigningKey(input.secretAccessKey, scope.date, scope.region, scope.service);
  const signature = signString(key, buildStringToSign(amzDate, scope, canonical.text));
  if (input.transport === 'query') {
    return { request: { ...unsigned, query: `${query}&X-Amz-Signature=${signature}` }, bodySha256Hex };
  }
  const authorization =
    `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope.date}/${scope.region}/${scope.service}/aws4_request, ` +
    `SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  return { request: { ...unsigned, headers: { ...headers, authorization } }, bodySha256Hex };
};
