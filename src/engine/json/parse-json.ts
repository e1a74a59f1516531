// A strict RFC 8259 JSON parser that keeps positions, duplicate keys and number text, and never throws.
// Policies are parsed with this rather than JSON.parse, which silently drops duplicate keys and positions.

import {
  MAX_JSON_DEPTH,
  type JsonMember,
  type JsonNode,
  type JsonParseResult,
  type TextPosition,
} from './json-node.js';

interface Cursor {
  readonly text: string;
  readonly lineStarts: readonly number[];
  pos: number;
  /** Set by the first failure; every parse function returns undefined from then on. */
  failure: { readonly message: string; readonly offset: number } | undefined;
}

export function parseJson(text: string): JsonParseResult {
  const cursor: Cursor = { text, lineStarts: lineStartsOf(text), pos: 0, failure: undefined };
  skipWhitespace(cursor);
  const value = parseValue(cursor, 1);
  if (value !== undefined) {
    skipWhitespace(cursor);
    if (cursor.pos < text.length) {
      fail(cursor, `Unexpected ${describe(cursor)} after the end of the document`);
    }
  }
  if (cursor.failure !== undefined || value === undefined) {
    const failure = cursor.failure ?? { message: 'Unexpected end of input', offset: text.length };
    return { ok: false, error: { message: failure.message, ...positionAt(cursor, failure.offset) } };
  }
  return { ok: true, value };
}

/** Offsets where each line starts; "\n", "\r\n" and a lone "\r" each end a line. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a || (ch === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

function positionAt(cursor: Cursor, offset: number): TextPosition {
  const starts = cursor.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { offset, line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
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
  while (cursor.pos < text.length) {
    const ch = text.charCodeAt(cursor.pos);
    if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0a && ch !== 0x0d) return;
    cursor.pos++;
  }
}

function parseValue(cursor: Cursor, depth: number): JsonNode | undefined {
  const start = positionAt(cursor, cursor.pos);
  const ch = cursor.text.charAt(cursor.pos);
  switch (ch) {
    case '{':
      return parseObject(cursor, depth, start);
    case '[':
      return parseArray(cursor, depth, start);
    case '"': {
      const value = parseString(cursor);
      return value === undefined ? undefined : { kind: 'string', value, ...start };
    }
    case 't':
    case 'f':
    case 'n':
      return parseLiteral(cursor, start);
    case '/':
      return fail(cursor, 'Comments are not allowed in JSON');
    case "'":
      return fail(cursor, 'Strings must be enclosed in double quotes');
    case '':
      return fail(cursor, 'Unexpected end of input, expected a value');
    default:
      if (ch === '-' || (ch >= '0' && ch <= '9')) return parseNumber(cursor, start);
      return fail(cursor, `Unexpected ${describe(cursor)}, expected a value`);
  }
}

function enter(cursor: Cursor, depth: number): boolean {
  if (depth <= MAX_JSON_DEPTH) return true;
  fail(cursor, `Nesting is deeper than ${MAX_JSON_DEPTH} levels`);
  return false;
}

function parseObject(cursor: Cursor, depth: number, start: TextPosition): JsonNode | undefined {
  if (!enter(cursor, depth)) return undefined;
  const { text } = cursor;
  const members: JsonMember[] = [];
  cursor.pos++;
  skipWhitespace(cursor);
  if (text.charAt(cursor.pos) === '}') {
    cursor.pos++;
    return { kind: 'object', members, ...start };
  }
  for (;;) {
    if (text.charAt(cursor.pos) !== '"') {
      if (text.charAt(cursor.pos) === '}' && members.length > 0) return fail(cursor, 'Trailing commas are not allowed');
      return fail(cursor, `Unexpected ${describe(cursor)}, expected a string key in double quotes`);
    }
    const keyStart = positionAt(cursor, cursor.pos);
    const key = parseString(cursor);
    if (key === undefined) return undefined;
    skipWhitespace(cursor);
    if (text.charAt(cursor.pos) !== ':') return fail(cursor, `Unexpected ${describe(cursor)}, expected ':' after a key`);
    cursor.pos++;
    skipWhitespace(cursor);
    const value = parseValue(cursor, depth + 1);
    if (value === undefined) return undefined;
    members.push({ key, keyOffset: keyStart.offset, keyLine: keyStart.line, keyColumn: keyStart.column, value });
    skipWhitespace(cursor);
    const next = text.charAt(cursor.pos);
    if (next === '}') {
      cursor.pos++;
      return { kind: 'object', members, ...start };
    }
    if (next !== ',') return fail(cursor, `Unexpected ${describe(cursor)}, expected ',' or '}'`);
    cursor.pos++;
    skipWhitespace(cursor);
  }
}

function parseArray(cursor: Cursor, depth: number, start: TextPosition): JsonNode | undefined {
  if (!enter(cursor, depth)) return undefined;
  const { text } = cursor;
  const items: JsonNode[] = [];
  cursor.pos++;
  skipWhitespace(cursor);
  if (text.charAt(cursor.pos) === ']') {
    cursor.pos++;
    return { kind: 'array', items, ...start };
  }
  for (;;) {
    if (text.charAt(cursor.pos) === ']' && items.length > 0) return fail(cursor, 'Trailing commas are not allowed');
    const item = parseValue(cursor, depth + 1);
    if (item === undefined) return undefined;
    items.push(item);
    skipWhitespace(cursor);
    const next = text.charAt(cursor.pos);
    if (next === ']') {
      cursor.pos++;
      return { kind: 'array', items, ...start };
    }
    if (next !== ',') return fail(cursor, `Unexpected ${describe(cursor)}, expected ',' or ']'`);
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

/** Reads a string literal starting at the opening quote; leaves the cursor after the closing quote. */
function parseString(cursor: Cursor): string | undefined {
  const { text } = cursor;
  let out = '';
  let runStart = ++cursor.pos;
  while (cursor.pos < text.length) {
    const code = text.charCodeAt(cursor.pos);
    if (code === 0x22) {
      out += text.slice(runStart, cursor.pos);
      cursor.pos++;
      return out;
    }
    if (code < 0x20) {
      return fail(cursor, `Control character U+${hex4(code)} must be escaped inside a string`);
    }
    if (code !== 0x5c) {
      cursor.pos++;
      continue;
    }
    out += text.slice(runStart, cursor.pos);
    const escape = text.charAt(cursor.pos + 1);
    if (escape === '') {
      cursor.pos = text.length;
      break;
    }
    const simple = ESCAPES[escape];
    if (Object.hasOwn(ESCAPES, escape) && simple !== undefined) {
      out += simple;
      cursor.pos += 2;
    } else if (escape === 'u') {
      const digits = text.slice(cursor.pos + 2, cursor.pos + 6);
      if (!/^[0-9A-Fa-f]{4}$/.test(digits)) return fail(cursor, 'Invalid \\u escape: expected four hex digits');
      out += String.fromCharCode(parseInt(digits, 16));
      cursor.pos += 6;
    } else {
      return fail(cursor, `Invalid escape sequence \\${escape}`);
    }
    runStart = cursor.pos;
  }
  return fail(cursor, 'Unterminated string');
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

function parseLiteral(cursor: Cursor, start: TextPosition): JsonNode | undefined {
  const { text, pos } = cursor;
  for (const [word, node] of LITERALS) {
    if (text.startsWith(word, pos)) {
      cursor.pos += word.length;
      return { ...node, ...start };
    }
  }
  return fail(cursor, `Unexpected ${describe(cursor)}, expected a value`);
}

const LITERALS = [
  ['true', { kind: 'boolean', value: true }],
  ['false', { kind: 'boolean', value: false }],
  ['null', { kind: 'null' }],
] as const;

function isDigit(text: string, pos: number): boolean {
  const code = text.charCodeAt(pos);
  return code >= 0x30 && code <= 0x39;
}

/** Number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? — no leading zeros, no bare dot. */
function parseNumber(cursor: Cursor, start: TextPosition): JsonNode | undefined {
  const { text } = cursor;
  let pos = cursor.pos;
  if (text.charAt(pos) === '-') pos++;
  if (text.charAt(pos) === '0') {
    pos++;
    if (isDigit(text, pos)) return fail(cursor, 'Numbers must not have leading zeros', pos - 1);
  } else if (isDigit(text, pos)) {
    while (isDigit(text, pos)) pos++;
  } else {
    return fail(cursor, 'Invalid number: expected a digit', pos);
  }
  if (text.charAt(pos) === '.') {
    pos++;
    if (!isDigit(text, pos)) return fail(cursor, 'Invalid number: expected a digit after the decimal point', pos);
    while (isDigit(text, pos)) pos++;
  }
  if (text.charAt(pos) === 'e' || text.charAt(pos) === 'E') {
    pos++;
    if (text.charAt(pos) === '+' || text.charAt(pos) === '-') pos++;
    if (!isDigit(text, pos)) return fail(cursor, 'Invalid number: expected a digit in the exponent', pos);
    while (isDigit(text, pos)) pos++;
  }
  const numberText = text.slice(cursor.pos, pos);
  cursor.pos = pos;
  return { kind: 'number', text: numberText, value: Number(numberText), ...start };
}
