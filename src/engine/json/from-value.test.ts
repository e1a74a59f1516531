// Tests for value → tree conversion, tree → value, and minified stringification.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonTreeFromValue } from './from-value.js';
import { jsonTreeToValue } from './to-value.js';
import { stringifyJsonTree } from './stringify.js';
import { parseJson } from './parse-json.js';
import { appendPointer } from './pointer.js';

describe('jsonTreeFromValue', () => {
  it('round-trips every JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const tree = jsonTreeFromValue(value);
        expect(tree.ok).toBe(true);
        if (tree.ok) {
          // Compared through JSON text, which has no -0.
          expect(jsonTreeToValue(tree.value)).toEqual(JSON.parse(JSON.stringify(value)));
          expect(stringifyJsonTree(tree.value)).toBe(JSON.stringify(value));
        }
      }),
    );
  });

  it.each([
    [{ a: [1, undefined] }, '/a/1', 'undefined'],
    [{ 'x/y': { 'a~b': Number.NaN } }, '/x~1y/a~0b', 'NaN'],
    [{ d: new Date(0) }, '/d', 'plain objects'],
    [[() => 1], '/0', 'function'],
    [10n, '', 'bigint'],
  ])('refuses %o at %s', (value, pointer, message) => {
    const tree = jsonTreeFromValue(value);
    expect(tree.ok).toBe(false);
    if (!tree.ok) {
      expect(tree.error.pointer).toBe(pointer);
      expect(tree.error.message).toContain(message);
    }
  });

  it('stops reference cycles with the depth limit', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const tree = jsonTreeFromValue(cyclic);
    expect(tree.ok).toBe(false);
    if (!tree.ok) expect(tree.error.message).toContain('deeper');
  });

  it('never throws on arbitrary values', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withMap: true, withBigInt: true }), (value) => {
      expect(() => jsonTreeFromValue(value)).not.toThrow();
    }));
  });
});

describe('stringifyJsonTree', () => {
  it('keeps duplicate keys and number text', () => {
    const result = parseJson('{ "a" : 1.50 , "a" : [ true , null ] }');
    expect(result.ok && stringifyJsonTree(result.value)).toBe('{"a":1.50,"a":[true,null]}');
  });
});

describe('appendPointer', () => {
  it('escapes ~ before / (RFC 6901)', () => {
    expect(appendPointer('', '~1/')).toBe('/~01~1');
    expect(appendPointer('/Statement', 3)).toBe('/Statement/3');
  });
});
