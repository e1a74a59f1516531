// Starts a write transaction without blocking the event loop. SQLite's own busy handler sleeps synchronously,
// which would freeze this process while another connection in it (e.g. a second store on the same file) holds
// the lock across an await; so the wait happens here, as timers, with the connection's busy timeout off.
import type Database from 'better-sqlite3';

const firstDelayMs = 1;
const maxDelayMs = 50;

export async function beginImmediate(db: Database.Database, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delayMs = firstDelayMs;
  db.pragma('busy_timeout = 0');
  try {
    for (;;) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline) {
          throw new Error(`the SQLite database stayed locked by another connection for ${timeoutMs} ms`, { cause: error });
        }
      }
      // Jitter keeps two waiting stores from retrying in lock step.
      await new Promise((resolve) => setTimeout(resolve, delayMs * (1 + Math.random())));
      delayMs = Math.min(delayMs * 2, maxDelayMs);
    }
  } finally {
    db.pragma(`busy_timeout = ${timeoutMs}`);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
