// Scalar parameter reading: integers as Java parses them, booleans, ISO-8601 / epoch timestamps, base64.

import { describe, expect, it } from 'vitest';
import { readScalar, readTimestamp } from './scalars.js';

const read = (type: 'integer' | 'long' | 'boolean' | 'blob' | 'double', raw: string) => readScalar({ type }, raw);

describe('readScalar', () => {
  it('reads decimal integers with a sign or leading zeros, and nothing else', () => {
    expect(read('integer', '42')).toEqual({ ok: true, value: 42 });
    expect(read('integer', '+007')).toEqual({ ok: true, value: 7 });
    expect(read('integer', '-0')).toEqual({ ok: true, value: 0 });
    for (const raw of ['', ' 1', '1.0', '1e3', '0x10', 'ten', '2147483648', '-2147483649']) {
      expect(read('integer', raw), raw).toEqual({ ok: false, constraint: 'Member must be an integer' });
    }
    expect(read('integer', '2147483647')).toEqual({ ok: true, value: 2147483647 });
    expect(read('long', '9007199254740991')).toEqual({ ok: true, value: 9007199254740991 });
    expect(read('long', '9007199254740992').ok).toBe(false);
  });

  it('reads true and false in any case and refuses anything else', () => {
    expect(read('boolean', 'true')).toEqual({ ok: true, value: true });
    expect(read('boolean', 'FALSE')).toEqual({ ok: true, value: false });
    for (const raw of ['', '1', 'yes', 'truee']) expect(read('boolean', raw).ok, raw).toBe(false);
  });

  it('reads base64 blobs and refuses other text', () => {
    expect(read('blob', 'aGVsbG8=')).toEqual({ ok: true, value: new Uint8Array(Buffer.from('hello')) });
    expect(read('blob', 'aGVsbG8')).toEqual({ ok: true, value: new Uint8Array(Buffer.from('hello')) });
    expect(read('blob', 'not base64!').ok).toBe(false);
  });

  it('reads finite decimals only', () => {
    expect(read('double', '0.25')).toEqual({ ok: true, value: 0.25 });
    for (const raw of ['', 'NaN', 'Infinity', 'x']) expect(read('double', raw).ok, raw).toBe(false);
  });
});

describe('readTimestamp', () => {
  const at = (raw: string): string | undefined => {
    const result = readTimestamp(raw);
    return result.ok ? (result.value as Date).toISOString() : undefined;
  };

  it('reads ISO-8601 with Z or an offset, and botocore’s microseconds', () => {
    expect(at('2014-09-24T02:00:48Z')).toBe('2014-09-24T02:00:48.000Z');
    expect(at('2020-02-03T04:05:06.789123Z')).toBe('2020-02-03T04:05:06.789Z');
    expect(at('2020-02-03T04:05:06+02:00')).toBe('2020-02-03T02:05:06.000Z');
    expect(at('2020-02-03T04:05:06-0130')).toBe('2020-02-03T05:35:06.000Z');
    expect(at('0050-01-01T00:00:00Z')).toBe('0050-01-01T00:00:00.000Z');
  });

  it('reads epoch seconds', () => {
    expect(at('1411524048')).toBe('2014-09-24T02:00:48.000Z');
    expect(at('1411524048.5')).toBe('2014-09-24T02:00:48.500Z');
  });

  it('refuses dates that do not exist and text that is not a timestamp', () => {
    for (const raw of ['2023-02-29T00:00:00Z', '2020-13-01T00:00:00Z', '2020-01-01T24:00:00Z', '2020-01-01', '2020-01-01T00:00:00', 'yesterday', '']) {
      expect(at(raw), raw).toBeUndefined();
    }
  });
});
