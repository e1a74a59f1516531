// Opens the store a deployment names: a postgres:// URL for PostgreSQL (many nodes), anything else is the
// path of the SQLite file (one node).
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export type StoreBackend = 'postgres' | 'sqlite';

export function storeBackendFor(location: string): StoreBackend {
  return /^postgres(ql)?:\/\//i.test(location) ? 'postgres' : 'sqlite';
}

/** Opens and migrates; the caller closes. */
export async function openStore(location: string): Promise<Store> {
  const store: Store = storeBackendFor(location) === 'postgres' ? new PostgresStore(location) : new SqliteStore(location);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
