// Reads and writes over a pool or one transaction's client: SQL, row mapping and unique-violation handling.
// Writes never let a duplicate abort the surrounding transaction, so fn can catch RecordExistsError and go on
// (as it can on SQLite).
import type pg from 'pg';
import { encodeData, nameKey } from '../record-codec.js';
import type { Change, NewRecord, StoredRecord } from '../store.js';
import { RecordExistsError, RecordNotFoundError } from '../store.js';
import type { Tables } from './tables.js';

export type Queryable = pg.Pool | pg.PoolClient;

interface RecordRow {
  readonly account: string;
  readonly kind: string;
  readonly id: string;
  readonly scope: string;
  readonly name: string;
  readonly data: unknown;
  readonly revision: number;
  readonly created_at: Date;
  readonly updated_at: Date;
}

interface ChangeRow {
  readonly seq: string;
  readonly account: string;
  readonly kind: string;
  readonly id: string;
  readonly op: Change['op'];
}

const columns = 'account, kind, id, scope, name, data, revision, created_at, updated_at';

export class PostgresRecords {
  constructor(
    private readonly db: Queryable,
    private readonly t: Tables,
  ) {}

  async getById(kind: string, id: string): Promise<StoredRecord | undefined> {
    const result = await this.db.query<RecordRow>(`SELECT ${columns} FROM ${this.t.records} WHERE kind = $1 AND id = $2`, [
      kind,
      id,
    ]);
    return result.rows[0] === undefined ? undefined : toRecord(result.rows[0]);
  }

  async getByName(account: string, kind: string, scope: string, name: string): Promise<StoredRecord | undefined> {
    const result = await this.db.query<RecordRow>(
      `SELECT ${columns} FROM ${this.t.records} WHERE account = $1 AND kind = $2 AND scope = $3 AND name_key = $4`,
      [account, kind, scope, nameKey(name)],
    );
    return result.rows[0] === undefined ? undefined : toRecord(result.rows[0]);
  }

  async list(account: string, kind: string, scope?: string): Promise<StoredRecord[]> {
    const result =
      scope === undefined
        ? await this.db.query<RecordRow>(
            `SELECT ${columns} FROM ${this.t.records} WHERE account = $1 AND kind = $2 ORDER BY name_key, id`,
            [account, kind],
          )
        : await this.db.query<RecordRow>(
            `SELECT ${columns} FROM ${this.t.records} WHERE account = $1 AND kind = $2 AND scope = $3 ORDER BY name_key, id`,
            [account, kind, scope],
          );
    return result.rows.map(toRecord);
  }

  async count(account: string, kind: string, scope?: string): Promise<number> {
    const result =
      scope === undefined
        ? await this.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${this.t.records} WHERE account = $1 AND kind = $2`,
            [account, kind],
          )
        : await this.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${this.t.records} WHERE account = $1 AND kind = $2 AND scope = $3`,
            [account, kind, scope],
          );
    return result.rows[0]?.n ?? 0;
  }

  async loadAll(): Promise<StoredRecord[]> {
    const result = await this.db.query<RecordRow>(
      `SELECT ${columns} FROM ${this.t.records} ORDER BY account, kind, scope, name_key, id`,
    );
    return result.rows.map(toRecord);
  }

  async changesSince(after: number, limit: number): Promise<Change[]> {
    const result = await this.db.query<ChangeRow>(
      `SELECT seq, account, kind, id, op FROM ${this.t.changes} WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [after, limit],
    );
    // bigint arrives as a string; seqs stay far below 2^53.
    return result.rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  }

  async latestSeq(): Promise<number> {
    const result = await this.db.query<{ seq: string }>(`SELECT coalesce(max(seq), 0) AS seq FROM ${this.t.changes}`);
    return Number(result.rows[0]?.seq ?? 0);
  }

  /** ON CONFLICT DO NOTHING rather than catching 23505: a raised error would abort the whole transaction. */
  async insert(record: NewRecord, now: Date): Promise<StoredRecord> {
    const result = await this.db.query<RecordRow>(
      `INSERT INTO ${this.t.records} (kind, id, account, scope, name, name_key, data, revision, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)
       ON CONFLICT DO NOTHING
       RETURNING ${columns}`,
      [record.kind, record.id, record.account, record.scope, record.name, nameKey(record.name), encodeData(record.data), now],
    );
    if (result.rows[0] !== undefined) return toRecord(result.rows[0]);
    const what =
      (await this.getById(record.kind, record.id)) === undefined
        ? `the name ${JSON.stringify(record.name)} is taken in account ${record.account}`
        : `the id ${record.id} is taken`;
    throw new RecordExistsError(`cannot insert ${record.kind}: ${what}`);
  }

  /** The name check is part of the UPDATE for the same reason; a racing writer outside the account lock can still hit 23505. */
  async update(kind: string, id: string, changes: { readonly name?: string; readonly data: unknown }, now: Date): Promise<StoredRecord> {
    const name = changes.name ?? null;
    const key = name === null ? null : nameKey(name);
    let result: pg.QueryResult<RecordRow>;
    try {
      // updated_at moves strictly forward even within one millisecond, so "changed since" checks can trust it.
      result = await this.db.query<RecordRow>(
        `UPDATE ${this.t.records} AS r
            SET name = coalesce($3, r.name), name_key = coalesce($4, r.name_key), data = $5,
                revision = r.revision + 1, updated_at = greatest($6, r.updated_at + interval '1 millisecond')
          WHERE r.kind = $1 AND r.id = $2
            AND ($4::text IS NULL OR NOT EXISTS (
                  SELECT 1 FROM ${this.t.records} AS o
                   WHERE o.account = r.account AND o.kind = r.kind AND o.scope = r.scope
                     AND o.name_key = $4 AND o.id <> r.id))
          RETURNING ${columns}`,
        [kind, id, name, key, encodeData(changes.data), now],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw renameError(kind, id, name, error);
      throw error;
    }
    if (result.rows[0] !== undefined) return toRecord(result.rows[0]);
    if ((await this.getById(kind, id)) === undefined) throw new RecordNotFoundError(`${kind} ${id} does not exist`);
    throw renameError(kind, id, name);
  }

  /** The account of the deleted record, or undefined when there was none. */
  async delete(kind: string, id: string): Promise<string | undefined> {
    const result = await this.db.query<{ account: string }>(
      `DELETE FROM ${this.t.records} WHERE kind = $1 AND id = $2 RETURNING account`,
      [kind, id],
    );
    return result.rows[0]?.account;
  }

  /** Appends in the given order, one statement: seqs are drawn row by row in ordinality order. */
  async appendChanges(changes: readonly Omit<Change, 'seq'>[]): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.t.changes} (account, kind, id, op)
       SELECT account, kind, id, op
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS c(account, kind, id, op, n)
        ORDER BY n`,
      [changes.map((c) => c.account), changes.map((c) => c.kind), changes.map((c) => c.id), changes.map((c) => c.op)],
    );
  }

  async wipe(): Promise<void> {
    await this.db.query(`DELETE FROM ${this.t.records}`);
    await this.db.query(`DELETE FROM ${this.t.changes}`);
  }
}

function toRecord(row: RecordRow): StoredRecord {
  return {
    account: row.account,
    kind: row.kind,
    id: row.id,
    scope: row.scope,
    name: row.name,
    data: row.data,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function renameError(kind: string, id: string, name: string | null, cause?: unknown): RecordExistsError {
  return new RecordExistsError(`cannot rename ${kind} ${id}: the name ${JSON.stringify(name)} is taken`, { cause });
}

/** 23505 is unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
