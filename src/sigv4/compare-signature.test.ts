import { describe, expect, it } from 'vitest';
import { signaturesMatch } from './compare-signature.js';

const SIGNATURE = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';

describe('signaturesMatch', () => {
  it('matches only the identical text', () => {
    expect(signaturesMatch(SIGNATURE, SIGNATURE)).toBe(true);
    expect(signaturesMatch(SIGNATURE.toUpperCase(), SIGNATURE)).toBe(false);
    expect(signaturesMatch(SIGNATURE.slice(0, 63) + '0', SIGNATURE)).toBe(false);
  });

  it('refuses other lengths without throwing', () => {
    expect(signaturesMatch('', SIGNATURE)).toBe(false);
    expect(signaturesMatch(SIGNATURE + '0', SIGNATURE)).toBe(false);
    expect(signaturesMatch(SIGNATURE.slice(1), SIGNATURE)).toBe(false);
  });
});
