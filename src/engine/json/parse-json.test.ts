// Tests for the strict JSON parser: positions, duplicate keys, number text, rejections, and agreement with JSON.parse.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJson } from './parse-json.js';
import { jsonTreeToValue } from './to-value.js';
import { MAX_JSON_DEPTH, type JsonNode } from './json-node.js';

const parsed = (text: string): JsonNode => {
  const result = parseJson(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${result.error.message}`);
  return result.value;
};

const errorOf = (text: string) => {
  const result = parseJson(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
  return result.error;
};

/** JSON.parse's verdict: the value, or undefined when it throws. */
const nativeParse = (text: string): { value: unknown } | undefined => {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
};

describe('parseJson positions', () => {
  it('records 1-based line and column of every node and key', () => {
    const root = parsed('{\n  "a": [1,\n    "x"],\r\n "b": null\r"c": true}'.replace('\r"c"', '\r,"c"'));
    expect(root).toMatchObject({ kind: 'object', offset: 0, line: 1, column: 1 });
    if (root.kind !== 'object') throw new Error('object expected');
    const [a, b, c] = root.members;
    expect(a).toMatchObject({ key: 'a', keyLine: 2, keyColumn: 3, keyOffset: 4 });
    expect(a?.value).toMatchObject({ kind: 'array', line: 2, column: 8 });
    if (a?.value.kind !== 'array') throw new Error('array expected');
    expect(a.value.items[1]).toMatchObject({ kind: 'string', value: 'x', line: 3, column: 5 });
    // "\r\n" is one line break; a lone "\r" is another.
    expect(b).toMatchObject({ key: 'b', keyLine: 4, keyColumn: 2 });
    expect(c).toMatchObject({ key: 'c', keyLine: 5, keyColumn: 2, value: { kind: 'boolean', value: true } });
  });

  it('keeps duplicate keys in source order', () => {
    const root = parsed('{"Effect":"Allow","Effect":"Deny"}');
    if (root.kind !== 'object') throw new Error('object expected');
    expect(root.members.map((m) => [m.key, m.value.kind === 'string' ? m.value.value : undefined])).toEqual([
      ['Effect', 'Allow'],
      ['Effect', 'Deny'],
    ]);
  });

  it('keeps number text as written', () => {
    const root = parsed('[10, 1.50, -0, 2E+3, 1e400]');
    if (root.kind !== 'array') throw new Error('array expected');
    expect(root.items.map((n) => (n.kind === 'number' ? n.text : ''))).toEqual(['10', '1.50', '-0', '2E+3', '1e400']);
    expect(root.items[1]).toMatchObject({ value: 1.5 });
  });

  it('decodes escapes', () => {
    expect(parsed('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00"')).toMatchObject({
      value: 'a"b\\c/d\b\f\n\r\té😀',
    });
  });
});

describe('parseJson rejections', () => {
  it.each([
    ['', 'end of input', 1, 1],
    ['   ', 'end of input', 1, 4],
    ['{"a":1,}', 'Trailing commas', 1, 8],
    ['[1,2,]', 'Trailing commas', 1, 6],
    ['{"a":1 // c\n}', "expected ',' or '}'", 1, 8],
    ['/* c */ {}', 'Comments', 1, 1],
    ["{'a':1}", 'expected a string key', 1, 2],
    ["'a'", 'double quotes', 1, 1],
    ['012', 'leading zeros', 1, 1],
    ['-01', 'leading zeros', 1, 2],
    ['1.', 'after the decimal point', 1, 3],
    ['.5', 'expected a value', 1, 1],
    ['1e', 'exponent', 1, 3],
    ['+1', 'expected a value', 1, 1],
    ['"a\tb"', 'Control character U+0009', 1, 3],
    ['"abc', 'Unterminated string', 1, 5],
    ['"abc\\', 'Unterminated string', 1, 6],
    ['"\\x"', 'Invalid escape', 1, 2],
    ['"\\u12G4"', 'four hex digits', 1, 2],
    ['{} {}', 'after the end of the document', 1, 4],
    ['{"a":1}\n{"b":2}', 'after the end of the document', 2, 1],
    ['tru', 'expected a value', 1, 1],
    ['NaN', 'expected a value', 1, 1],
    ['{"a" 1}', "expected ':'", 1, 6],
    ['[1 2]', "expected ',' or ']'", 1, 4],
    ['\uFEFF{}', 'expected a value', 1, 1],
  ])('rejects %j (%s)', (text, message, line, column) => {
    const error = errorOf(text);
    expect(error.message.toLowerCase()).toContain(message.toLowerCase());
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
  });

  it('refuses nesting past the depth limit without overflowing the stack', () => {
    expect(parseJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(errorOf('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)).message).toContain('deeper');
    expect(errorOf('{"a":'.repeat(100_000)).message).toContain('deeper');
  });
});

describe('parseJson agrees with JSON.parse', () => {
  const agrees = (text: string): void => {
    const native = nativeParse(text);
    const ours = parseJson(text);
    if (native === undefined) {
      expect(ours.ok).toBe(false);
    } else {
      expect(ours.ok).toBe(true);
      if (ours.ok) expect(jsonTreeToValue(ours.value)).toEqual(native.value);
    }
  };

  it('on generated JSON documents', () => {
    fc.assert(fc.property(fc.json({ depthSize: 'medium' }), agrees), { numRuns: 500 });
  });

  it('on generated JSON with arbitrary whitespace and unicode strings', () => {
    const spaced = fc.tuple(fc.jsonValue(), fc.constantFrom(0, 1, 2, '\t')).map(([v, s]) => JSON.stringify(v, null, s));
    fc.assert(fc.property(spaced, agrees), { numRuns: 300 });
  });

  it('on random strings, including near-JSON character soups', () => {
    const soup = fc.string({
      unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '9', '-', '+', '.', 'e', 'E',
        't', 'r', 'n', 'l', 'f', 'a', 's', ' ', '\n', '\t', '\u0001', '/', '*'),
      maxLength: 40,
    });
    fc.assert(fc.property(fc.oneof(soup, fc.string({ unit: 'binary' })), agrees), { numRuns: 3000 });
  });

  it('on mutated JSON documents (one character inserted or deleted)', () => {
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '"', '}', ']', '0', ' ', '\\', 'x'))
      .map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return insert === '' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + insert + text.slice(i);
      });
    fc.assert(fc.property(mutated, agrees), { numRuns: 2000 });
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (text) => {
        expect(() => parseJson(text)).not.toThrow();
      }),
    );
  });
});
