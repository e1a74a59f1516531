// Conformance cases for the change feed: one change per write, strictly increasing seqs, paging.
import { expect, it } from 'vitest';
import { RecordExistsError } from '../store.js';
import { accountA, accountB, insert, newRecord, type SuiteContext, withStore } from './fixtures.js';

export function feedCases(ctx: SuiteContext): void {
  it('starts empty', () =>
    withStore(ctx, async (store) => {
      expect(await store.latestSeq()).toBe(0);
      expect(await store.changesSince(0, 10)).toEqual([]);
    }));

  it('appends exactly one change per write and none for a write that did nothing', () =>
    withStore(ctx, async (store) => {
      const alice = await insert(store, newRecord({ name: 'Alice' }));
      const role = await insert(store, newRecord({ name: 'Ops', kind: 'role', account: accountB }));
      await store.transaction(accountA, (tx) => tx.update('user', alice.id, { data: { v: 2 } }));
      await expect(insert(store, newRecord({ name: 'ALICE' }))).rejects.toBeInstanceOf(RecordExistsError);
      expect(await store.transaction(accountA, (tx) => tx.delete('user', 'nobody'))).toBe(false);
      await expect(store.transaction(accountA, (tx) => tx.update('user', 'nobody', { data: {} }))).rejects.toThrow();
      await store.transaction(accountB, (tx) => tx.delete('role', role.id));

      const changes = await store.changesSince(0, 100);
      expect(changes.map(({ seq: _seq, ...rest }) => rest)).toEqual([
        { account: accountA, kind: 'user', id: alice.id, op: 'put' },
        { account: accountB, kind: 'role', id: role.id, op: 'put' },
        { account: accountA, kind: 'user', id: alice.id, op: 'update' },
        { account: accountB, kind: 'role', id: role.id, op: 'delete' },
      ]);
      for (const change of changes) expect(Number.isSafeInteger(change.seq)).toBe(true);
      expect(await store.latestSeq()).toBe(changes.at(-1)?.seq);
    }));

  it('numbers changes strictly increasing and pages through them with changesSince', () =>
    withStore(ctx, async (store) => {
      for (let i = 0; i < 7; i++) await insert(store, newRecord({ name: `user-${i}` }));
      const all = await store.changesSince(0, 100);
      expect(all).toHaveLength(7);
      for (let i = 1; i < all.length; i++) expect(all[i]!.seq).toBeGreaterThan(all[i - 1]!.seq);

      const pages: number[][] = [];
      let cursor = 0;
      for (;;) {
        const page = await store.changesSince(cursor, 3);
        if (page.length === 0) break;
        pages.push(page.map((c) => c.seq));
        cursor = page.at(-1)!.seq;
      }
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(all.map((c) => c.seq));
      expect(await store.changesSince(all[4]!.seq, 100)).toEqual(all.slice(5));
      expect(await store.latestSeq()).toBe(all[6]!.seq);
    }));

  it("records a transaction's changes in the order it wrote them", () =>
    withStore(ctx, async (store) => {
      await store.transaction(accountA, async (tx) => {
        const a = await tx.insert(newRecord({ name: 'a' }));
        await tx.insert(newRecord({ name: 'b' }));
        await tx.update('user', a.id, { data: { v: 2 } });
        await tx.delete('user', a.id);
      });
      const changes = await store.changesSince(0, 100);
      expect(changes.map((c) => `${c.op} ${c.id}`)).toEqual([
        `put ${accountA}::a`,
        `put ${accountA}::b`,
        `update ${accountA}::a`,
        `delete ${accountA}::a`,
      ]);
    }));
}
