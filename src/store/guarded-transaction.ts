// What both backends' transaction handles share: the reads, served by the transaction's own connection, and
// the guard that refuses a handle once its transaction has ended, so a leaked handle cannot touch whichever
// transaction comes next. Each backend adds its writes.
import type { StoredRecord } from './store.js';
import { TransactionClosedError } from './store.js';

/** The reads a backend's record access offers, synchronously (SQLite) or not (PostgreSQL). */
export interface RecordReads {
  getById(kind: string, id: string): StoredRecord | undefined | Promise<StoredRecord | undefined>;
  getByName(account: string, kind: string, scope: string, name: string): StoredRecord | undefined | Promise<StoredRecord | undefined>;
  list(account: string, kind: string, scope?: string): StoredRecord[] | Promise<StoredRecord[]>;
  count(account: string, kind: string, scope?: string): number | Promise<number>;
}

export abstract class GuardedTransaction<R extends RecordReads> {
  private open = true;

  constructor(readonly records: R) {}

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

  protected use(): R {
    if (!this.open) throw new TransactionClosedError('this transaction has already committed or rolled back');
    return this.records;
  }
}
