// Unique ids and credentials with AWS's shapes (§6.1): entity ids are a 4-letter prefix plus 17 characters,
// access key ids a prefix plus 16, secrets 40 characters of the base64 alphabet. Random, never reused.

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

export const newId = (kind: IdKind): string => {
  const prefix = ID_PREFIX[kind];
  return prefix + randomText(kind === 'accessKey' || kind === 'sessionKey' ? 16 : 17);
};

export const newSecretAccessKey = (): string =>
  randomBytes(30).toString('base64').replace(/[^A-Za-z0-9+/]/g, 'A').slice(0, 40);
