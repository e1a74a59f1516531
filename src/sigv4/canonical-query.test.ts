import { describe, expect, it } from 'vitest';
import { canonicalQueryString } from './canonical-query.js';

describe('canonicalQueryString', () => {
  it('sorts by encoded name, then by value', () => {
    expect(canonicalQueryString('b=2&a=2&a=1&A=3', 'header')).toBe('A=3&a=1&a=2&b=2');
    // '%' sorts before letters: the order is that of the encoded text (aws-c-auth get-vanilla-query-order-encoded).
    expect(canonicalQueryString('Param-3=Value3&Param=Value2&%E1%88%B4=Value1', 'header')).toBe(
      '%E1%88%B4=Value1&Param=Value2&Param-3=Value3',
    );
  });

  it('re-encodes names and values with RFC 3986 rules', () => {
    expect(canonicalQueryString('a=%2f&b=%7e&c=*&d=%20&e=+', 'header')).toBe('a=%2F&b=~&c=%2A&d=%20&e=%20');
    expect(canonicalQueryString('Marker=x%2By%3Dz', 'header')).toBe('Marker=x%2By%3Dz');
  });

  it('gives a parameter without "=" an empty value and skips empty pieces', () => {
    expect(canonicalQueryString('flag&x=&&y=1&', 'header')).toBe('flag=&x=&y=1');
    expect(canonicalQueryString('', 'header')).toBe('');
  });

  it('leaves out X-Amz-Signature for presigned URLs only', () => {
    expect(canonicalQueryString('X-Amz-Signature=abc&a=1', 'query')).toBe('a=1');
    expect(canonicalQueryString('X-Amz-Signature=abc&a=1', 'header')).toBe('X-Amz-Signature=abc&a=1');
  });
});
