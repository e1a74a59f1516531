import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHeaders, canonicalHeaderValue } from './canonical-headers.js';
import type { SignedRequest } from './signed-request.js';

const request = (headers: SignedRequest['headers']): SignedRequest => ({ method: 'GET', path: '/', query: '', headers });

describe('canonicalHeaderValue', () => {
  it('trims and collapses inner whitespace runs, keeping case', () => {
    expect(canonicalHeaderValue('  "a   b \t c"  ')).toBe('"a b c"');
    expect(canonicalHeaderValue('VALUE1')).toBe('VALUE1');
  });

  it('agrees with trimming and collapsing every run by regular expression, on any text', () => {
    const spacey = fc.array(fc.oneof(fc.constantFrom(' ', '  ', '\t', '\u00a0', '\u2003', '\n', 'a', 'B'), fc.string()), { maxLength: 10 });
    fc.assert(
      fc.property(spacey, (parts) => {
        const value = parts.join('');
        expect(canonicalHeaderValue(value)).toBe(value.trim().replace(/\s+/g, ' '));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('canonicalHeaders', () => {
  it('lists only the signed headers, repeated values joined with ","', () => {
    const result = canonicalHeaders(
      request({ host: 'h', 'my-header1': ['value4 ', ' value1'], 'x-unsigned': 'x', 'x-amz-date': 'd' }),
      ['host', 'my-header1', 'x-amz-date'],
    );
    expect(result).toEqual({ kind: 'ok', text: 'host:h\nmy-header1:value4,value1\nx-amz-date:d\n' });
  });

  it('reports a signed header the request does not carry', () => {
    expect(canonicalHeaders(request({ host: 'h' }), ['host', 'x-amz-date'])).toEqual({ kind: 'missing', name: 'x-amz-date' });
    expect(canonicalHeaders(request({ host: 'h', 'x-amz-date': [] }), ['host', 'x-amz-date'])).toEqual({
      kind: 'missing',
      name: 'x-amz-date',
    });
  });

  it('keeps an empty header that is present', () => {
    expect(canonicalHeaders(request({ host: 'h', 'x-empty': '' }), ['host', 'x-empty'])).toEqual({
      kind: 'ok',
      text: 'host:h\nx-empty:\n',
    });
  });

  it('reads a signed host from :authority under HTTP/2', () => {
    expect(canonicalHeaders(request({ ':authority': 'h2' }), ['host'])).toEqual({ kind: 'ok', text: 'host:h2\n' });
  });
});
