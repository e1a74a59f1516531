// The SQLite schema as numbered migrations. Each runs once, in order, inside the caller's write transaction,
// and records its number in schema_version; a new version appends an entry and never edits an old one.
import type Database from 'better-sqlite3';

const migrations: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE records (
        kind       TEXT    NOT NULL,
        id         TEXT    NOT NULL,
        account    TEXT    NOT NULL,
        scope      TEXT    NOT NULL,
        name       TEXT    NOT NULL,
        name_key   TEXT    NOT NULL,
        data       TEXT    NOT NULL,
        revision   INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT;
      CREATE UNIQUE INDEX records_by_name ON records (account, kind, scope, name_key);

      -- AUTOINCREMENT so a seq is never reused, even after wipe(): a follower's cursor stays meaningful.
      CREATE TABLE changes (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        account TEXT NOT NULL,
        kind    TEXT NOT NULL,
        id      TEXT NOT NULL,
        op      TEXT NOT NULL CHECK (op IN ('put', 'update', 'delete'))
      ) STRICT;
    `,
  },
];

/** Brings the schema up to date; the caller holds a write transaction, so concurrent openers take turns. */
export function applyMigrations(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT');
  const row = db.prepare('SELECT coalesce(max(version), 0) AS version FROM schema_version').get() as { version: number };
  for (const migration of migrations) {
    if (migration.version <= row.version) continue;
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(migration.version, Date.now());
  }
}
