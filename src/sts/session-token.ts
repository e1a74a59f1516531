// Sealed session tokens (DESIGN decision 4): "KC1." + base64url(key id ‖ nonce ‖ AES-256-GCM ciphertext ‖ tag),
// the key id bound as additional data. Any node holding the key ring opens one without a lookup; a
// tampered, truncated or foreign token fails authentication.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SessionClaims } from './claims.js';

const PREFIX = 'KC1.';
const KEY_ID_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface TokenKey {
  /** 32 hex characters (16 bytes). */
  readonly id: string;
  readonly key: Buffer;
}

const aad = (keyId: string): Buffer => Buffer.from(`keycard-session-token-v1:${keyId}`);

export const sealSessionToken = (claims: SessionClaims, key: TokenKey): string => {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  cipher.setAAD(aad(key.id));
  const body = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([Buffer.from(key.id, 'hex'), nonce, body, cipher.getAuthTag()]).toString('base64url');
};

/** The key id a token claims to be sealed with; undefined when the token is not one of Keycard's. */
export const tokenKeyId = (token: string): string | undefined => {
  if (!token.startsWith(PREFIX)) return undefined;
  const raw = Buffer.from(token.slice(PREFIX.length), 'base64url');
  if (raw.length < KEY_ID_BYTES + NONCE_BYTES + TAG_BYTES + 2) return undefined;
  return raw.subarray(0, KEY_ID_BYTES).toString('hex');
};

/** Opens a token with its key; undefined for anything that does not authenticate or parse. */
export const openSessionToken = (token: string, key: TokenKey): SessionClaims | undefined => {
  if (tokenKeyId(token) !== key.id) return undefined;
  const raw = Buffer.from(token.slice(PREFIX.length), 'base64url');
  const nonce = raw.subarray(KEY_ID_BYTES, KEY_ID_BYTES + NONCE_BYTES);
  const body = raw.subarray(KEY_ID_BYTES + NONCE_BYTES, raw.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, nonce);
    decipher.setAAD(aad(key.id));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const text = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    const claims = JSON.parse(text) as SessionClaims;
    return claims.version === 1 ? claims : undefined;
  } catch {
    return undefined;
  }
};
