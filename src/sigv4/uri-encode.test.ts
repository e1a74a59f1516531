import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentDecode, percentDecodeOctets, uriEncode, uriEncodeOctets } from './uri-encode.js';

describe('uriEncode', () => {
  it('leaves exactly the RFC 3986 unreserved set alone', () => {
    const unreserved = '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    expect(uriEncode(unreserved)).toBe(unreserved);
    expect(uriEncode(' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}')).toBe(
      '%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D',
    );
  });

  it('encodes UTF-8 octets with upper-case hex', () => {
    expect(uriEncode('\u1234')).toBe('%E1%88%B4');
    expect(uriEncode('é')).toBe('%C3%A9');
  });

  it('encodes an already-encoded text again', () => {
    expect(uriEncode('a%3Ab')).toBe('a%253Ab');
  });
});

describe('percentDecodeOctets', () => {
  it('decodes escapes in either hex case and leaves a broken escape literal', () => {
    expect(uriEncodeOctets(percentDecodeOctets('%2f%2F%zz%4', false))).toBe('%2F%2F%25zz%254');
  });

  it('reads + as a space only when asked', () => {
    expect(percentDecode('a+b', true)).toBe('a b');
    expect(percentDecode('a+b', false)).toBe('a+b');
    expect(percentDecode('a%2Bb', true)).toBe('a+b');
  });

  it('never throws on octets that are not UTF-8', () => {
    expect(uriEncodeOctets(percentDecodeOctets('%FF%FE', false))).toBe('%FF%FE');
  });

  it('round-trips: decoding an encoding gives the text back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(percentDecode(uriEncode(text), true)).toBe(text);
      }),
    );
  });
});
