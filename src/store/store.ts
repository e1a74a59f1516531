// The storage interface every backend implements (SQLite embedded, PostgreSQL for many nodes). IAM state is
// kept as records: an entity kind, the account it belongs to, an optional parent ("scope"), a name that is
// unique case-insensitively within (account, kind, scope), and a JSON body. Every write appends to a change
// feed with a monotonic sequence, from which each node refreshes its in-memory snapshot (DESIGN decision 3).

/** One stored record. `data` is plain JSON owned by the service that wrote it. */
export interface StoredRecord {
  readonly account: string;
  readonly kind: string;
  /** Unique id, assigned by the caller (e.g. AIDA…); unique per kind across all accounts. */
  readonly id: string;
  /** Parent record id for child records (inline policies, versions, attachments); '' for top-level ones. */
  readonly scope: string;
  /** Unique within (account, kind, scope), compared case-insensitively; case is preserved. */
  readonly name: string;
  readonly data: unknown;
  /** Incremented by every update; starts at 1. */
  readonly revision: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type NewRecord = Omit<StoredRecord, 'revision' | 'createdAt' | 'updatedAt'>;

export interface Change {
  /** Monotonic across the whole store. */
  readonly seq: number;
  readonly account: string;
  readonly kind: string;
  readonly id: string;
  readonly op: 'put' | 'update' | 'delete';
}

/** Reads available both inside and outside a transaction. */
export interface StoreReader {
  getById(kind: string, id: string): Promise<StoredRecord | undefined>;
  /** Case-insensitive lookup by name within (account, kind, scope). */
  getByName(account: string, kind: string, scope: string, name: string): Promise<StoredRecord | undefined>;
  /** Records of a kind in an account (and scope, when given), ordered by lower-cased name then id. */
  list(account: string, kind: string, scope?: string): Promise<StoredRecord[]>;
  count(account: string, kind: string, scope?: string): Promise<number>;
}

export interface StoreTransaction extends StoreReader {
  /** Inserts; throws RecordExistsError when the name (case-insensitive) or id is taken. */
  insert(record: NewRecord): Promise<StoredRecord>;
  /** Replaces name and data of an existing record; throws RecordNotFoundError when it is gone. */
  update(kind: string, id: string, changes: { readonly name?: string; readonly data: unknown }): Promise<StoredRecord>;
  /** Deletes; returns false when there was nothing to delete. */
  delete(kind: string, id: string): Promise<boolean>;
}

export interface Store extends StoreReader {
  /** Creates or upgrades the schema; safe to call on every start. */
  migrate(): Promise<void>;
  /**
   * Runs fn atomically: all of its writes commit together or none do (a throw rolls back and rethrows).
   * Transactions on the same account are serialised across every node sharing the store, so an invariant
   * checked inside (e.g. "at most 5 versions") cannot be broken by a concurrent writer.
   * Inside fn, use tx; the store's own reads called from fn see the transaction's writes too, and calling
   * transaction(), wipe() or close() from fn throws NestedTransactionError instead of waiting on itself.
   */
  transaction<T>(account: string, fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Changes with seq > after, oldest first, at most limit of them. */
  changesSince(after: number, limit: number): Promise<Change[]>;
  /** The highest seq written so far (0 when none). */
  latestSeq(): Promise<number>;
  /** Every record, for building a snapshot at start-up. */
  loadAll(): Promise<StoredRecord[]>;
  /** Deletes every record and change (test-suite reset); the schema stays. */
  wipe(): Promise<void>;
  close(): Promise<void>;
}

export class RecordExistsError extends Error {
  override readonly name = 'RecordExistsError';
}

export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';
}

/** transaction(), wipe() or close() was called from inside a transaction on the same store: it would wait on itself. */
export class NestedTransactionError extends Error {
  override readonly name = 'NestedTransactionError';
}

/** A StoreTransaction was used after its transaction committed or rolled back (e.g. a promise left running). */
export class TransactionClosedError extends Error {
  override readonly name = 'TransactionClosedError';
}
