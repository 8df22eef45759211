import KeyvPostgres from '@keyv/postgres';
import type { KeyvStoreAdapter } from 'keyv';
import pg from 'pg';
import type { Logger } from '../../logger.ts';
import type { Backend, BackendOptions } from './backend.ts';
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
    return {
      kind: 'postgres',
      adapter: async (table) => postgresAdapter(pool, table),
      ledger,
      close: async () => {
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
  const pool = new pg.Pool({ connectionString: url });
  // Message and code only: pg's error carries its client, whose connection parameters hold the password.
  pool.on('error', (error) =>
    logger?.warn(
      { err: { message: error.message, code: (error as { code?: string }).code } },
      'store connection lost',
    ),
  );
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
