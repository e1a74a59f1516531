// XML text escaping and policy-document percent-encoding (§8.4), including text XML cannot carry.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodePolicyDocument } from '../query/policy-document.js';
import { escapeXmlText, wellFormed } from './escape.js';

describe('escapeXmlText', () => {
  it('escapes markup characters and CR, and keeps tab, LF and non-ASCII', () => {
    expect(escapeXmlText(`a&b<c>d"e'f\r\n\tü🔑`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f&#xD;\n\tü🔑');
  });

  it('returns text with nothing to escape unchanged, and escapes as the full rules do otherwise', () => {
    const full = (text: string) =>
      text
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
        .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\r/g, '&#xD;');
    const texts = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('\uD83D', '\uDD11', '\uFFFE', 'a\u0001b'));
    fc.assert(
      fc.property(texts, (text) => {
        expect(escapeXmlText(text)).toBe(full(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('replaces characters XML 1.0 cannot carry', () => {
    expect(escapeXmlText('a\u0000b\u001Fc\uFFFEd\uD800e')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
  });

  it('never leaves a raw "<" or a bare "&"', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeXmlText(text);
        expect(escaped).not.toMatch(/</);
        expect(escaped).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#xD);)/);
      }),
    );
  });
});

describe('encodePolicyDocument', () => {
  it('uses RFC 3986: only unreserved characters stay, space is %20', () => {
    expect(encodePolicyDocument("{\"a\": \"b*c!(d)'e~f\"}")).toBe('%7B%22a%22%3A%20%22b%2Ac%21%28d%29%27e~f%22%7D');
  });

  it('decodes back to the text for any input, lone surrogates replaced', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const encoded = encodePolicyDocument(text);
        expect(encoded).toMatch(/^[A-Za-z0-9\-_.~%]*$/);
        expect(decodeURIComponent(encoded)).toBe(wellFormed(text));
      }),
    );
  });
});
