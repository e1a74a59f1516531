// The embedded backend: one SQLite file in the data directory (or ':memory:' for tests) through better-sqlite3.
// Writes use one connection under BEGIN IMMEDIATE plus an in-process queue, because better-sqlite3 is
// synchronous and its own transaction helper cannot span the awaits inside fn.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { KeyedMutex } from '../keyed-mutex.js';
import type { Change, Store, StoredRecord, StoreTransaction } from '../store.js';
import { TransactionScope } from '../transaction-scope.js';
import { beginImmediate } from './begin-immediate.js';
import { SqliteRecords } from './sqlite-records.js';
import { applyMigrations } from './sqlite-schema.js';
import { SqliteTransaction } from './sqlite-transaction.js';

export interface SqliteStoreOptions {
  /** How long a write waits for another connection to the same file to finish, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
}

/** One queue for the whole store: SQLite has a single writer, so per-account queues would buy nothing. */
const writerKey = 'writer';

export class SqliteStore implements Store {
  readonly path: string;
  private readonly busyTimeoutMs: number;
  private readonly writer: Database.Database;
  private readonly writes: SqliteRecords;
  /**
   * A second connection for reads from outside any transaction, so they see only committed data while a
   * transaction is open on the writer. ':memory:' cannot be shared between connections; there such reads
   * queue behind open transactions instead.
   */
  private readonly reader: Database.Database | undefined;
  private readonly reads: SqliteRecords | undefined;
  private readonly queue = new KeyedMutex();
  private readonly scope = new TransactionScope<SqliteTransaction>();

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.path = path;
    this.busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    const inMemory = path === ':memory:';
    if (!inMemory) createPrivateFile(path);
    this.writer = this.connect(path);
    if (!inMemory) this.writer.pragma('journal_mode = WAL');
    // better-sqlite3 builds SQLite with WAL commits unflushed (synchronous=NORMAL): a power cut could then undo
    // a write already acknowledged, such as an access key whose secret was shown once. Every commit is flushed.
    this.writer.pragma('synchronous = FULL');
    this.writes = new SqliteRecords(this.writer);
    this.reader = inMemory ? undefined : this.connect(path);
    this.reader?.pragma('query_only = ON');
    this.reads = this.reader === undefined ? undefined : new SqliteRecords(this.reader);
  }

  async migrate(): Promise<void> {
    await this.write('migrate', () => applyMigrations(this.writer));
  }

  /** Every transaction is serialised here, whatever its account: SQLite has one writer at a time anyway. */
  async transaction<T>(_account: string, fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    this.scope.assertNotNested('transaction');
    return this.queue.run(writerKey, async () => {
      await beginImmediate(this.writer, this.busyTimeoutMs);
      const tx = new SqliteTransaction(this.writes);
      try {
        const result = await this.scope.run(tx, () => fn(tx));
        tx.close();
        this.writer.exec('COMMIT');
        return result;
      } catch (error) {
        tx.close();
        if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
        throw error;
      }
    });
  }

  getById(kind: string, id: string): Promise<StoredRecord | undefined> {
    return this.read((records) => records.getById(kind, id));
  }

  getByName(account: string, kind: string, scope: string, name: string): Promise<StoredRecord | undefined> {
    return this.read((records) => records.getByName(account, kind, scope, name));
  }

  list(account: string, kind: string, scope?: string): Promise<StoredRecord[]> {
    return this.read((records) => records.list(account, kind, scope));
  }

  count(account: string, kind: string, scope?: string): Promise<number> {
    return this.read((records) => records.count(account, kind, scope));
  }

  changesSince(after: number, limit: number): Promise<Change[]> {
    return this.read((records) => records.changesSince(after, limit));
  }

  latestSeq(): Promise<number> {
    return this.read((records) => records.latestSeq());
  }

  loadAll(): Promise<StoredRecord[]> {
    return this.read((records) => records.loadAll());
  }

  async wipe(): Promise<void> {
    await this.write('wipe', () => this.writes.wipe());
  }

  async close(): Promise<void> {
    this.scope.assertNotNested('close');
    // Queued so a transaction in flight finishes before its connection goes away.
    await this.queue.run(writerKey, async () => {
      this.reader?.close();
      this.writer.close();
    });
  }

  private connect(path: string): Database.Database {
    const db = new Database(path);
    db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    db.pragma('foreign_keys = ON');
    return db;
  }

  /** A short write transaction of the store's own (migrate, wipe), queued like any other. */
  private async write(operation: string, work: () => void): Promise<void> {
    this.scope.assertNotNested(operation);
    await this.queue.run(writerKey, async () => {
      await beginImmediate(this.writer, this.busyTimeoutMs);
      try {
        work();
        this.writer.exec('COMMIT');
      } catch (error) {
        if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
        throw error;
      }
    });
  }

  private async read<T>(query: (records: SqliteRecords) => T): Promise<T> {
    if (this.scope.active() !== undefined) return query(this.writes);
    if (this.reads !== undefined) return query(this.reads);
    return this.queue.run(writerKey, async () => query(this.writes));
  }
}

/** Creates the database file readable by its owner only: it holds IAM state, and SQLite gives its WAL the same mode. */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  closeSync(openSync(path, 'a', 0o600));
}
