import KeyvPostgres from '@keyv/postgres';
import type { KeyvStoreAdapter } from 'keyv';
import pg from 'pg';
import type { Logger } from '../../logger.ts';
import { createPostgresArticleWrites } from './article-writes-postgres.ts';
import { type Backend, type BackendOptions, DEFAULT_CHANGE_LOG_RETENTION } from './backend.ts';
import { createPostgresChangeLog } from './change-log-postgres.ts';
import { createPostgresLedger } from './ledger-postgres.ts';

/** The PostgreSQL backend: one pool of ours serves every namespace and the ledger. */
export async function openPostgresBackend(options: BackendOptions): Promise<Backend> {
  const pool = createPgPool(options.url, options.logger);
  try {
    const ledger = await createPostgresLedger({
      pool,
      prefix: options.prefix,
      ...(options.now ? { now: options.now } : {}),
    });
    const changeLog = await createPostgresChangeLog({
      pool,
      url: options.url,
      prefix: options.prefix,
      retention: options.changeLogRetention ?? DEFAULT_CHANGE_LOG_RETENTION,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    return {
      kind: 'postgres',
      adapter: async (table) => postgresAdapter(pool, table),
      articleWrites: (tables) => createPostgresArticleWrites({ pool, prefix: options.prefix, tables }),
      ledger,
      changeLog,
      ping: () => pool.query('SELECT 1'),
      close: async () => {
        await changeLog.close();
        await ledger.close();
        await pool.end().catch(() => undefined);
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}

/**
 * A pg pool with an 'error' listener. pg emits 'error' on the pool when the server drops an idle
 * connection (restart, failover, idle timeout, pg_terminate_backend); with no listener that is an
 * uncaught exception. The pool replaces the connection on the next query.
 */
function createPgPool(url: string, logger?: Logger): pg.Pool {
  // A bounded wait for a connection instead of the operating system's TCP timeout. A server that is down
  // refuses at once (the user is told within the second); the bound is for one that does not answer, and
  // must leave room for queries queued behind a busy pool (it counts that wait too).
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 5_000 });
  // Message and code only: pg's error carries its client, whose connection parameters hold the password.
  // Each dropped idle connection emits one: at most one line a minute, the outage itself is logged by the
  // store probe.
  let lastWarn = 0;
  pool.on('error', (error) => {
    if (Date.now() - lastWarn < 60_000) return;
    lastWarn = Date.now();
    logger?.warn(
      { err: { message: error.message, code: (error as { code?: string }).code } },
      'store connection lost',
    );
  });
  return pool;
}

/**
 * @keyv/postgres on our pool. Its own pool is a private module global with no error listener, so
 * `connect` (which its constructor calls) is overridden to query ours; the pool is ended by `close`.
 */
function postgresAdapter(pool: pg.Pool, table: string): KeyvStoreAdapter {
  class OnSharedPool extends KeyvPostgres {
    override async connect() {
      return async (sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows;
    }
    override async disconnect() {}
  }
  return new OnSharedPool({ table, iterationLimit: 2000 }) as unknown as KeyvStoreAdapter;
}
