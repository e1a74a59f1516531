// Synchronous reads and writes over one better-sqlite3 connection: SQL, row mapping and constraint errors.
// Callers decide which connection and which transaction; rows never leave this file as rows.
import type Database from 'better-sqlite3';
import { encodeData, nameKey } from '../record-codec.js';
import type { Change, NewRecord, StoredRecord } from '../store.js';
import { RecordExistsError, RecordNotFoundError } from '../store.js';

interface RecordRow {
  readonly account: string;
  readonly kind: string;
  readonly id: string;
  readonly scope: string;
  readonly name: string;
  readonly data: string;
  readonly revision: number;
  readonly created_at: number;
  readonly updated_at: number;
}

const columns = 'account, kind, id, scope, name, data, revision, created_at, updated_at';

export class SqliteRecords {
  /** Prepared once per connection; the set of SQL texts is fixed, so the cache is bounded. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  getById(kind: string, id: string): StoredRecord | undefined {
    const row = this.statement(`SELECT ${columns} FROM records WHERE kind = ? AND id = ?`).get(kind, id);
    return row === undefined ? undefined : toRecord(row as RecordRow);
  }

  getByName(account: string, kind: string, scope: string, name: string): StoredRecord | undefined {
    const row = this.statement(
      `SELECT ${columns} FROM records WHERE account = ? AND kind = ? AND scope = ? AND name_key = ?`,
    ).get(account, kind, scope, nameKey(name));
    return row === undefined ? undefined : toRecord(row as RecordRow);
  }

  list(account: string, kind: string, scope?: string): StoredRecord[] {
    const rows =
      scope === undefined
        ? this.statement(`SELECT ${columns} FROM records WHERE account = ? AND kind = ? ORDER BY name_key, id`).all(
            account,
            kind,
          )
        : this.statement(
            `SELECT ${columns} FROM records WHERE account = ? AND kind = ? AND scope = ? ORDER BY name_key, id`,
          ).all(account, kind, scope);
    return (rows as RecordRow[]).map(toRecord);
  }

  count(account: string, kind: string, scope?: string): number {
    const row =
      scope === undefined
        ? this.statement('SELECT count(*) AS n FROM records WHERE account = ? AND kind = ?').get(account, kind)
        : this.statement('SELECT count(*) AS n FROM records WHERE account = ? AND kind = ? AND scope = ?').get(
            account,
            kind,
            scope,
          );
    return (row as { n: number }).n;
  }

  loadAll(): StoredRecord[] {
    const rows = this.statement(`SELECT ${columns} FROM records ORDER BY account, kind, scope, name_key, id`).all();
    return (rows as RecordRow[]).map(toRecord);
  }

  insert(record: NewRecord, now: number): StoredRecord {
    const data = encodeData(record.data);
    try {
      this.statement(
        `INSERT INTO records (kind, id, account, scope, name, name_key, data, revision, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      ).run(record.kind, record.id, record.account, record.scope, record.name, nameKey(record.name), data, now, now);
    } catch (error) {
      if (isUniqueViolation(error)) throw this.existsError(record, error);
      throw error;
    }
    this.appendChange(record.account, record.kind, record.id, 'put');
    return this.mustGet(record.kind, record.id);
  }

  update(kind: string, id: string, changes: { readonly name?: string; readonly data: unknown }, now: number): StoredRecord {
    const data = encodeData(changes.data);
    const name = changes.name ?? null;
    let row: { account: string } | undefined;
    try {
      // updated_at moves strictly forward even within one millisecond, so "changed since" checks can trust it.
      row = this.statement(
        `UPDATE records
            SET name = coalesce(?, name), name_key = coalesce(?, name_key), data = ?,
                revision = revision + 1, updated_at = max(?, updated_at + 1)
          WHERE kind = ? AND id = ?
          RETURNING account`,
      ).get(name, name === null ? null : nameKey(name), data, now, kind, id) as { account: string } | undefined;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new RecordExistsError(`cannot rename ${kind} ${id}: the name ${JSON.stringify(name)} is taken`, {
          cause: error,
        });
      }
      throw error;
    }
    if (row === undefined) throw new RecordNotFoundError(`${kind} ${id} does not exist`);
    this.appendChange(row.account, kind, id, 'update');
    return this.mustGet(kind, id);
  }

  delete(kind: string, id: string): boolean {
    const row = this.statement('DELETE FROM records WHERE kind = ? AND id = ? RETURNING account').get(kind, id) as
      | { account: string }
      | undefined;
    if (row === undefined) return false;
    this.appendChange(row.account, kind, id, 'delete');
    return true;
  }

  changesSince(after: number, limit: number): Change[] {
    return this.statement('SELECT seq, account, kind, id, op FROM changes WHERE seq > ? ORDER BY seq LIMIT ?').all(
      after,
      limit,
    ) as Change[];
  }

  latestSeq(): number {
    return (this.statement('SELECT coalesce(max(seq), 0) AS seq FROM changes').get() as { seq: number }).seq;
  }

  wipe(): void {
    this.db.exec('DELETE FROM records; DELETE FROM changes;');
  }

  private appendChange(account: string, kind: string, id: string, op: Change['op']): void {
    this.statement('INSERT INTO changes (account, kind, id, op) VALUES (?, ?, ?, ?)').run(account, kind, id, op);
  }

  private mustGet(kind: string, id: string): StoredRecord {
    const record = this.getById(kind, id);
    if (record === undefined) throw new Error(`${kind} ${id} vanished inside its own write transaction`);
    return record;
  }

  private existsError(record: NewRecord, cause: unknown): RecordExistsError {
    const what =
      this.getById(record.kind, record.id) === undefined
        ? `the name ${JSON.stringify(record.name)} is taken in account ${record.account}`
        : `the id ${record.id} is taken`;
    return new RecordExistsError(`cannot insert ${record.kind}: ${what}`, { cause });
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function toRecord(row: RecordRow): StoredRecord {
  return {
    account: row.account,
    kind: row.kind,
    id: row.id,
    scope: row.scope,
    name: row.name,
    data: JSON.parse(row.data) as unknown,
    revision: row.revision,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
