import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileArnPattern, splitArn } from './arn.js';
import { compileGlob } from './glob.js';

/** Reference: component-wise glob over the six components (§2.2). */
const reference = (pattern: string, value: string): boolean => {
  if (pattern === '*') return true;
  const p = splitArn(pattern);
  const v = splitArn(value);
  if (p === undefined || v === undefined) return false;
  return p.every((part, i) => compileGlob(part)(v[i]!));
};

const component = fc.array(fc.constantFrom('a', 'b', '*', '?', '/'), { maxLength: 4 }).map((a) => a.join(''));
const arnLike = fc.array(component, { minLength: 4, maxLength: 8 }).map((parts) => parts.join(':'));
const valueComponent = fc.array(fc.constantFrom('a', 'b', '/'), { maxLength: 4 }).map((a) => a.join(''));
const arnValue = fc.array(valueComponent, { minLength: 4, maxLength: 8 }).map((parts) => parts.join(':'));

describe('compileArnPattern', () => {
  it('agrees with the component-wise reference', () => {
    fc.assert(
      fc.property(arnLike, arnValue, (pattern, value) => {
        expect(compileArnPattern(pattern)(value)).toBe(reference(pattern, value));
      }),
      { numRuns: 3000 },
    );
  });

  it('does not let a wildcard cross a colon in the first five components (§3.2 example)', () => {
    const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
    expect(compileArnPattern('arn:aws:someservice:*:111122223333:finance/*')(value)).toBe(false);
    expect(compileGlob('arn:aws:someservice:*:111122223333:finance/*')(value)).toBe(true);
  });

  it('matches the resource part across colons and slashes, case-sensitively', () => {
    const m = compileArnPattern('arn:aws:s3:::bkt/*');
    expect(m('arn:aws:s3:::bkt/a/b:c')).toBe(true);
    expect(m('arn:aws:s3:::BKT/a')).toBe(false);
    expect(m('arn:aws:s3:::bkt')).toBe(false);
    expect(compileArnPattern('arn:aws:iam::*:user/*')('arn:aws:iam::123456789012:user/x')).toBe(true);
  });

  it('a pattern with fewer than six components matches nothing; `*` matches everything', () => {
    expect(compileArnPattern('arn:aws:s3:bkt')('arn:aws:s3:bkt')).toBe(false);
    expect(compileArnPattern('*')('anything at all')).toBe(true);
  });
});
