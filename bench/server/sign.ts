// Signs Query-protocol POSTs with Signature V4 for the load generator (the client side; Keycard verifies).

import { createHash, createHmac } from 'node:crypto';

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** For temporary credentials: sent, and signed, as X-Amz-Security-Token. */
  readonly sessionToken?: string;
}

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');

/** Headers for a signed form POST to `host` for `service` in us-east-1. */
export const signedHeaders = (
  credentials: SigningCredentials,
  host: string,
  service: string,
  body: string,
  now = new Date(),
): Record<string, string> => {
  const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const date = amzDate.slice(0, 8);
  const contentType = 'application/x-www-form-urlencoded; charset=utf-8';
  const payloadHash = sha256(body);
  const token = credentials.sessionToken;
  const canonicalHeaders =
    `content-type:${contentType}\nhost:${host}\nx-amz-date:${amzDate}\n` + (token === undefined ? '' : `x-amz-security-token:${token}\n`);
  const signed = token === undefined ? 'content-type;host;x-amz-date' : 'content-type;host;x-amz-date;x-amz-security-token';
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signed, payloadHash].join('\n');
  const scope = `${date}/us-east-1/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date), 'us-east-1'), service), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return {
    'content-type': contentType,
    'x-amz-date': amzDate,
    ...(token !== undefined && { 'x-amz-security-token': token }),
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`,
  };
};
