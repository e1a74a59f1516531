// A strict RFC 8259 JSON parser that keeps offsets, duplicate keys and number text, and never throws.
// Policies are parsed with this rather than JSON.parse, which silently drops duplicate keys and number text.
// It records only offsets (line and column are worked out on demand, see positions.ts) and measures the
// text as it goes, so that the size and character rules of policies need no second pass (§1.1, §1.4).

import { MAX_JSON_DEPTH, type JsonTree, type JsonTreeMember } from './json-node.js';

/** What the parse learned about the text besides its value. */
export interface JsonTextStats {
  /** Characters of JSON whitespace between tokens (space, tab, line feed, carriage return). */
  readonly whitespace: number;
  /** Offset of the first character above U+00FF (necessarily inside a string), or -1. */
  readonly firstNonLatin1: number;
}

export type JsonTextResult =
  | { readonly ok: true; readonly value: JsonTree; readonly stats: JsonTextStats }
  | { readonly ok: false; readonly error: { readonly message: string; readonly offset: number } };

interface Cursor {
  readonly text: string;
  pos: number;
  /** Set by the first failure; every parse function returns undefined from then on. */
  failure: { readonly message: string; readonly offset: number } | undefined;
  whitespace: number;
  firstNonLatin1: number;
}

export function parseJsonText(text: string): JsonTextResult {
  const cursor: Cursor = { text, pos: 0, failure: undefined, whitespace: 0, firstNonLatin1: -1 };
  skipWhitespace(cursor);
  const value = parseValue(cursor, 1);
  if (value !== undefined) {
    skipWhitespace(cursor);
    if (cursor.pos < text.length) {
      fail(cursor, `Unexpected ${describe(cursor)} after the end of the document`);
    }
  }
  if (cursor.failure !== undefined || value === undefined) {
    return { ok: false, error: cursor.failure ?? { message: 'Unexpected end of input', offset: text.length } };
  }
  return { ok: true, value, stats: { whitespace: cursor.whitespace, firstNonLatin1: cursor.firstNonLatin1 } };
}

function fail(cursor: Cursor, message: string, offset = cursor.pos): undefined {
  cursor.failure ??= { message, offset };
  return undefined;
}

function describe(cursor: Cursor): string {
  if (cursor.pos >= cursor.text.length) return 'end of input';
  return `character ${JSON.stringify(cursor.text.charAt(cursor.pos))}`;
}

function skipWhitespace(cursor: Cursor): void {
  const { text } = cursor;
  const start = cursor.pos;
  let pos = start;
  while (pos < text.length) {
    const ch = text.charCodeAt(pos);
    if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0a && ch !== 0x0d) break;
    pos++;
  }
  cursor.whitespace += pos - start;
  cursor.pos = pos;
}

function parseValue(cursor: Cursor, depth: number): JsonTree | undefined {
  const offset = cursor.pos;
  switch (cursor.text.charCodeAt(offset)) {
    case 0x7b: // {
      return parseObject(cursor, depth);
    case 0x5b: // [
      return parseArray(cursor, depth);
    case 0x22: {
      const value = parseString(cursor);
      return value === undefined ? undefined : { kind: 'string', value, offset };
    }
    case 0x74: // t
    case 0x66: // f
    case 0x6e: // n
      return parseLiteral(cursor);
    case 0x2f: // /
      return fail(cursor, 'Comments are not allowed in JSON');
    case 0x27: // '
      return fail(cursor, 'Strings must be enclosed in double quotes');
    case 0x2d: // -
      return parseNumber(cursor);
    default:
      if (offset >= cursor.text.length) return fail(cursor, 'Unexpected end of input, expected a value');
      if (isDigit(cursor.text, offset)) return parseNumber(cursor);
      return fail(cursor, `Unexpected ${describe(cursor)}, expected a value`);
  }
}

function enter(cursor: Cursor, depth: number): boolean {
  if (depth <= MAX_JSON_DEPTH) return true;
  fail(cursor, `Nesting is deeper than ${MAX_JSON_DEPTH} levels`);
  return false;
}

function parseObject(cursor: Cursor, depth: number): JsonTree | undefined {
  if (!enter(cursor, depth)) return undefined;
  const { text } = cursor;
  const offset = cursor.pos;
  const members: JsonTreeMember[] = [];
  cursor.pos++;
  skipWhitespace(cursor);
  if (text.charCodeAt(cursor.pos) === 0x7d) {
    cursor.pos++;
    return { kind: 'object', members, offset };
  }
  for (;;) {
    if (text.charCodeAt(cursor.pos) !== 0x22) {
      if (text.charCodeAt(cursor.pos) === 0x7d && members.length > 0) return fail(cursor, 'Trailing commas are not allowed');
      return fail(cursor, `Unexpected ${describe(cursor)}, expected a string key in double quotes`);
    }
    const keyOffset = cursor.pos;
    const key = parseString(cursor);
    if (key === undefined) return undefined;
    skipWhitespace(cursor);
    if (text.charCodeAt(cursor.pos) !== 0x3a) return fail(cursor, `Unexpected ${describe(cursor)}, expected ':' after a key`);
    cursor.pos++;
    skipWhitespace(cursor);
    const value = parseValue(cursor, depth + 1);
    if (value === undefined) return undefined;
    members.push({ key, keyOffset, value });
    skipWhitespace(cursor);
    const next = text.charCodeAt(cursor.pos);
    if (next === 0x7d) {
      cursor.pos++;
      return { kind: 'object', members, offset };
    }
    if (next !== 0x2c) return fail(cursor, `Unexpected ${describe(cursor)}, expected ',' or '}'`);
    cursor.pos++;
    skipWhitespace(cursor);
  }
}

function parseArray(cursor: Cursor, depth: number): JsonTree | undefined {
  if (!enter(cursor, depth)) return undefined;
  const { text } = cursor;
  const offset = cursor.pos;
  const items: JsonTree[] = [];
  cursor.pos++;
  skipWhitespace(cursor);
  if (text.charCodeAt(cursor.pos) === 0x5d) {
    cursor.pos++;
    return { kind: 'array', items, offset };
  }
  for (;;) {
    if (text.charCodeAt(cursor.pos) === 0x5d && items.length > 0) return fail(cursor, 'Trailing commas are not allowed');
    const item = parseValue(cursor, depth + 1);
    if (item === undefined) return undefined;
    items.push(item);
    skipWhitespace(cursor);
    const next = text.charCodeAt(cursor.pos);
    if (next === 0x5d) {
      cursor.pos++;
      return { kind: 'array', items, offset };
    }
    if (next !== 0x2c) return fail(cursor, `Unexpected ${describe(cursor)}, expected ',' or ']'`);
    cursor.pos++;
    skipWhitespace(cursor);
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** Reads a string literal starting at the opening quote; leaves the cursor after the closing quote. */
function parseString(cursor: Cursor): string | undefined {
  const { text } = cursor;
  let out = '';
  let pos = cursor.pos + 1;
  let runStart = pos;
  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (code === 0x22) {
      cursor.pos = pos + 1;
      return out + text.slice(runStart, pos);
    }
    if (code < 0x20) {
      cursor.pos = pos;
      return fail(cursor, `Control character U+${hex4(code)} must be escaped inside a string`);
    }
    if (code !== 0x5c) {
      if (code > 0xff && cursor.firstNonLatin1 < 0) cursor.firstNonLatin1 = pos;
      pos++;
      continue;
    }
    out += text.slice(runStart, pos);
    const escape = text.charAt(pos + 1);
    if (escape === '') {
      pos = text.length;
      break;
    }
    const simple = ESCAPES[escape];
    if (Object.hasOwn(ESCAPES, escape) && simple !== undefined) {
      out += simple;
      pos += 2;
    } else if (escape === 'u') {
      const digits = text.slice(pos + 2, pos + 6);
      cursor.pos = pos;
      if (!HEX4.test(digits)) return fail(cursor, 'Invalid \\u escape: expected four hex digits');
      out += String.fromCharCode(parseInt(digits, 16));
      pos += 6;
    } else {
      cursor.pos = pos;
      return fail(cursor, `Invalid escape sequence \\${escape}`);
    }
    runStart = pos;
  }
  cursor.pos = pos;
  return fail(cursor, 'Unterminated string');
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

function parseLiteral(cursor: Cursor): JsonTree | undefined {
  const { text, pos: offset } = cursor;
  if (text.startsWith('true', offset)) {
    cursor.pos += 4;
    return { kind: 'boolean', value: true, offset };
  }
  if (text.startsWith('false', offset)) {
    cursor.pos += 5;
    return { kind: 'boolean', value: false, offset };
  }
  if (text.startsWith('null', offset)) {
    cursor.pos += 4;
    return { kind: 'null', offset };
  }
  return fail(cursor, `Unexpected ${describe(cursor)}, expected a value`);
}

function isDigit(text: string, pos: number): boolean {
  const code = text.charCodeAt(pos);
  return code >= 0x30 && code <= 0x39;
}

/** Number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? — no leading zeros, no bare dot. */
function parseNumber(cursor: Cursor): JsonTree | undefined {
  const { text } = cursor;
  const offset = cursor.pos;
  let pos = offset;
  if (text.charCodeAt(pos) === 0x2d) pos++;
  if (text.charCodeAt(pos) === 0x30) {
    pos++;
    if (isDigit(text, pos)) return fail(cursor, 'Numbers must not have leading zeros', pos - 1);
  } else if (isDigit(text, pos)) {
    while (isDigit(text, pos)) pos++;
  } else {
    return fail(cursor, 'Invalid number: expected a digit', pos);
  }
  if (text.charCodeAt(pos) === 0x2e) {
    pos++;
    if (!isDigit(text, pos)) return fail(cursor, 'Invalid number: expected a digit after the decimal point', pos);
    while (isDigit(text, pos)) pos++;
  }
  const e = text.charCodeAt(pos);
  if (e === 0x65 || e === 0x45) {
    pos++;
    const sign = text.charCodeAt(pos);
    if (sign === 0x2b || sign === 0x2d) pos++;
    if (!isDigit(text, pos)) return fail(cursor, 'Invalid number: expected a digit in the exponent', pos);
    while (isDigit(text, pos)) pos++;
  }
  cursor.pos = pos;
  return { kind: 'number', text: text.slice(offset, pos), offset };
}
