// The StoreTransaction handed to fn by SqliteStore.transaction: the write connection's operations, refused
// once the transaction has ended (GuardedTransaction).
import { GuardedTransaction } from '../guarded-transaction.js';
import type { NewRecord, StoredRecord, StoreTransaction } from '../store.js';
import type { SqliteRecords } from './sqlite-records.js';

export class SqliteTransaction extends GuardedTransaction<SqliteRecords> implements StoreTransaction {
  async insert(record: NewRecord): Promise<StoredRecord> {
    return this.use().insert(record, Date.now());
  }

  async update(kind: string, id: string, changes: { readonly name?: string; readonly data: unknown }): Promise<StoredRecord> {
    return this.use().update(kind, id, changes, Date.now());
  }

  async delete(kind: string, id: string): Promise<boolean> {
    return this.use().delete(kind, id);
  }
}
