// Reads the X-Amz-* parameters of a query string as text, for presigned URLs (§7.1 item 7) and the session
// token. Names are matched exactly, as AWS and the SDKs write them.

import { splitQuery } from './query-params.js';
import { percentDecode } from './uri-encode.js';

export type AuthParams = ReadonlyMap<string, readonly string[]>;

/** Every decoded value of every parameter whose name starts `X-Amz-`, in the order received. */
export const readAuthParams = (rawQuery: string): AuthParams => {
  const params = new Map<string, string[]>();
  for (const { rawName, rawValue } of splitQuery(rawQuery)) {
    const name = percentDecode(rawName, true);
    if (!name.startsWith('X-Amz-')) continue;
    const values = params.get(name);
    const value = percentDecode(rawValue, true);
    if (values === undefined) params.set(name, [value]);
    else values.push(value);
  }
  return params;
};

export type SingleParam = { kind: 'absent' } | { kind: 'one'; value: string } | { kind: 'repeated' };

export const singleParam = (params: AuthParams, name: string): SingleParam => {
  const values = params.get(name);
  if (values === undefined) return { kind: 'absent' };
  return values.length === 1 ? { kind: 'one', value: values[0]! } : { kind: 'repeated' };
};
