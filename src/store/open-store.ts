// Opens the store a deployment names: a postgres:// URL for PostgreSQL (many nodes), anything else is the
// path of the SQLite file (one node).
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export type StoreBackend = 'postgres' | 'sqlite';

export function storeBackendFor(location: string): StoreBackend {
  return /^postgres(ql)?:\/\//i.test(location) ? 'postgres' : 'sqlite';
}

/**
 * A PostgreSQL URL may name the schema to keep Keycard's tables in with `?schema=NAME` (default public), so
 * several deployments, or parallel test runs, can share one database.
 */
const openPostgres = (location: string): PostgresStore => {
  const url = new URL(location);
  const schema = url.searchParams.get('schema');
  if (schema === null) return new PostgresStore(location);
  url.searchParams.delete('schema');
  return new PostgresStore(url.toString(), { schema });
};

/** Opens and migrates; the caller closes. */
export async function openStore(location: string): Promise<Store> {
  const store: Store = storeBackendFor(location) === 'postgres' ? openPostgres(location) : new SqliteStore(location);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
