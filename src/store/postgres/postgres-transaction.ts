// The StoreTransaction handed to fn by PostgresStore.transaction: record writes go straight to the
// transaction's connection; their change rows are held back and appended just before COMMIT (see flush).
import type { Change, NewRecord, StoredRecord, StoreTransaction } from '../store.js';
import { TransactionClosedError } from '../store.js';
import type { PostgresRecords } from './postgres-records.js';

export class PostgresTransaction implements StoreTransaction {
  private open = true;
  private readonly pending: Omit<Change, 'seq'>[] = [];

  constructor(readonly records: PostgresRecords) {}

  get isOpen(): boolean {
    return this.open;
  }

  close(): void {
    this.open = false;
  }

  /** The change rows this transaction owes the feed, in write order. */
  get changes(): readonly Omit<Change, 'seq'>[] {
    return this.pending;
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

  private use(): PostgresRecords {
    if (!this.open) throw new TransactionClosedError('this transaction has already committed or rolled back');
    return this.records;
  }
}
