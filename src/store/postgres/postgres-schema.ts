// The PostgreSQL schema as numbered migrations, applied in one transaction under an advisory lock so that
// several nodes starting together take turns; the later ones find the work done.
import type pg from 'pg';
import { lockStatement } from './advisory-locks.js';
import type { Tables } from './tables.js';

const migrations: readonly { readonly version: number; readonly sql: (t: Tables) => string }[] = [
  {
    version: 1,
    // COLLATE "C" on keys: byte order, whatever the database locale, so list order matches SQLite's.
    // data is json, not jsonb: jsonb reorders object keys, and both backends must hand back what was stored.
    sql: (t) => `
      CREATE TABLE ${t.records} (
        kind       text COLLATE "C" NOT NULL,
        id         text COLLATE "C" NOT NULL,
        account    text COLLATE "C" NOT NULL,
        scope      text COLLATE "C" NOT NULL,
        name       text NOT NULL,
        name_key   text COLLATE "C" NOT NULL,
        data       json NOT NULL,
        revision   integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (kind, id)
      );
      CREATE UNIQUE INDEX records_by_name ON ${t.records} (account, kind, scope, name_key);

      -- A sequence is never reset, not even by wipe(): a follower's cursor stays meaningful.
      CREATE TABLE ${t.changes} (
        seq     bigserial PRIMARY KEY,
        account text NOT NULL,
        kind    text NOT NULL,
        id      text NOT NULL,
        op      text NOT NULL CHECK (op IN ('put', 'update', 'delete'))
      );
    `,
  },
];

export async function applyMigrations(client: pg.PoolClient, t: Tables): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(lockStatement('migration', t.schema, 'schema'));
    // Checked first because CREATE SCHEMA IF NOT EXISTS still demands CREATE on the database.
    const existing = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [t.schema]);
    if (existing.rowCount === 0) await client.query(`CREATE SCHEMA "${t.schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${t.versions} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const current = await client.query<{ version: number }>(
      `SELECT coalesce(max(version), 0)::int AS version FROM ${t.versions}`,
    );
    const applied = current.rows[0]?.version ?? 0;
    for (const migration of migrations) {
      if (migration.version <= applied) continue;
      await client.query(migration.sql(t));
      await client.query(`INSERT INTO ${t.versions} (version) VALUES ($1)`, [migration.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
