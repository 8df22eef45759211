import type pg from 'pg';
import {
  type ClaimOutcome,
  type DeliveryLedger,
  MAX_ATTEMPTS,
  RETENTION_MS,
} from '../ports/delivery-ledger.ts';
import { type LedgerRow, ledgerEntryOf } from './ledger-row.ts';
import { safePrefix } from './store-prefix.ts';

/** The ledger in PostgreSQL: claims are INSERT … ON CONFLICT … WHERE, tick claims INSERT … ON CONFLICT DO NOTHING. */
export async function createPostgresLedger(options: {
  /** The backend's one pool, shared with the keyv namespaces; its owner ends it. */
  pool: pg.Pool;
  prefix?: string;
  now?: () => number;
}): Promise<DeliveryLedger> {
  const now = options.now ?? Date.now;
  const pool = options.pool;
  const prefix = safePrefix(options.prefix).toLowerCase();
  const ledger = `${prefix}_digest_ledger`;
  const ticks = `${prefix}_digest_ticks`;
  const ddl = [
    `CREATE TABLE IF NOT EXISTS ${ledger} (key TEXT PRIMARY KEY, state TEXT NOT NULL, owner TEXT NOT NULL,
     attempts INTEGER NOT NULL, lease_until BIGINT NOT NULL, digest_id TEXT, late BOOLEAN, updated_at BIGINT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${ticks} (key TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)`,
  ];
  for (const sql of ddl) {
    // Two instances creating the same table at once can collide on the catalog; the second try sees it.
    await pool.query(sql).catch(() => pool.query(sql));
  }
  await pool.query(`DELETE FROM ${ledger} WHERE state <> 'claimed' AND updated_at < $1`, [
    now() - RETENTION_MS,
  ]);

  const tables: PostgresLedgerTables = { pool, ledger, now };
  let tickCalls = 0;
  let closed = false;
  return {
    backend: 'postgres',
    claim: (key, owner, leaseMs) => claimOnPostgres(tables, key, owner, leaseMs),
    async complete(key, owner, completion) {
      const result = await pool.query(
        `UPDATE ${ledger} SET state = $1, digest_id = $2, late = $3, updated_at = $4
         WHERE key = $5 AND owner = $6 AND state = 'claimed'`,
        [completion.state, completion.digestId ?? null, completion.late ?? false, now(), key, owner],
      );
      return result.rowCount === 1;
    },
    async get(key) {
      const row = (await pool.query<LedgerRow>(`SELECT * FROM ${ledger} WHERE key = $1`, [key])).rows[0];
      return row ? ledgerEntryOf(row) : undefined;
    },
    coordinator() {
      return {
        async shouldRun(key: string, ttlMs: number) {
          const at = now();
          if (++tickCalls % 500 === 0)
            await pool.query(`DELETE FROM ${ticks} WHERE expires_at < $1`, [at - RETENTION_MS]);
          const result = await pool.query(
            `INSERT INTO ${ticks} (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
            [key, at + ttlMs],
          );
          return result.rowCount === 1;
        },
      };
    },
    async close() {
      // The pool belongs to the backend, which ends it once every user is done.
      if (closed) return;
      closed = true;
    },
  };
}

/** What a claim needs: the pool, the ledger table's name and the clock. */
interface PostgresLedgerTables {
  pool: pg.Pool;
  ledger: string;
  now: () => number;
}

/** Claims `key` for `owner` in one upsert; an expired lease on the last allowed attempt ends as failed. */
async function claimOnPostgres(
  tables: PostgresLedgerTables,
  key: string,
  owner: string,
  leaseMs: number,
): Promise<ClaimOutcome> {
  const { pool, ledger, now } = tables;
  const at = now();
  const claimed = await pool.query<{ attempts: number }>(
    `INSERT INTO ${ledger} AS l (key, state, owner, attempts, lease_until, updated_at)
     VALUES ($1, 'claimed', $2, 1, $3, $4)
     ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, attempts = l.attempts + 1,
       lease_until = EXCLUDED.lease_until, updated_at = EXCLUDED.updated_at
     WHERE l.state = 'claimed' AND l.lease_until <= $4 AND l.attempts < $5
     RETURNING attempts`,
    [key, owner, at + leaseMs, at, MAX_ATTEMPTS],
  );
  const row = claimed.rows[0];
  if (row) return { status: 'claimed', attempt: Number(row.attempts) };
  const current = (await pool.query<LedgerRow>(`SELECT * FROM ${ledger} WHERE key = $1`, [key])).rows[0];
  if (!current) return { status: 'held' };
  if (current.state !== 'claimed') return { status: 'done', entry: ledgerEntryOf(current) };
  if (Number(current.lease_until) > at) return { status: 'held' };
  const failed = await pool.query(
    `UPDATE ${ledger} SET state = 'failed', updated_at = $1 WHERE key = $2 AND state = 'claimed' AND lease_until <= $1`,
    [at, key],
  );
  return failed.rowCount === 1
    ? { status: 'exhausted', attempts: Number(current.attempts) }
    : { status: 'held' };
}
