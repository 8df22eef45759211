import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import {
  type ClaimOutcome,
  type DeliveryLedger,
  type LedgerEntry,
  type LedgerState,
  MAX_ATTEMPTS,
  RETENTION_MS,
  safePrefix,
} from './ledger.ts';

interface Row {
  key: string;
  state: LedgerState;
  owner: string;
  attempts: number;
  lease_until: number;
  digest_id: string | null;
  late: number | null;
}

/** The ledger in an SQLite file: each claim is one UPSERT statement, which SQLite runs atomically. */
export async function createSqliteLedger(options: {
  path: string;
  prefix?: string;
  now?: () => number;
}): Promise<DeliveryLedger> {
  const now = options.now ?? Date.now;
  if (options.path !== ':memory:') mkdirSync(dirname(resolve(options.path)), { recursive: true });
  const db = await new Promise<sqlite3.Database>((ok, fail) => {
    const opened = new sqlite3.Database(options.path, (error) => (error ? fail(error) : ok(opened)));
  });
  db.configure('busyTimeout', 15_000);
  // One statement at a time per connection; other connections and processes wait on SQLite's lock.
  db.serialize();
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<number>((ok, fail) => {
      db.run(sql, params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) fail(error);
        else ok(this.changes);
      });
    });
  // `all` steps every statement to completion, so an UPSERT … RETURNING commits before the next one starts;
  // a half-stepped statement would keep its write lock and stall the other connections.
  const get = <T>(sql: string, params: unknown[] = []) =>
    new Promise<T | undefined>((ok, fail) => {
      db.all(sql, params, (error: Error | null, rows: T[]) => (error ? fail(error) : ok(rows[0])));
    });

  const prefix = safePrefix(options.prefix);
  const ledger = `${prefix}_digest_ledger`;
  const ticks = `${prefix}_digest_ticks`;
  // WAL with NORMAL sync: a committed claim survives a killed process, without an fsync per claim.
  await run('PRAGMA journal_mode=WAL');
  await run('PRAGMA synchronous=NORMAL');
  await run(
    `CREATE TABLE IF NOT EXISTS ${ledger} (key TEXT PRIMARY KEY, state TEXT NOT NULL, owner TEXT NOT NULL,
     attempts INTEGER NOT NULL, lease_until INTEGER NOT NULL, digest_id TEXT, late INTEGER, updated_at INTEGER NOT NULL)`,
  );
  await run(`CREATE TABLE IF NOT EXISTS ${ticks} (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)`);
  await run(`DELETE FROM ${ledger} WHERE state <> 'claimed' AND updated_at < ?`, [now() - RETENTION_MS]);

  let tickCalls = 0;
  let closed = false;
  return {
    backend: 'sqlite',
    async claim(key, owner, leaseMs): Promise<ClaimOutcome> {
      const at = now();
      const row = await get<{ attempts: number }>(
        `INSERT INTO ${ledger} (key, state, owner, attempts, lease_until, updated_at)
         VALUES (?, 'claimed', ?, 1, ?, ?)
         ON CONFLICT(key) DO UPDATE SET owner = excluded.owner, attempts = ${ledger}.attempts + 1,
           lease_until = excluded.lease_until, updated_at = excluded.updated_at
         WHERE ${ledger}.state = 'claimed' AND ${ledger}.lease_until <= ? AND ${ledger}.attempts < ?
         RETURNING attempts`,
        [key, owner, at + leaseMs, at, at, MAX_ATTEMPTS],
      );
      if (row) return { status: 'claimed', attempt: row.attempts };
      const current = await get<Row>(`SELECT * FROM ${ledger} WHERE key = ?`, [key]);
      if (!current) return { status: 'held' };
      if (current.state !== 'claimed') return { status: 'done', entry: toEntry(current) };
      if (current.lease_until > at) return { status: 'held' };
      // Expired with no attempts left: exactly one caller turns it into a failure and reports it.
      const changed = await run(
        `UPDATE ${ledger} SET state = 'failed', updated_at = ? WHERE key = ? AND state = 'claimed' AND lease_until <= ?`,
        [at, key, at],
      );
      return changed === 1 ? { status: 'exhausted', attempts: current.attempts } : { status: 'held' };
    },
    async complete(key, owner, completion) {
      const changed = await run(
        `UPDATE ${ledger} SET state = ?, digest_id = ?, late = ?, updated_at = ?
         WHERE key = ? AND owner = ? AND state = 'claimed'`,
        [completion.state, completion.digestId ?? null, completion.late ? 1 : 0, now(), key, owner],
      );
      return changed === 1;
    },
    async get(key) {
      const row = await get<Row>(`SELECT * FROM ${ledger} WHERE key = ?`, [key]);
      return row ? toEntry(row) : undefined;
    },
    coordinator() {
      return {
        async shouldRun(key: string, ttlMs: number) {
          const at = now();
          if (++tickCalls % 500 === 0)
            await run(`DELETE FROM ${ticks} WHERE expires_at < ?`, [at - RETENTION_MS]);
          const changed = await run(
            `INSERT INTO ${ticks} (key, expires_at) VALUES (?, ?) ON CONFLICT(key) DO NOTHING`,
            [key, at + ttlMs],
          );
          return changed === 1;
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((ok) => db.close(() => ok()));
    },
  };
}

function toEntry(row: Row): LedgerEntry {
  return {
    key: row.key,
    state: row.state,
    owner: row.owner,
    attempts: row.attempts,
    ...(row.digest_id ? { digestId: row.digest_id } : {}),
    ...(row.late === null ? {} : { late: row.late === 1 }),
  };
}
