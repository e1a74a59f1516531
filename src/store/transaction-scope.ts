// Knows which transaction, if any, the current async call chain runs inside, so a store can refuse a nested
// transaction (it would queue behind itself for ever) and serve its plain reads from the open transaction.
import { AsyncLocalStorage } from 'node:async_hooks';
import { NestedTransactionError } from './store.js';

export interface ScopedTransaction {
  readonly isOpen: boolean;
}

export class TransactionScope<T extends ScopedTransaction> {
  private readonly storage = new AsyncLocalStorage<T>();

  run<R>(tx: T, fn: () => Promise<R>): Promise<R> {
    return this.storage.run(tx, fn);
  }

  /** The open transaction of this call chain; a finished one no longer counts (work it left running is on its own). */
  active(): T | undefined {
    const tx = this.storage.getStore();
    return tx?.isOpen ? tx : undefined;
  }

  assertNotNested(operation: string): void {
    if (this.active()) {
      throw new NestedTransactionError(
        `${operation}() was called inside a transaction on the same store; use the transaction passed to fn instead`,
      );
    }
  }
}
