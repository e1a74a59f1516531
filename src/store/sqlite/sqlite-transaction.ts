// The StoreTransaction handed to fn by SqliteStore.transaction: the write connection's operations, refused
// once the transaction has ended so a leaked handle cannot write into whichever transaction comes next.
import type { NewRecord, StoredRecord, StoreTransaction } from '../store.js';
import { TransactionClosedError } from '../store.js';
import type { SqliteRecords } from './sqlite-records.js';

export class SqliteTransaction implements StoreTransaction {
  private open = true;

  constructor(private readonly records: SqliteRecords) {}

  get isOpen(): boolean {
    return this.open;
  }

  close(): void {
    this.open = false;
  }

  async getById(kind: string, id: string): Promise<StoredRecord | undefined> {
    return this.use().getById(kind, id);
  }

  async getByName(account: string, kind: string, scope: string, name: string): Promise<StoredRecord | undefined> {
    return this.use().getByName(account, kind, scope, name);
  }

  async list(account: string, kind: string, scope?: string): Promise<StoredRecord[]> {
    return this.use().list(account, kind, scope);
  }

  async count(account: string, kind: string, scope?: string): Promise<number> {
    return this.use().count(account, kind, scope);
  }

  async insert(record: NewRecord): Promise<StoredRecord> {
    return this.use().insert(record, Date.now());
  }

  async update(kind: string, id: string, changes: { readonly name?: string; readonly data: unknown }): Promise<StoredRecord> {
    return this.use().update(kind, id, changes, Date.now());
  }

  async delete(kind: string, id: string): Promise<boolean> {
    return this.use().delete(kind, id);
  }

  private use(): SqliteRecords {
    if (!this.open) throw new TransactionClosedError('this transaction has already committed or rolled back');
    return this.records;
  }
}
