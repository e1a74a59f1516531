// The StoreTransaction handed to fn by PostgresStore.transaction: record writes go straight to the
// transaction's connection; their change rows are held back and appended just before COMMIT (see flush).
import { GuardedTransaction } from '../guarded-transaction.js';
import type { Change, NewRecord, StoredRecord, StoreTransaction } from '../store.js';
import type { PostgresRecords } from './postgres-records.js';

export class PostgresTransaction extends GuardedTransaction<PostgresRecords> implements StoreTransaction {
  private readonly pending: Omit<Change, 'seq'>[] = [];

  /** The change rows this transaction owes the feed, in write order. */
  get changes(): readonly Omit<Change, 'seq'>[] {
    return this.pending;
  }

  async insert(record: NewRecord): Promise<StoredRecord> {
    const stored = await this.use().insert(record, new Date());
    this.pending.push({ account: stored.account, kind: stored.kind, id: stored.id, op: 'put' });
    return stored;
  }

  async update(kind: string, id: string, changes: { readonly name?: string; readonly data: unknown }): Promise<StoredRecord> {
    const stored = await this.use().update(kind, id, changes, new Date());
    this.pending.push({ account: stored.account, kind, id, op: 'update' });
    return stored;
  }

  async delete(kind: string, id: string): Promise<boolean> {
    const account = await this.use().delete(kind, id);
    if (account === undefined) return false;
    this.pending.push({ account, kind, id, op: 'delete' });
    return true;
  }
}
