import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import sqlite3 from 'sqlite3';

/** The one SQLite connection of a store: every keyv namespace and the delivery ledger share it. */
export interface SqliteConnection {
  /** Every row of a statement, stepped to completion (so an UPSERT … RETURNING commits before the next one). */
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The first row of a statement, likewise stepped to completion. */
  get<T>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Runs a statement and resolves with the number of rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** Opens the SQLite file (creating its folder) in WAL mode with NORMAL sync. */
export async function openSqliteConnection(path: string): Promise<SqliteConnection> {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = await new Promise<sqlite3.Database>((ok, fail) => {
    const opened = new sqlite3.Database(path, (error) => (error ? fail(error) : ok(opened)));
  });
  // Other processes (a CLI ingest, a restarted bot) wait on SQLite's file lock rather than fail.
  db.configure('busyTimeout', 15_000);
  const all = <T>(sql: string, params: unknown[] = []) =>
    new Promise<T[]>((ok, fail) => {
      db.all(sql, params, (error: Error | null, rows: T[]) => (error ? fail(error) : ok(rows)));
    });
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<number>((ok, fail) => {
      db.run(sql, params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) fail(error);
        else ok(this.changes);
      });
    });
  // WAL with NORMAL sync survives a killed process and makes writes ~15x faster than the default.
  await run('PRAGMA journal_mode=WAL');
  await run('PRAGMA synchronous=NORMAL');
  let closed = false;
  return {
    all,
    get: async <T>(sql: string, params: unknown[] = []) => (await all<T>(sql, params))[0],
    run,
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((ok) => db.close(() => ok()));
    },
  };
}
