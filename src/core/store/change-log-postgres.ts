import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../../logger.ts';
import type { ArticleChange, ChangeBatch, ChangeLog } from '../ports/change-log.ts';

/** Options of the PostgreSQL change log. */
export interface PostgresChangeLogOptions {
  /** The backend's one pool: appends, reads and trims go through it. */
  pool: pg.Pool;
  /** For the LISTEN connection, which must be a client of its own (a pooled one goes back to the pool). */
  url: string;
  prefix: string;
  /** Changes kept; an instance further behind rebuilds. */
  retention: number;
  logger?: Logger;
}

// A fixed advisory lock key: appends take it for their one-statement transaction, so positions commit
// in order. Without it a bigserial taken by a slower transaction can commit after a larger one, and a
// reader that already moved past the larger one would never see it.
const APPEND_LOCK = 0x70770001;

/**
 * One statement that appends a change after `writes` (data-modifying CTEs named w0, w1…, whose parameters
 * start at $5): a single statement is a transaction of its own, so the writes and the change commit
 * together or not at all, in one round trip. The lock is taken after the writes and held to the commit, so
 * positions still commit in order; NOTIFY is delivered on commit, so no listener wakes before it is visible.
 * `returning` adds columns to the one row it answers.
 */
export function appendChangeSql(prefix: string, writes: string[] = [], returning = ''): string {
  const table = `${prefix.toLowerCase()}_article_changes`;
  const after =
    writes.length > 0 ? ` FROM ${writes.map((_, i) => `(SELECT count(*) FROM w${i}) c${i}`).join(', ')}` : '';
  const ctes = writes.map((sql, i) => `w${i} AS (${sql} RETURNING 1)`);
  return `WITH ${[...ctes, `lock AS (SELECT pg_advisory_xact_lock(${APPEND_LOCK}, hashtext($4))${after})`].join(',\n')},
          row AS (INSERT INTO ${table} (op, id, stamp) SELECT $1, $2, $3 FROM lock RETURNING seq)
     SELECT seq, ${returning ? `${returning}, ` : ''}pg_notify($4, seq::text) FROM row`;
}

/** The first parameters of `appendChangeSql`: the change, then the channel (the log's table name). */
export function appendChangeParams(prefix: string, change: Omit<ArticleChange, 'seq'>): unknown[] {
  return [change.op, change.id, change.stamp ?? null, `${prefix.toLowerCase()}_article_changes`];
}

/** Appends one change on its own; resolves with its position. */
async function appendChange(
  db: Pick<pg.Pool, 'query'>,
  prefix: string,
  change: Omit<ArticleChange, 'seq'>,
): Promise<number> {
  const { rows } = await db.query<{ seq: string }>(
    appendChangeSql(prefix),
    appendChangeParams(prefix, change),
  );
  return Number(rows[0]?.seq);
}

/**
 * The change log as a PostgreSQL table (bigserial positions) with NOTIFY on every append; listeners wake on
 * a dedicated LISTEN connection and read the rows through the pool.
 */
export async function createPostgresChangeLog(options: PostgresChangeLogOptions): Promise<ChangeLog> {
  const { pool } = options;
  const table = `${options.prefix.toLowerCase()}_article_changes`;
  const meta = `${table}_meta`;
  const channel = table;
  const ddl = [
    `CREATE TABLE IF NOT EXISTS ${table} (seq BIGSERIAL PRIMARY KEY, op TEXT NOT NULL, id TEXT NOT NULL,
     stamp TEXT, at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    `CREATE TABLE IF NOT EXISTS ${meta} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  ];
  // Two instances creating the same table at once can collide on the catalog; the second try sees it.
  for (const sql of ddl) await pool.query(sql).catch(() => pool.query(sql));
  const stops: (() => Promise<void>)[] = [];
  const trimmedThrough = async () => {
    const { rows } = await pool.query<{ value: string }>(`SELECT value FROM ${meta} WHERE key = 'trimmed'`);
    return Number(rows[0]?.value ?? 0);
  };

  return {
    kind: 'postgres',
    durable: true,
    async id() {
      await pool.query(`INSERT INTO ${meta} (key, value) VALUES ('id', $1) ON CONFLICT DO NOTHING`, [
        randomUUID(),
      ]);
      const { rows } = await pool.query<{ value: string }>(`SELECT value FROM ${meta} WHERE key = 'id'`);
      return String(rows[0]?.value);
    },
    async append(change) {
      return appendChange(pool, options.prefix, change);
    },
    async head() {
      const { rows } = await pool.query<{ seq: string | null }>(`SELECT max(seq) AS seq FROM ${table}`);
      return Math.max(Number(rows[0]?.seq ?? 0), await trimmedThrough());
    },
    async readAfter(seq, limit): Promise<ChangeBatch> {
      if (seq < (await trimmedThrough())) return { trimmed: true };
      const { rows } = await pool.query<{ seq: string; op: string; id: string; stamp: string | null }>(
        `SELECT seq, op, id, stamp FROM ${table} WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [seq, limit],
      );
      const changes = rows.map(
        (row): ArticleChange => ({
          seq: Number(row.seq),
          op: row.op === 'delete' ? 'delete' : 'put',
          id: row.id,
          ...(row.stamp ? { stamp: row.stamp } : {}),
        }),
      );
      return { trimmed: false, changes };
    },
    subscribe(onChange) {
      const stop = startListening(options.url, channel, onChange, options.logger);
      stops.push(stop);
      return () => void stop();
    },
    async trim() {
      const { rows } = await pool.query<{ seq: string | null }>(`SELECT max(seq) AS seq FROM ${table}`);
      const horizon = Number(rows[0]?.seq ?? 0) - options.retention;
      if (horizon <= 0) return 0;
      // The horizon is recorded first: a reader at or past it never misses rows, one before it rebuilds.
      await pool.query(
        `INSERT INTO ${meta} (key, value) VALUES ('trimmed', $1)
         ON CONFLICT (key) DO UPDATE SET value = GREATEST(${meta}.value::bigint, $1::bigint)::text`,
        [String(horizon)],
      );
      const deleted = await pool.query(`DELETE FROM ${table} WHERE seq <= $1`, [horizon]);
      return deleted.rowCount ?? 0;
    },
    async close() {
      await Promise.all(stops.splice(0).map((stop) => stop()));
    },
  };
}

/**
 * LISTENs on a dedicated client and reconnects after a loss. Each (re)connect also wakes the follower,
 * since notifications sent while it was away are gone and it must read from its own position.
 */
function startListening(url: string, channel: string, onChange: () => void, logger?: Logger) {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client = next;
    // Message only: the error carries the client, whose parameters hold the password.
    next.on('error', (error) => {
      logger?.debug({ err: { message: error.message } }, 'change-log listener lost');
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    next.on('notification', () => onChange());
    try {
      await next.connect();
      await next.query(`LISTEN "${channel}"`);
      onChange();
    } catch {
      reconnect(next);
    }
  };
  const reconnect = (lost: pg.Client) => {
    if (stopped || client !== lost || retry) return;
    client = undefined;
    lost.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1_000);
    retry.unref();
  };
  void connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
