// Unique ids and credentials with AWS's shapes (§6.1): entity ids are a 4-letter prefix plus 17 characters,
// access key ids a prefix plus 16, secrets 40 characters of the base64 alphabet. Random, never reused.
// Access key ids carry their account as AWS's do (so GetAccessKeyInfo answers for any key, session keys
// included, without a lookup): the 16 characters are the base32 of 10 bytes whose first six hold, as a
// 48-bit big-endian number, the account id shifted left by 7 bits; the other bits are random. The layout is
// the one observed in AWS's keys since 2019 (unverified against any AWS document).

import { randomBytes } from 'node:crypto';

/** The id prefixes of §6.1. */
export const ID_PREFIX = {
  user: 'AIDA',
  group: 'AGPA',
  role: 'AROA',
  policy: 'ANPA',
  policyVersion: 'ANVA',
  instanceProfile: 'AIPA',
  accessKey: 'AKIA',
  sessionKey: 'ASIA',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const randomText = (length: number): string => {
  const bytes = randomBytes(length);
  let text = '';
  for (let i = 0; i < length; i++) text += ALPHABET[bytes[i]! & 31];
  return text;
};

type AccessKeyKind = 'accessKey' | 'sessionKey';

/** An entity id; access key ids come from newAccessKeyId, which puts the account in them. */
export const newId = (kind: Exclude<IdKind, AccessKeyKind>): string => ID_PREFIX[kind] + randomText(17);

const base32 = (bytes: Uint8Array): string => {
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return text;
};

/** An AKIA… or ASIA… id that names its account (see the comment at the top). */
export const newAccessKeyId = (kind: AccessKeyKind, account: string): string => {
  const bytes = randomBytes(10);
  // 48 bits: a zero top bit, the 40-bit account, 7 random bits.
  const head = Number(account) * 128 + (bytes[5]! & 127);
  for (let i = 5; i >= 0; i--) bytes[i] = Math.floor(head / 2 ** (8 * (5 - i))) % 256;
  return ID_PREFIX[kind] + base32(bytes);
};

const ACCESS_KEY_ID = /^A[KS]IA[A-Z2-7]{16}$/;

/** The account an access key id names, for ids of AWS's and Keycard's layout; undefined for other shapes. */
export const accountOfAccessKeyId = (id: string): string | undefined => {
  if (!ACCESS_KEY_ID.test(id)) return undefined;
  let head = 0;
  for (const ch of id.slice(4, 14)) head = head * 32 + ALPHABET.indexOf(ch); // 10 characters: the first 50 bits
  const account = Math.floor(head / 4 / 128) % 2 ** 40; // drop the 2 extra bits, then the 7 random ones
  return String(account).padStart(12, '0');
};

export const newSecretAccessKey = (): string =>
  randomBytes(30).toString('base64').replace(/[^A-Za-z0-9+/]/g, 'A').slice(0, 40);
