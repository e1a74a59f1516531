// Reads one Query parameter value as a model scalar type (§8.1: booleans `true`/`false`, integers in
// decimal, timestamps ISO-8601, blobs base64). A value that is not of the type yields the constraint text.

import type { Shape } from '../models/index.js';

export type ScalarResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly constraint: string };

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:?\d{2})$/;
const EPOCH_SECONDS = /^-?\d{1,12}(?:\.\d{1,9})?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

export function readScalar(shape: Shape, raw: string): ScalarResult {
  switch (shape.type) {
    case 'string':
      return { ok: true, value: raw };
    case 'integer':
      return readInteger(raw, INT32.min, INT32.max);
    case 'long':
      return readInteger(raw, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    case 'float':
    case 'double':
      return readDecimal(raw);
    case 'boolean':
      return readBoolean(raw);
    case 'timestamp':
      return readTimestamp(raw);
    case 'blob':
      return BASE64.test(raw)
        ? { ok: true, value: new Uint8Array(Buffer.from(raw, 'base64')) }
        : { ok: false, constraint: 'Member must be base64-encoded' };
    default:
      return { ok: false, constraint: `Member must be a ${shape.type}` };
  }
}

// Java's Integer.parseInt accepts a sign and leading zeros, and nothing else: no fractions, no exponents.
function readInteger(raw: string, min: number, max: number): ScalarResult {
  if (!/^[+-]?\d{1,20}$/.test(raw)) return { ok: false, constraint: 'Member must be an integer' };
  const value = Number(raw);
  if (value < min || value > max) return { ok: false, constraint: 'Member must be an integer' };
  return { ok: true, value: value === 0 ? 0 : value };
}

function readDecimal(raw: string): ScalarResult {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, constraint: 'Member must be a number' };
}

// SDKs send lowercase; other casings are accepted as Java's Boolean parsing does, anything else is refused
// rather than read as false.
function readBoolean(raw: string): ScalarResult {
  const lower = raw.toLowerCase();
  if (lower === 'true') return { ok: true, value: true };
  if (lower === 'false') return { ok: true, value: false };
  return { ok: false, constraint: 'Member must be true or false' };
}

/** ISO-8601 date-time with a zone (botocore, the JS SDK) or epoch seconds; fractions below 1 ms are dropped. */
export function readTimestamp(raw: string): ScalarResult {
  const invalid: ScalarResult = { ok: false, constraint: 'Member must be an ISO-8601 timestamp or epoch seconds' };
  if (EPOCH_SECONDS.test(raw)) {
    const date = new Date(Math.trunc(Number(raw) * 1000));
    return Number.isNaN(date.getTime()) ? invalid : { ok: true, value: date };
  }
  const match = ISO_8601.exec(raw);
  if (match === null) return invalid;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return invalid;
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as written.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  // 31 February rolls over into March; a real calendar day keeps its day of month.
  if (date.getUTCDate() !== day) return invalid;
  const zone = match[8]!;
  const offsetMinutes = /^[Zz]$/.test(zone) ? 0 : zoneMinutes(zone);
  if (offsetMinutes === undefined) return invalid;
  return { ok: true, value: new Date(date.getTime() - offsetMinutes * 60_000) };
}

function zoneMinutes(zone: string): number | undefined {
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
