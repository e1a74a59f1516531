// What one durable write costs on this machine's disk, before any server work: an insert committed on its
// own in SQLite with Keycard's settings (WAL with synchronous=FULL, so each commit is flushed to disk).

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Microseconds per committed single-row insert, over `count` commits after a warm-up. */
export const durableCommitMicros = (count = 2000): number => {
  const dir = mkdtempSync(join(tmpdir(), 'keycard-commit-'));
  const db = new Database(join(dir, 'floor.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE records (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO records (id, data) VALUES (?, ?)');
    const data = JSON.stringify({ path: '/', arn: 'arn:aws:iam::123456789012:user/bench', tags: [] });
    const commitOne = (id: string) => {
      db.exec('BEGIN IMMEDIATE');
      insert.run(id, data);
      db.exec('COMMIT');
    };
    for (let i = 0; i < 200; i++) commitOne(`warm-${i}`);
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) commitOne(`row-${i}`);
    return Number(process.hrtime.bigint() - started) / count / 1000;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
