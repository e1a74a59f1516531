// Runs the store conformance suite against SQLite, in memory and on a file (where a second store on the same
// file stands in for a second process), plus the SQLite-only behaviour: WAL, file mode, locks held elsewhere.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { runStoreSuite } from '../test-support/conformance.js';
import { SqliteStore } from './sqlite-store.js';

const directory = mkdtempSync(join(tmpdir(), 'keycard-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;

async function open(path: string): Promise<SqliteStore> {
  const store = new SqliteStore(path);
  await store.migrate();
  return store;
}

runStoreSuite('SqliteStore in memory', () => open(':memory:'));

runStoreSuite('SqliteStore on a file', () => open(join(directory, `store-${++files}.db`)), {
  openPeer: (store: Store) => open((store as SqliteStore).path),
});

describe('SqliteStore on a file', () => {
  it('uses WAL, creates missing directories and keeps the file private to its owner', async () => {
    const path = join(directory, 'nested', 'deeper', 'keycard.db');
    const store = await open(path);
    try {
      const db = new Database(path, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
      expect(statSync(path).mode & 0o777).toBe(0o600);
      // Every commit is flushed (2 = FULL), not left to the WAL default of the bundled SQLite (1 = NORMAL).
      expect(store['writer'].pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('keeps committed data across reopening', async () => {
    const path = join(directory, 'reopen.db');
    const first = await open(path);
    await first.transaction('111111111111', (tx) =>
      tx.insert({ account: '111111111111', kind: 'user', id: 'AIDA1', scope: '', name: 'Alice', data: { v: 1 } }),
    );
    await first.close();
    const second = await open(path);
    try {
      expect((await second.getById('user', 'AIDA1'))?.name).toBe('Alice');
      expect(await second.latestSeq()).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('lets two stores migrate the same new file at once', async () => {
    const path = join(directory, 'race.db');
    const stores = [new SqliteStore(path), new SqliteStore(path), new SqliteStore(path)];
    try {
      await Promise.all(stores.map((s) => s.migrate()));
      const db = new Database(path, { readonly: true });
      expect(db.prepare('SELECT count(*) AS n FROM schema_version').get()).toEqual({ n: 1 });
      db.close();
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('waits for a write lock held by another connection without blocking the event loop, then gives up', async () => {
    const path = join(directory, 'locked.db');
    const store = new SqliteStore(path, { busyTimeoutMs: 300 });
    await store.migrate();
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 10);
      const started = Date.now();
      await expect(store.transaction('111111111111', async () => 1)).rejects.toThrow(/locked by another connection/);
      clearInterval(ticker);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      // The timers kept firing while the store waited: the wait was asynchronous.
      expect(ticks).toBeGreaterThan(10);

      const waiting = store.transaction('111111111111', async () => 'got it');
      setTimeout(() => other.exec('ROLLBACK'), 50);
      expect(await waiting).toBe('got it');
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await store.close();
    }
  });
});
