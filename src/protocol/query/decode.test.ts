// Query request decoding (§8.1): form bodies, query strings, Action/Version, duplicates, content types.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeQueryRequest } from './decode.js';
import { resolveOperation } from './operations.js';
import { serviceModel } from '../models/index.js';

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

describe('decodeQueryRequest', () => {
  it('takes Action and Version out and form-decodes the rest (+ is a space, %XX is UTF-8)', () => {
    const decoded = decodeQueryRequest('POST', FORM, 'Action=CreateUser&Version=2010-05-08&UserName=a+b&Path=%2F%C3%BC%2F', '');
    expect(decoded.action).toBe('CreateUser');
    expect(decoded.version).toBe('2010-05-08');
    expect([...decoded.params]).toEqual([['UserName', 'a b'], ['Path', '/ü/']]);
  });

  it('reads GET query strings, with or without the leading "?"', () => {
    expect(decodeQueryRequest('GET', undefined, '', '?Action=GetCallerIdentity&Version=2011-06-15').action).toBe('GetCallerIdentity');
    expect(decodeQueryRequest('GET', undefined, '', 'Action=GetCallerIdentity').action).toBe('GetCallerIdentity');
  });

  it('reads both the query string and a form body, the query string first; the first occurrence wins', () => {
    const decoded = decodeQueryRequest('POST', FORM, 'Action=ListUsers&MaxItems=5&MaxItems=6', 'X-Amz-Date=20240101T000000Z&MaxItems=7');
    expect(decoded.params.get('MaxItems')).toBe('7');
    expect(decoded.params.get('X-Amz-Date')).toBe('20240101T000000Z');
  });

  it('ignores a body that is not a form, and any body of a GET', () => {
    expect(decodeQueryRequest('POST', 'application/json', 'Action=ListUsers', '').action).toBeUndefined();
    expect(decodeQueryRequest('GET', FORM, 'Action=ListUsers', '').action).toBeUndefined();
    expect(decodeQueryRequest('POST', 'Application/X-WWW-Form-URLEncoded', 'Action=ListUsers', '').action).toBe('ListUsers');
    expect(decodeQueryRequest('POST', undefined, 'Action=ListUsers', '').action).toBe('ListUsers');
  });

  it('decodes malformed escapes leniently instead of failing', () => {
    const decoded = decodeQueryRequest('POST', FORM, 'Action=ListUsers&Marker=%ZZ%E2%82&=empty&flag', '');
    expect(decoded.params.get('Marker')).toBe('%ZZ\uFFFD');
    expect(decoded.params.get('')).toBe('empty');
    expect(decoded.params.get('flag')).toBe('');
  });
});

describe('form decoding matches URLSearchParams', () => {
  /** The pairs URLSearchParams reads, first occurrence of a name winning, Action and Version left in. */
  const reference = (encoded: string): Array<[string, string]> => {
    const seen = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(encoded)) if (!seen.has(name)) seen.set(name, value);
    return [...seen];
  };
  const decoded = (encoded: string): Array<[string, string]> => {
    const result = decodeQueryRequest('POST', FORM, encoded, '');
    const pairs: Array<[string, string]> = [...result.params];
    if (result.action !== undefined) pairs.push(['Action', result.action]);
    if (result.version !== undefined) pairs.push(['Version', result.version]);
    return pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  const sorted = (pairs: Array<[string, string]>) => pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  // Forms built from the characters that matter to the split and the escapes, plus any text encoded.
  const piece = fc.oneof(
    fc.constantFrom('&', '=', '+', '%', '%2', '%41', '%C3%BC', '%C3', '%FF', '%E2%82%AC', '%ZZ', 'Action', 'Version', 'a', 'b'),
    fc.string().map(encodeURIComponent),
    fc.string(),
    fc.string({ unit: 'binary' }),
  );

  it('for a long run of names without values, then one with a value, as one large body would have them', () => {
    const encoded = `${'a&'.repeat(200_000)}b=c`;
    expect(decoded(encoded)).toEqual(sorted(reference(encoded)));
  });

  it('for generated forms, escapes well-formed or not', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const encoded = pieces.join('');
        expect(decoded(encoded)).toEqual(sorted(reference(encoded)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('resolveOperation', () => {
  const iam = serviceModel('iam');

  it('finds modelled operations by exact name', () => {
    const found = resolveOperation(iam, 'ListUsers', '2010-05-08');
    expect(found.ok && found.operation.name).toBe('ListUsers');
    expect(resolveOperation(iam, 'ListUsers', undefined).ok).toBe(true);
  });

  it('answers MissingAction without an Action', () => {
    expect(resolveOperation(iam, undefined, '2010-05-08')).toEqual({ ok: false, code: 'MissingAction', message: 'Request is missing Action' });
    expect(resolveOperation(iam, '', undefined)).toMatchObject({ ok: false, code: 'MissingAction' });
  });

  it('answers InvalidAction for names and versions it does not have', () => {
    expect(resolveOperation(iam, 'listusers', '2010-05-08')).toEqual({
      ok: false,
      code: 'InvalidAction',
      message: 'Could not find operation listusers for version 2010-05-08',
    });
    expect(resolveOperation(iam, 'constructor', undefined)).toMatchObject({ ok: false, code: 'InvalidAction' });
    expect(resolveOperation(iam, 'ListUsers', '2011-06-15')).toEqual({
      ok: false,
      code: 'InvalidAction',
      message: 'Could not find operation ListUsers for version 2011-06-15',
    });
  });
});
