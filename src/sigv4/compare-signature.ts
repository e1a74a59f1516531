// Compares the signature sent with the one computed, in time that does not depend on where they differ,
// so response timing cannot be used to guess a valid signature byte by byte.

import { timingSafeEqual } from 'node:crypto';

export const signaturesMatch = (provided: string, expected: string): boolean => {
  const a = Buffer.from(provided, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    // timingSafeEqual needs equal lengths; the expected length (64) is public, so only the work is kept equal.
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
};
