// Conformance cases for single records: insert, read, update, delete, what data survives the round trip,
// and the whole-store operations (loadAll, wipe, migrate, close).
import { expect, it } from 'vitest';
import { RecordNotFoundError } from '../store.js';
import { accountA, accountB, insert, insertAll, newRecord, type SuiteContext, withStore } from './fixtures.js';

export function recordCases(ctx: SuiteContext): void {
  it('inserts a record at revision 1 and reads it back by id and by name', () =>
    withStore(ctx, async (store) => {
      const before = Date.now();
      const stored = await insert(store, newRecord({ name: 'Alice', data: { path: '/', tags: [{ Key: 'k', Value: 'v' }] } }));
      const after = Date.now();
      expect(stored).toMatchObject({
        account: accountA,
        kind: 'user',
        id: `${accountA}::Alice`,
        scope: '',
        name: 'Alice',
        data: { path: '/', tags: [{ Key: 'k', Value: 'v' }] },
        revision: 1,
      });
      expect(stored.createdAt).toBeInstanceOf(Date);
      expect(stored.createdAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(stored.createdAt.getTime()).toBeLessThanOrEqual(after);
      expect(stored.updatedAt).toEqual(stored.createdAt);
      expect(await store.getById('user', stored.id)).toEqual(stored);
      expect(await store.getByName(accountA, 'user', '', 'Alice')).toEqual(stored);
    }));

  it('returns undefined for records that do not exist', () =>
    withStore(ctx, async (store) => {
      await insert(store, newRecord({ name: 'Alice' }));
      expect(await store.getById('user', 'nobody')).toBeUndefined();
      expect(await store.getById('role', `${accountA}::Alice`)).toBeUndefined();
      expect(await store.getByName(accountA, 'user', '', 'Bob')).toBeUndefined();
      expect(await store.getByName(accountB, 'user', '', 'Alice')).toBeUndefined();
      expect(await store.getByName(accountA, 'user', 'some-parent', 'Alice')).toBeUndefined();
    }));

  it('counts by account and kind, and by scope when given', () =>
    withStore(ctx, async (store) => {
      await insertAll(store, [
        newRecord({ name: 'a' }),
        newRecord({ name: 'b' }),
        newRecord({ name: 'c', account: accountB }),
        newRecord({ name: 'd', kind: 'role' }),
        newRecord({ name: 'v1', kind: 'policy-version', scope: 'P1' }),
        newRecord({ name: 'v2', kind: 'policy-version', scope: 'P1' }),
        newRecord({ name: 'v1', kind: 'policy-version', scope: 'P2' }),
      ]);
      expect(await store.count(accountA, 'user')).toBe(2);
      expect(await store.count(accountB, 'user')).toBe(1);
      expect(await store.count(accountA, 'role')).toBe(1);
      expect(await store.count(accountA, 'group')).toBe(0);
      expect(await store.count(accountA, 'policy-version')).toBe(3);
      expect(await store.count(accountA, 'policy-version', 'P1')).toBe(2);
      expect(await store.count(accountA, 'policy-version', 'P2')).toBe(1);
      expect(await store.count(accountA, 'policy-version', '')).toBe(0);
      expect(await store.count(accountA, 'user', '')).toBe(2);
    }));

  it('updates data and name, bumping revision and moving updatedAt strictly forward', () =>
    withStore(ctx, async (store) => {
      const created = await insert(store, newRecord({ name: 'Alice', data: { v: 1 } }));
      const first = await store.transaction(accountA, (tx) => tx.update('user', created.id, { data: { v: 2 } }));
      expect(first).toMatchObject({ id: created.id, name: 'Alice', data: { v: 2 }, revision: 2 });
      expect(first.createdAt).toEqual(created.createdAt);
      expect(first.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());

      const renamed = await store.transaction(accountA, (tx) => tx.update('user', created.id, { name: 'Alicia', data: { v: 3 } }));
      expect(renamed).toMatchObject({ id: created.id, name: 'Alicia', data: { v: 3 }, revision: 3 });
      expect(renamed.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
      expect(await store.getByName(accountA, 'user', '', 'Alice')).toBeUndefined();
      expect(await store.getByName(accountA, 'user', '', 'ALICIA')).toEqual(renamed);
      expect(await store.getById('user', created.id)).toEqual(renamed);
    }));

  it('throws RecordNotFoundError when updating a record that does not exist', () =>
    withStore(ctx, async (store) => {
      await expect(store.transaction(accountA, (tx) => tx.update('user', 'nobody', { data: {} }))).rejects.toBeInstanceOf(
        RecordNotFoundError,
      );
    }));

  it('deletes, saying whether there was anything to delete, and frees the name', () =>
    withStore(ctx, async (store) => {
      const alice = await insert(store, newRecord({ name: 'Alice' }));
      expect(await store.transaction(accountA, (tx) => tx.delete('user', alice.id))).toBe(true);
      expect(await store.transaction(accountA, (tx) => tx.delete('user', alice.id))).toBe(false);
      expect(await store.getById('user', alice.id)).toBeUndefined();
      expect(await store.count(accountA, 'user')).toBe(0);
      const again = await insert(store, newRecord({ name: 'ALICE', id: 'second-alice' }));
      expect(again).toMatchObject({ name: 'ALICE', revision: 1 });
    }));

  it('returns JSON data exactly as stored: 100 KB bodies, nesting, key order, scalars and odd strings', () =>
    withStore(ctx, async (store) => {
      const statements = Array.from({ length: 900 }, (_, i) => ({
        Sid: `S${i}`,
        Effect: i % 2 === 0 ? 'Allow' : 'Deny',
        Action: [`s3:GetObject${i}`, 'iam:*'],
        Resource: `arn:aws:s3:::bucket-${i}/some/long/prefix/*`,
      }));
      const large = { zeta: 1, Version: '2012-10-17', Statement: statements, alpha: { b: [1, 2.5, -3e-7], a: null } };
      expect(JSON.stringify(large).length).toBeGreaterThan(100_000);
      const bodies: unknown[] = [
        large,
        'just a string',
        42,
        null,
        true,
        [1, 'two', null, { three: 3 }],
        { text: 'quotes " and \\ backslash, tab\t, newline\n, \u2028, emoji 🔑, 名前', big: Number.MAX_SAFE_INTEGER },
      ];
      for (const [i, data] of bodies.entries()) {
        const stored = await insert(store, newRecord({ name: `body-${i}`, data }));
        const read = await store.getById('user', stored.id);
        expect(read?.data).toEqual(data);
        // Key order is part of "exactly": services may render data in the order they stored it.
        expect(JSON.stringify(read?.data)).toBe(JSON.stringify(data));
        expect(JSON.stringify(stored.data)).toBe(JSON.stringify(data));
      }
    }));

  it('refuses data that is not JSON rather than storing something else', () =>
    withStore(ctx, async (store) => {
      // newRecord fills in missing data, so build this one by hand.
      const record = { ...newRecord({ name: 'y' }), data: undefined };
      await expect(insert(store, record)).rejects.toThrow(/JSON/);
      expect(await store.count(accountA, 'user')).toBe(0);
    }));

  it('loadAll returns every record of every account and kind', () =>
    withStore(ctx, async (store) => {
      const stored = await insertAll(store, [
        newRecord({ name: 'a' }),
        newRecord({ name: 'b', account: accountB }),
        newRecord({ name: 'c', kind: 'role' }),
        newRecord({ name: 'v1', kind: 'policy-version', scope: 'P' }),
      ]);
      const all = await store.loadAll();
      const byKey = (r: { kind: string; id: string }): string => `${r.kind}/${r.id}`;
      expect([...all].sort((x, y) => byKey(x).localeCompare(byKey(y)))).toEqual(
        [...stored].sort((x, y) => byKey(x).localeCompare(byKey(y))),
      );
    }));

  it('wipe removes every record and change, keeps the schema and never reuses a seq', () =>
    withStore(ctx, async (store) => {
      await insertAll(store, [newRecord({ name: 'a' }), newRecord({ name: 'b', account: accountB })]);
      const before = await store.latestSeq();
      expect(before).toBeGreaterThan(0);
      await store.wipe();
      expect(await store.loadAll()).toEqual([]);
      expect(await store.changesSince(0, 100)).toEqual([]);
      expect(await store.latestSeq()).toBe(0);
      const again = await insert(store, newRecord({ name: 'a' }));
      expect(await store.getById('user', again.id)).toEqual(again);
      const [change] = await store.changesSince(0, 100);
      expect(change?.seq).toBeGreaterThan(before);
    }));

  it('migrate is idempotent and keeps data', () =>
    withStore(ctx, async (store) => {
      const alice = await insert(store, newRecord({ name: 'Alice' }));
      await store.migrate();
      await store.migrate();
      expect(await store.getById('user', alice.id)).toEqual(alice);
      expect(await store.latestSeq()).toBe(1);
    }));

  it('close is idempotent, and the store refuses work afterwards', async () => {
    const store = await ctx.makeStore();
    await insert(store, newRecord({ name: 'Alice' }));
    await store.close();
    await store.close();
    await expect(store.getById('user', `${accountA}::Alice`)).rejects.toThrow();
    await expect(insert(store, newRecord({ name: 'Bob' }))).rejects.toThrow();
  });
}
