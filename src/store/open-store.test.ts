// openStore picks the backend from the location and never leaks a password; redactUrl masks only the password.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, SqliteStore, storeBackendFor } from './index.js';
import { redactUrl } from './postgres/redact-url.js';

describe('openStore', () => {
  it('picks PostgreSQL for postgres:// and postgresql:// URLs and SQLite for anything else', () => {
    expect(storeBackendFor('postgres://u:p@db:5432/keycard')).toBe('postgres');
    expect(storeBackendFor('POSTGRESQL://db/keycard')).toBe('postgres');
    expect(storeBackendFor('/var/lib/keycard/keycard.db')).toBe('sqlite');
    expect(storeBackendFor('./data/postgres://not-a-url')).toBe('sqlite');
    expect(storeBackendFor(':memory:')).toBe('sqlite');
  });

  it('opens a migrated SQLite store at a file path', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'keycard-open-'));
    try {
      const store = await openStore(join(directory, 'data', 'keycard.db'));
      expect(store).toBeInstanceOf(SqliteStore);
      await store.transaction('111111111111', (tx) =>
        tx.insert({ account: '111111111111', kind: 'user', id: 'AIDA1', scope: '', name: 'Alice', data: {} }),
      );
      expect(await store.latestSeq()).toBe(1);
      await store.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('reports a PostgreSQL it cannot reach without the password', async () => {
    const failure = await openStore('postgres://keycard:hunter2@127.0.0.1:1/keycard').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).not.toContain('hunter2');
  });
});

describe('redactUrl', () => {
  it('masks the password and nothing else', () => {
    expect(redactUrl('postgres://keycard:s3cret@db.internal:5432/iam?sslmode=require')).toBe(
      'postgres://keycard:***@db.internal:5432/iam?sslmode=require',
    );
    expect(redactUrl('postgres://keycard@db/iam')).toBe('postgres://keycard@db/iam');
    expect(redactUrl('not a url with a secret')).toBe('(unparseable PostgreSQL URL)');
  });
});
