// Shared helpers for the store conformance suite: a fresh store per test, record builders and small timing tools.
import type { NewRecord, Store, StoredRecord } from '../store.js';

export interface StoreSuiteOptions {
  /**
   * Opens a second store over the same database as the given one: another node on PostgreSQL, another
   * handle on the same file for SQLite. The concurrency cases that need two writers run only when given.
   */
  readonly openPeer?: (store: Store) => Promise<Store>;
}

export interface SuiteContext extends StoreSuiteOptions {
  /** A fresh, migrated, empty store. */
  readonly makeStore: () => Promise<Store>;
}

export const accountA = '111111111111';
export const accountB = '222222222222';

/** A record in accountA, kind 'user', top level, unless told otherwise; the default id is unique per name and place. */
export function newRecord(fields: Partial<NewRecord> & { readonly name: string }): NewRecord {
  const account = fields.account ?? accountA;
  const scope = fields.scope ?? '';
  return {
    account,
    kind: fields.kind ?? 'user',
    id: fields.id ?? `${account}:${scope}:${fields.name}`,
    scope,
    name: fields.name,
    data: 'data' in fields ? fields.data : { name: fields.name },
  };
}

export async function withStore(ctx: SuiteContext, test: (store: Store) => Promise<void>): Promise<void> {
  const store = await ctx.makeStore();
  try {
    await test(store);
  } finally {
    await store.close();
  }
}

export function insert(store: Store, record: NewRecord): Promise<StoredRecord> {
  return store.transaction(record.account, (tx) => tx.insert(record));
}

export async function insertAll(store: Store, records: readonly NewRecord[]): Promise<StoredRecord[]> {
  const stored: StoredRecord[] = [];
  for (const record of records) stored.push(await insert(store, record));
  return stored;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise with its resolve function, for making two flows meet at a known point. */
export function signal<T = void>(): { readonly promise: Promise<T>; readonly resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
