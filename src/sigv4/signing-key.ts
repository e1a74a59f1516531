// The signing key (§7.1 item 3): four chained HMAC-SHA256s over date, region, service and "aws4_request",
// and the signature made with it.

import { createHmac } from 'node:crypto';

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

export const deriveSigningKey = (secretAccessKey: string, date: string, region: string, service: string): Buffer =>
  hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');

/** Lower-case hex HMAC of the string to sign. */
export const signString = (signingKey: Buffer, stringToSign: string): string =>
  createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
