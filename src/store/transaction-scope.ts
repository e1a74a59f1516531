// Knows which transaction, if any, the current async call chain runs inside, so a store can refuse a nested
// transaction (it would queue behind itself for ever) and serve its plain reads from the open transaction.
// Node 20 tracks an AsyncLocalStorage with promise hooks that tax every promise in the process while any
// instance is enabled; the scope is disabled whenever no transaction is open, so read-only requests (the
// hot path) run without them.
import { AsyncLocalStorage } from 'node:async_hooks';
import { NestedTransactionError } from './store.js';

export interface ScopedTransaction {
  readonly isOpen: boolean;
}

export class TransactionScope<T extends ScopedTransaction> {
  private readonly storage = new AsyncLocalStorage<T>();
  private open = 0;

  async run<R>(tx: T, fn: () => Promise<R>): Promise<R> {
    this.open += 1;
    try {
      return await this.storage.run(tx, fn);
    } finally {
      this.open -= 1;
      // Nothing can be inside a transaction now; work fn left running sees no store, as active() would say.
      if (this.open === 0) this.storage.disable();
    }
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
