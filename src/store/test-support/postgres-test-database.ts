// Where the PostgreSQL tests find their database, and a private schema per store so parallel runs never meet.
// KEYCARD_TEST_POSTGRES_URL overrides the default (the local trust-auth server, database `test`).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactUrl } from '../postgres/redact-url.js';

export const testDatabaseUrl = process.env['KEYCARD_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const schemaPrefix = 'keycard_test_';
/** Schemas older than this are left over from a run that died before its cleanup; the next run removes them. */
const staleAfterSeconds = 3600;

/** Why PostgreSQL cannot be used, or undefined when it answers. */
export async function unreachableReason(url: string = testDatabaseUrl): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${redactUrl(url)} is not reachable: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema name: creation time first, so stale ones can be recognised. */
export function newTestSchema(): string {
  return `${schemaPrefix}${Math.floor(Date.now() / 1000)}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Drops the given schemas and any test schema left behind by a run that died over an hour ago. */
export async function dropTestSchemas(schemas: readonly string[], url: string = testDatabaseUrl): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [
      schemaPrefix,
    ]);
    const cutoff = Date.now() / 1000 - staleAfterSeconds;
    for (const { nspname } of found.rows) {
      const created = Number(nspname.slice(schemaPrefix.length).split('_')[0]);
      if (schemas.includes(nspname) || created < cutoff) {
        await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
      }
    }
  } finally {
    await client.end();
  }
}

/** True when the CI variable says this is a CI run, where a missing database is a failure rather than a skip. */
export function isCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
