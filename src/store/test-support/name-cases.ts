// Conformance cases for names and ids: case-insensitive uniqueness within (account, kind, scope) with case
// preserved, id uniqueness per kind, list order and scope filtering, Unicode.
import { expect, it } from 'vitest';
import { RecordExistsError } from '../store.js';
import { accountA, accountB, insert, insertAll, newRecord, type SuiteContext, withStore } from './fixtures.js';

export function nameCases(ctx: SuiteContext): void {
  it('keeps names unique case-insensitively and preserves the case first stored', () =>
    withStore(ctx, async (store) => {
      const alice = await insert(store, newRecord({ name: 'Alice' }));
      await expect(insert(store, newRecord({ name: 'ALICE' }))).rejects.toBeInstanceOf(RecordExistsError);
      await expect(insert(store, newRecord({ name: 'alice', id: 'other-id' }))).rejects.toThrow(/name/);
      expect(await store.getByName(accountA, 'user', '', 'aLiCe')).toEqual(alice);
      expect((await store.list(accountA, 'user')).map((r) => r.name)).toEqual(['Alice']);
    }));

  it('allows the same name in another account, kind or scope', () =>
    withStore(ctx, async (store) => {
      const stored = await insertAll(store, [
        newRecord({ name: 'Admin' }),
        newRecord({ name: 'admin', account: accountB }),
        newRecord({ name: 'ADMIN', kind: 'role' }),
        newRecord({ name: 'Admin', scope: 'parent-1' }),
      ]);
      for (const record of stored) {
        expect(await store.getByName(record.account, record.kind, record.scope, 'admin')).toEqual(record);
      }
    }));

  it('keeps ids unique per kind across accounts', () =>
    withStore(ctx, async (store) => {
      await insert(store, newRecord({ name: 'Alice', id: 'AIDA1' }));
      await expect(insert(store, newRecord({ name: 'Bob', id: 'AIDA1', account: accountB }))).rejects.toThrow(
        RecordExistsError,
      );
      await expect(insert(store, newRecord({ name: 'Carol', id: 'AIDA1' }))).rejects.toThrow(/id/);
      expect(await store.count(accountB, 'user')).toBe(0);
    }));

  it('allows the same id in different kinds and keeps them apart', () =>
    withStore(ctx, async (store) => {
      const user = await insert(store, newRecord({ name: 'Shared', id: 'X1', data: { kind: 'user' } }));
      const role = await insert(store, newRecord({ name: 'Shared', id: 'X1', kind: 'role', data: { kind: 'role' } }));
      expect(await store.getById('user', 'X1')).toEqual(user);
      expect(await store.getById('role', 'X1')).toEqual(role);
      expect(await store.transaction(accountA, (tx) => tx.delete('role', 'X1'))).toBe(true);
      expect(await store.getById('user', 'X1')).toEqual(user);
    }));

  it('lists in byte order of the case-folded name, then id, whatever the database locale', () =>
    withStore(ctx, async (store) => {
      await insertAll(store, [
        newRecord({ name: 'bob' }),
        newRecord({ name: 'Alice' }),
        newRecord({ name: 'carol' }),
        newRecord({ name: 'alice2' }),
        newRecord({ name: 'Bob2' }),
        newRecord({ name: 'ab' }),
        newRecord({ name: 'a-c' }),
        newRecord({ name: 'éclair' }),
        newRecord({ name: 'fig' }),
        newRecord({ name: '_under' }),
        newRecord({ name: 'elsewhere', account: accountB }),
        newRecord({ name: 'a-role', kind: 'role' }),
      ]);
      expect((await store.list(accountA, 'user')).map((r) => r.name)).toEqual([
        '_under',
        'a-c',
        'ab',
        'Alice',
        'alice2',
        'bob',
        'Bob2',
        'carol',
        'fig',
        'éclair',
      ]);
    }));

  it('filters lists by scope, and breaks name ties across scopes by id', () =>
    withStore(ctx, async (store) => {
      await insertAll(store, [
        newRecord({ name: 'v1', kind: 'policy-version', scope: 'P2', id: 'a-id' }),
        newRecord({ name: 'V1', kind: 'policy-version', scope: 'P1', id: 'b-id' }),
        newRecord({ name: 'v2', kind: 'policy-version', scope: 'P1', id: 'c-id' }),
        newRecord({ name: 'v0', kind: 'policy-version', scope: 'P3', id: 'd-id', account: accountB }),
      ]);
      const ids = async (scope?: string): Promise<string[]> =>
        (await store.list(accountA, 'policy-version', scope)).map((r) => r.id);
      expect(await ids()).toEqual(['a-id', 'b-id', 'c-id']);
      expect(await ids('P1')).toEqual(['b-id', 'c-id']);
      expect(await ids('P2')).toEqual(['a-id']);
      expect(await ids('')).toEqual([]);
      expect(await ids('P3')).toEqual([]);
    }));

  it('round-trips Unicode names and matches them case-insensitively', () =>
    withStore(ctx, async (store) => {
      const name = 'Ünïcødé-Ωμέγα-名前-🔑';
      const stored = await insert(store, newRecord({ name }));
      expect(stored.name).toBe(name);
      expect((await store.getByName(accountA, 'user', '', 'üNÏCØDÉ-ωΜΈΓΑ-名前-🔑'))?.id).toBe(stored.id);
      await expect(insert(store, newRecord({ name: 'ÜNÏCØDÉ-ΩΜΈΓΑ-名前-🔑' }))).rejects.toBeInstanceOf(RecordExistsError);
      expect((await store.list(accountA, 'user')).map((r) => r.name)).toEqual([name]);
    }));

  it('refuses a rename onto a taken name but allows a change of case, without spoiling the transaction', () =>
    withStore(ctx, async (store) => {
      const alice = await insert(store, newRecord({ name: 'Alice' }));
      await insert(store, newRecord({ name: 'Bob' }));
      const seq = await store.latestSeq();
      await store.transaction(accountA, async (tx) => {
        await expect(tx.update('user', alice.id, { name: 'bob', data: {} })).rejects.toBeInstanceOf(RecordExistsError);
        // The failed rename must leave the transaction usable (PostgreSQL aborts a transaction on a raised error).
        expect(await tx.getById('user', alice.id)).toEqual(alice);
      });
      expect(await store.getById('user', alice.id)).toEqual(alice);
      expect(await store.latestSeq()).toBe(seq);

      const shouted = await store.transaction(accountA, (tx) => tx.update('user', alice.id, { name: 'ALICE', data: {} }));
      expect(shouted).toMatchObject({ name: 'ALICE', revision: 2 });
    }));
}
