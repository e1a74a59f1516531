// Runs the store conformance suite against PostgreSQL (two PostgresStore instances on one schema stand in for
// two nodes), plus the PostgreSQL-only behaviour: parallel accounts, racing migrations, redacted locations.
// Needs a server (see test-support/postgres-test-database.ts); in CI its absence fails the run.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runStoreSuite } from '../test-support/conformance.js';
import { signal } from '../test-support/fixtures.js';
import {
  dropTestSchemas,
  isCi,
  newTestSchema,
  testDatabaseUrl,
  unreachableReason,
} from '../test-support/postgres-test-database.js';
import type { Store } from '../store.js';
import { PostgresStore } from './postgres-store.js';

const unreachable = await unreachableReason();

if (unreachable !== undefined && isCi()) {
  describe('PostgresStore', () => {
    it('needs PostgreSQL in CI', () => {
      throw new Error(`${unreachable}; start it or set KEYCARD_TEST_POSTGRES_URL`);
    });
  });
} else if (unreachable !== undefined) {
  console.warn(`Skipping the PostgreSQL store tests: ${unreachable}`);
  describe.skip('PostgresStore', () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  const schemas: string[] = [];
  afterAll(() => dropTestSchemas(schemas));

  const open = async (schema: string): Promise<PostgresStore> => {
    const store = new PostgresStore(testDatabaseUrl, { schema });
    await store.migrate();
    return store;
  };
  const fresh = (): Promise<PostgresStore> => {
    const schema = newTestSchema();
    schemas.push(schema);
    return open(schema);
  };

  runStoreSuite('PostgresStore', fresh, { openPeer: (store: Store) => open((store as PostgresStore).schema) });

  describe('PostgresStore', () => {
    it('runs transactions on different accounts in parallel', async () => {
      const store = await fresh();
      try {
        // Each transaction waits for the other to start: if accounts were serialised this would never finish.
        const aStarted = signal();
        const bStarted = signal();
        const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('accounts were serialised')), 5000));
        const both = Promise.all([
          store.transaction('111111111111', async (tx) => {
            aStarted.resolve();
            await bStarted.promise;
            return tx.insert({ account: '111111111111', kind: 'user', id: 'A', scope: '', name: 'a', data: {} });
          }),
          store.transaction('222222222222', async (tx) => {
            bStarted.resolve();
            await aStarted.promise;
            return tx.insert({ account: '222222222222', kind: 'user', id: 'B', scope: '', name: 'b', data: {} });
          }),
        ]);
        await Promise.race([both, timeout]);
        expect((await store.changesSince(0, 10)).map((c) => c.id).sort()).toEqual(['A', 'B']);
      } finally {
        await store.close();
      }
    });

    it('keeps seq order equal to commit order, so a follower never steps past a change committed later', async () => {
      const store = await fresh();
      try {
        const aWrote = signal();
        const bCommitted = signal();
        const a = store.transaction('111111111111', async (tx) => {
          await tx.insert({ account: '111111111111', kind: 'user', id: 'A', scope: '', name: 'a', data: {} });
          aWrote.resolve();
          await bCommitted.promise;
        });
        await aWrote.promise;
        await store.transaction('222222222222', (tx) =>
          tx.insert({ account: '222222222222', kind: 'user', id: 'B', scope: '', name: 'b', data: {} }),
        );
        // A follower polls while A is still open, and moves its cursor past what it saw.
        const seen = await store.changesSince(0, 10);
        expect(seen.map((c) => c.id)).toEqual(['B']);
        bCommitted.resolve();
        await a;
        expect((await store.changesSince(seen[0]!.seq, 10)).map((c) => c.id)).toEqual(['A']);
      } finally {
        await store.close();
      }
    });

    it('lets several nodes migrate a new schema at once', async () => {
      const schema = newTestSchema();
      schemas.push(schema);
      const nodes = [0, 1, 2, 3].map(() => new PostgresStore(testDatabaseUrl, { schema }));
      try {
        await Promise.all(nodes.map((node) => node.migrate()));
        const client = new pg.Client({ connectionString: testDatabaseUrl });
        await client.connect();
        const versions = await client.query(`SELECT version FROM "${schema}".schema_version`);
        await client.end();
        expect(versions.rows).toEqual([{ version: 1 }]);
      } finally {
        await Promise.all(nodes.map((node) => node.close()));
      }
    });

    it('stores data as json, keeping key order, with a case-folded unique name key', async () => {
      const store = await fresh();
      try {
        const client = new pg.Client({ connectionString: testDatabaseUrl });
        await client.connect();
        const columns = await client.query(
          `SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = $1 AND table_name = 'records' AND column_name IN ('data', 'name_key') ORDER BY 1`,
          [store.schema],
        );
        await client.end();
        expect(columns.rows).toEqual([
          { column_name: 'data', data_type: 'json' },
          { column_name: 'name_key', data_type: 'text' },
        ]);
      } finally {
        await store.close();
      }
    });

    it('never shows a password in its location or in connection errors', async () => {
      const store = new PostgresStore('postgres://keycard:s3cret-pw@127.0.0.1:1/none', { schema: 'public' });
      expect(store.location).toBe('postgres://keycard:***@127.0.0.1:1/none');
      const error = await store.migrate().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error).message)).not.toContain('s3cret-pw');
      await store.close();
    });

    it('refuses a schema name that is not a plain identifier', () => {
      expect(() => new PostgresStore(testDatabaseUrl, { schema: 'x"; DROP TABLE y; --' })).toThrow(/schema name/);
    });
  });
}
