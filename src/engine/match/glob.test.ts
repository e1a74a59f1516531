import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, hasWildcard, unescapeLiteral } from './glob.js';
import { escapePattern } from './template.js';

/** Reference semantics: translate to an anchored regular expression. */
const reference = (pattern: string, value: string): boolean => {
  const source = [...pattern]
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(value);
};

const small = (chars: string[], maxLength = 8) =>
  fc.array(fc.constantFrom(...chars), { maxLength }).map((a) => a.join(''));

describe('compileGlob', () => {
  it('agrees with the regular-expression reference on random patterns and values', () => {
    fc.assert(
      fc.property(small(['a', 'b', '/', ':', '*', '?']), small(['a', 'b', '/', ':'], 12), (pattern, value) => {
        expect(compileGlob(pattern)(value)).toBe(reference(pattern, value));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches `*` across slashes and colons, `?` exactly one character', () => {
    expect(compileGlob('bkt/*/test/*')('bkt/1/2/test/3/x.jpg')).toBe(true);
    expect(compileGlob('bkt/*/test/*')('bkt//test/x')).toBe(true);
    expect(compileGlob('bkt/*/test/*')('bkt/test/x')).toBe(false);
    expect(compileGlob('bkt/*/test/*')('bkt/1-test/x')).toBe(false);
    expect(compileGlob('a?c')('abc')).toBe(true);
    expect(compileGlob('a?c')('ac')).toBe(false);
    expect(compileGlob('a?c')('abbc')).toBe(false);
  });

  it('treats the ${*} ${?} ${$} escapes as literal characters', () => {
    expect(compileGlob('a${*}b')('a*b')).toBe(true);
    expect(compileGlob('a${*}b')('axb')).toBe(false);
    expect(compileGlob('a${?}')('a?')).toBe(true);
    expect(compileGlob('a${?}')('ab')).toBe(false);
    expect(compileGlob('${$}{x}')('${x}')).toBe(true);
    expect(hasWildcard('a${*}')).toBe(false);
    expect(unescapeLiteral('x${*}${?}${$}')).toBe('x*?$');
  });

  it('an escaped value matches itself and nothing else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (value, other) => {
        const matches = compileGlob(escapePattern(value));
        expect(matches(value)).toBe(true);
        expect(matches(other)).toBe(other === value);
      }),
    );
  });

  it('stays fast on patterns full of stars (no exponential backtracking)', () => {
    const pattern = '*a'.repeat(40) + '*b';
    const value = 'a'.repeat(5000);
    const started = performance.now();
    expect(compileGlob(pattern)(value)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
