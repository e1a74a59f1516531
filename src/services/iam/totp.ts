// Time-based one-time passwords as virtual MFA devices use them: RFC 6238 TOTP over HMAC-SHA-1, 30-second
// steps, 6 digits (the otpauth library computes the codes; this file adds the searches IAM needs).

import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

/** AWS's virtual MFA seeds are 64 base32 characters: 40 random bytes. */
const SEED_BYTES = 40;

/** A fresh random seed, as base32 text. */
export const newSeed = (): string => new Secret({ size: SEED_BYTES }).base32;

/** The time step a moment falls in (RFC 6238 §4: T = floor(unix seconds / 30)). */
export const stepAt = (now: Date): number => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The code a device with this seed shows during a time step. */
export const codeAt = (seedBase32: string, step: number, digits = TOTP_DIGITS): string =>
  HOTP.generate({ secret: Secret.fromBase32(seedBase32), algorithm: 'SHA1', digits, counter: step });

const sameCode = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The first step in [from, to] whose code is `code`; undefined when none. */
export const findStep = (seedBase32: string, code: string, from: number, to: number): number | undefined => {
  for (let step = from; step <= to; step++) if (sameCode(codeAt(seedBase32, step), code)) return step;
  return undefined;
};

/**
 * The step of the second code when the two codes are consecutive (code1 at step s, code2 at s + 1) for some
 * s in [from, to]; undefined otherwise. Enabling and resynchronising a device both ask for such a pair.
 */
export const findConsecutive = (seedBase32: string, code1: string, code2: string, from: number, to: number): number | undefined => {
  for (let step = from; step <= to; step++) {
    if (sameCode(codeAt(seedBase32, step), code1) && sameCode(codeAt(seedBase32, step + 1), code2)) return step + 1;
  }
  return undefined;
};

/** The otpauth:// URI an authenticator app reads from the QR code (Key Uri Format). */
export const provisioningUri = (seedBase32: string, issuer: string, label: string): string =>
  new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(seedBase32),
  }).toString();
