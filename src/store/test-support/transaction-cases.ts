// Conformance cases for transaction(): atomicity, reading one's own writes, isolation from readers outside,
// and clear errors for misuse (nesting, a handle kept after the end).
import { expect, it } from 'vitest';
import type { StoredRecord, StoreTransaction } from '../store.js';
import { NestedTransactionError, RecordExistsError, TransactionClosedError } from '../store.js';
import { accountA, insert, newRecord, signal, sleep, type SuiteContext, withStore } from './fixtures.js';

export function transactionCases(ctx: SuiteContext): void {
  it('returns what fn returns', () =>
    withStore(ctx, async (store) => {
      expect(await store.transaction(accountA, async () => ({ answer: 42 }))).toEqual({ answer: 42 });
    }));

  it('rolls back every write when fn throws, appends no change, and rethrows the same error', () =>
    withStore(ctx, async (store) => {
      const existing = await insert(store, newRecord({ name: 'Existing', data: { v: 1 } }));
      const seq = await store.latestSeq();
      const boom = new Error('boom');
      const attempt = store.transaction(accountA, async (tx) => {
        await tx.insert(newRecord({ name: 'First' }));
        await tx.insert(newRecord({ name: 'Second' }));
        await tx.update('user', existing.id, { data: { v: 2 } });
        throw boom;
      });
      await expect(attempt).rejects.toBe(boom);
      expect(await store.getByName(accountA, 'user', '', 'First')).toBeUndefined();
      expect(await store.getByName(accountA, 'user', '', 'Second')).toBeUndefined();
      expect(await store.getById('user', existing.id)).toEqual(existing);
      expect(await store.count(accountA, 'user')).toBe(1);
      expect(await store.latestSeq()).toBe(seq);
      expect(await store.changesSince(seq, 100)).toEqual([]);
    }));

  it('reads its own writes through tx', () =>
    withStore(ctx, async (store) => {
      await store.transaction(accountA, async (tx) => {
        const alice = await tx.insert(newRecord({ name: 'Alice' }));
        expect(await tx.getById('user', alice.id)).toEqual(alice);
        expect(await tx.getByName(accountA, 'user', '', 'ALICE')).toEqual(alice);
        expect(await tx.count(accountA, 'user')).toBe(1);
        const updated = await tx.update('user', alice.id, { data: { v: 2 } });
        expect((await tx.list(accountA, 'user')).map((r) => r.revision)).toEqual([2]);
        expect(await tx.getById('user', alice.id)).toEqual(updated);
        await tx.delete('user', alice.id);
        expect(await tx.getById('user', alice.id)).toBeUndefined();
        expect(await tx.count(accountA, 'user', '')).toBe(0);
      });
    }));

  it("serves the store's own reads inside fn from the transaction", () =>
    withStore(ctx, async (store) => {
      await store.transaction(accountA, async (tx) => {
        const alice = await tx.insert(newRecord({ name: 'Alice' }));
        expect(await store.getById('user', alice.id)).toEqual(alice);
        expect(await store.getByName(accountA, 'user', '', 'alice')).toEqual(alice);
        expect(await store.list(accountA, 'user')).toEqual([alice]);
        expect(await store.count(accountA, 'user')).toBe(1);
      });
    }));

  it('never shows uncommitted writes to readers outside the transaction', () =>
    withStore(ctx, async (store) => {
      const pending = newRecord({ name: 'Pending' });
      const written = signal();
      const outsideRead = (async (): Promise<StoredRecord | undefined> => {
        await written.promise;
        return store.getById(pending.kind, pending.id);
      })();
      const abort = new Error('abort');
      const attempt = store.transaction(accountA, async (tx) => {
        await tx.insert(pending);
        written.resolve();
        // A backend may make the outside read wait for this transaction instead; don't wait for it for ever.
        await Promise.race([outsideRead, sleep(100)]);
        throw abort;
      });
      await expect(attempt).rejects.toBe(abort);
      expect(await outsideRead).toBeUndefined();
    }));

  it('stays usable after fn catches a RecordExistsError', () =>
    withStore(ctx, async (store) => {
      await insert(store, newRecord({ name: 'Taken' }));
      await store.transaction(accountA, async (tx) => {
        await tx.insert(newRecord({ name: 'Before' }));
        await expect(tx.insert(newRecord({ name: 'TAKEN' }))).rejects.toBeInstanceOf(RecordExistsError);
        await tx.insert(newRecord({ name: 'After' }));
      });
      expect((await store.list(accountA, 'user')).map((r) => r.name)).toEqual(['After', 'Before', 'Taken']);
      expect(await store.changesSince(0, 100)).toHaveLength(3);
    }));

  it('refuses transaction, migrate, wipe and close from inside fn instead of waiting on itself', () =>
    withStore(ctx, async (store) => {
      await store.transaction(accountA, async (tx) => {
        await expect(store.transaction(accountA, async () => 1)).rejects.toBeInstanceOf(NestedTransactionError);
        await expect(store.transaction('999999999999', async () => 1)).rejects.toBeInstanceOf(NestedTransactionError);
        await expect(store.migrate()).rejects.toBeInstanceOf(NestedTransactionError);
        await expect(store.wipe()).rejects.toBeInstanceOf(NestedTransactionError);
        await expect(store.close()).rejects.toBeInstanceOf(NestedTransactionError);
        await tx.insert(newRecord({ name: 'Outer' }));
      });
      expect(await store.getByName(accountA, 'user', '', 'Outer')).toBeDefined();
    }));

  it('refuses a transaction handle used after its transaction ended', () =>
    withStore(ctx, async (store) => {
      let leaked: StoreTransaction | undefined;
      await store.transaction(accountA, async (tx) => {
        leaked = tx;
      });
      await expect(leaked!.insert(newRecord({ name: 'Late' }))).rejects.toBeInstanceOf(TransactionClosedError);
      await expect(leaked!.getById('user', 'x')).rejects.toBeInstanceOf(TransactionClosedError);
      await expect(store.transaction(accountA, async (tx) => {
        leaked = tx;
        throw new Error('fail');
      })).rejects.toThrow('fail');
      await expect(leaked!.count(accountA, 'user')).rejects.toBeInstanceOf(TransactionClosedError);
      expect(await store.count(accountA, 'user')).toBe(0);
    }));

  it('lets work that fn left running read committed data once the transaction is over', () =>
    withStore(ctx, async (store) => {
      const later = signal();
      let background: Promise<number> | undefined;
      await store.transaction(accountA, async (tx) => {
        await tx.insert(newRecord({ name: 'Alice' }));
        background = (async () => {
          await later.promise;
          return store.count(accountA, 'user');
        })();
      });
      later.resolve();
      expect(await background).toBe(1);
    }));
}
