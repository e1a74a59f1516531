// The scale-out backend: any number of Keycard nodes share one PostgreSQL database through node-postgres.
// Writers to one account are serialised across all nodes by an advisory lock; other accounts go in parallel.
import pg from 'pg';
import { KeyedMutex } from '../keyed-mutex.js';
import type { Change, Store, StoredRecord, StoreTransaction } from '../store.js';
import { TransactionScope } from '../transaction-scope.js';
import { lockStatement } from './advisory-locks.js';
import { PostgresRecords } from './postgres-records.js';
import { applyMigrations } from './postgres-schema.js';
import { PostgresTransaction } from './postgres-transaction.js';
import { redactUrl } from './redact-url.js';
import { type Tables, tablesIn } from './tables.js';

export interface PostgresStoreOptions {
  /** The schema holding Keycard's tables (default 'public'); created by migrate() when missing. */
  readonly schema?: string;
  /** Pool size (default 10). */
  readonly maxConnections?: number;
  /**
   * Told when an idle pooled connection fails (e.g. the server restarted). The pool drops that connection
   * and the next query opens a new one; without a listener node-postgres would crash the process.
   */
  readonly onIdleConnectionError?: (error: Error) => void;
}

export class PostgresStore implements Store {
  /** The database URL with its password masked: safe to log. */
  readonly location: string;
  readonly schema: string;
  private readonly tables: Tables;
  private readonly pool: pg.Pool;
  private readonly records: PostgresRecords;
  /** Queues one node's writers to an account before they take a connection, so waiting does not drain the pool. */
  private readonly accountQueues = new KeyedMutex();
  private readonly scope = new TransactionScope<PostgresTransaction>();
  private closing: Promise<void> | undefined;

  constructor(url: string, options: PostgresStoreOptions = {}) {
    this.location = redactUrl(url);
    this.schema = options.schema ?? 'public';
    this.tables = tablesIn(this.schema);
    this.pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
    this.pool.on('error', options.onIdleConnectionError ?? (() => undefined));
    this.records = new PostgresRecords(this.pool, this.tables);
  }

  async migrate(): Promise<void> {
    this.scope.assertNotNested('migrate');
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await applyMigrations(client, this.tables);
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async transaction<T>(account: string, fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    this.scope.assertNotNested('transaction');
    return this.accountQueues.run(account, async () => {
      const client = await this.pool.connect();
      const tx = new PostgresTransaction(new PostgresRecords(client, this.tables));
      let broken: Error | undefined;
      try {
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        // Taken before any read: under READ COMMITTED each later statement then sees every earlier holder's commit.
        await client.query(lockStatement('account', this.schema, account));
        const result = await this.scope.run(tx, () => fn(tx));
        tx.close();
        await this.flush(client, tx);
        const commit = await client.query('COMMIT');
        // COMMIT of a transaction that a failed statement aborted rolls back without raising: say so.
        if (commit.command === 'ROLLBACK') {
          throw new Error('the transaction was rolled back because a statement inside it failed');
        }
        return result;
      } catch (error) {
        tx.close();
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        client.release(broken);
      }
    });
  }

  getById(kind: string, id: string): Promise<StoredRecord | undefined> {
    return this.reader().getById(kind, id);
  }

  getByName(account: string, kind: string, scope: string, name: string): Promise<StoredRecord | undefined> {
    return this.reader().getByName(account, kind, scope, name);
  }

  list(account: string, kind: string, scope?: string): Promise<StoredRecord[]> {
    return this.reader().list(account, kind, scope);
  }

  count(account: string, kind: string, scope?: string): Promise<number> {
    return this.reader().count(account, kind, scope);
  }

  changesSince(after: number, limit: number): Promise<Change[]> {
    return this.reader().changesSince(after, limit);
  }

  latestSeq(): Promise<number> {
    return this.reader().latestSeq();
  }

  loadAll(): Promise<StoredRecord[]> {
    return this.reader().loadAll();
  }

  async wipe(): Promise<void> {
    this.scope.assertNotNested('wipe');
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // The feed lock keeps a committing writer from landing change rows half-way through the wipe.
      await client.query(lockStatement('feed', this.schema, 'changes'));
      await new PostgresRecords(client, this.tables).wipe();
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    this.scope.assertNotNested('close');
    // Idempotent: node-postgres refuses a second end().
    this.closing ??= this.pool.end();
    await this.closing;
  }

  /**
   * Appends the transaction's change rows under the feed lock, which is held until COMMIT. Seqs are drawn
   * when the rows are inserted, so without it two accounts' transactions could commit out of seq order and
   * a follower reading in between would step past the lower seq for ever. With it, seq order is commit
   * order; writers of different accounts wait on each other only for this last step.
   */
  private async flush(client: pg.PoolClient, tx: PostgresTransaction): Promise<void> {
    if (tx.changes.length === 0) return;
    await client.query(lockStatement('feed', this.schema, 'changes'));
    await tx.records.appendChanges(tx.changes);
  }

  /** Reads made from inside fn go through its transaction, so they see its writes and need no second connection. */
  private reader(): PostgresRecords {
    return this.scope.active()?.records ?? this.records;
  }
}
