// Marker/MaxItems pagination as IAM does it (§8.5): MaxItems 1–1000 (default 100), an opaque Marker, and
// IsTruncated with the next Marker only when more items remain.

import { AwsError } from '../../domain/index.js';

export interface PageInput {
  readonly Marker?: unknown;
  readonly MaxItems?: unknown;
}

export interface Page<T> {
  readonly items: T[];
  readonly IsTruncated: boolean;
  readonly Marker?: string;
}

const encodeMarker = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

const decodeMarker = (marker: string): number => {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  const m = /^offset:(\d{1,9})$/.exec(text);
  if (m === null) throw new AwsError('InvalidInput', 'Invalid Marker.');
  return Number(m[1]);
};

export const paginate = <T>(all: readonly T[], input: PageInput): Page<T> => {
  const start = typeof input.Marker === 'string' ? decodeMarker(input.Marker) : 0;
  const max = typeof input.MaxItems === 'number' ? input.MaxItems : 100;
  const items = all.slice(start, start + max);
  const end = start + items.length;
  return end < all.length ? { items, IsTruncated: true, Marker: encodeMarker(end) } : { items, IsTruncated: false };
};

/** The page as response members: the list under its name, IsTruncated, and Marker when truncated. */
export const pageOutput = <T>(name: string, page: Page<T>, map: (item: T) => unknown): Record<string, unknown> => ({
  [name]: page.items.map(map),
  IsTruncated: page.IsTruncated,
  ...(page.Marker !== undefined && { Marker: page.Marker }),
});

export const matchesPathPrefix = (path: string, prefix: unknown): boolean =>
  typeof prefix !== 'string' || path.startsWith(prefix);
