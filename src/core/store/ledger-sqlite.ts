import {
  type ClaimOutcome,
  type DeliveryLedger,
  MAX_ATTEMPTS,
  RETENTION_MS,
} from '../ports/delivery-ledger.ts';
import { type LedgerRow, ledgerEntryOf } from './ledger-row.ts';
import type { SqliteConnection } from './sqlite-connection.ts';
import { safePrefix } from './store-prefix.ts';

/** The ledger in an SQLite file: each claim is one UPSERT statement, which SQLite runs atomically. */
export async function createSqliteLedger(options: {
  /** The backend's one connection, shared with the keyv namespaces; its owner closes it. */
  sql: SqliteConnection;
  prefix?: string;
  now?: () => number;
}): Promise<DeliveryLedger> {
  const now = options.now ?? Date.now;
  const { run, get } = options.sql;

  const prefix = safePrefix(options.prefix);
  const ledger = `${prefix}_digest_ledger`;
  const ticks = `${prefix}_digest_ticks`;
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
      const current = await get<LedgerRow>(`SELECT * FROM ${ledger} WHERE key = ?`, [key]);
      if (!current) return { status: 'held' };
      if (current.state !== 'claimed') return { status: 'done', entry: ledgerEntryOf(current) };
      if (Number(current.lease_until) > at) return { status: 'held' };
      // Expired with no attempts left: exactly one caller turns it into a failure and reports it.
      const changed = await run(
        `UPDATE ${ledger} SET state = 'failed', updated_at = ? WHERE key = ? AND state = 'claimed' AND lease_until <= ?`,
        [at, key, at],
      );
      return changed === 1 ? { status: 'exhausted', attempts: Number(current.attempts) } : { status: 'held' };
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
      const row = await get<LedgerRow>(`SELECT * FROM ${ledger} WHERE key = ?`, [key]);
      return row ? ledgerEntryOf(row) : undefined;
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
      // The connection belongs to the backend, which closes it once every user is done.
      if (closed) return;
      closed = true;
    },
  };
}
