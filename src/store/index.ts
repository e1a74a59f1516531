// The store's public surface: the Store interface and its errors, the two backends, and openStore, which
// picks a backend from a location (a postgres:// URL or a SQLite file path).
export type { Change, NewRecord, Store, StoredRecord, StoreReader, StoreTransaction } from './store.js';
export { NestedTransactionError, RecordExistsError, RecordNotFoundError, TransactionClosedError } from './store.js';
export { openStore, storeBackendFor, type StoreBackend } from './open-store.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { PostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
