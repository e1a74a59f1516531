// Text safe to place in an XML 1.0 element, and text safe to percent-encode.

// C0 controls other than tab, LF and CR, the non-characters U+FFFE/U+FFFF, and unpaired surrogates: none
// may appear in an XML 1.0 document at all, not even as character references.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Any character either replacement below would touch (a surrogate of either kind, to be checked for pairing). */
const NEEDS_WORK = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A raw CR would be read back as LF (XML end-of-line handling); the reference keeps it.
  '\r': '&#xD;',
};

/**
 * Escapes element text. Characters XML cannot carry become U+FFFD rather than produce a document that
 * clients fail to parse.
 */
export function escapeXmlText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text; // most text (names, ids, ARNs) has nothing to escape
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\r]/g, (ch) => ENTITIES[ch]!);
}

/** Replaces unpaired surrogates, which have no UTF-8 form (encodeURIComponent throws on them). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
