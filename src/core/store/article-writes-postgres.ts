import type pg from 'pg';
import type { ArticleTables, ArticleWrites } from './article-writes.ts';
import { appendChange } from './change-log-postgres.ts';

/**
 * Article writes on PostgreSQL: the stamp, the article and the change-log row in one transaction. The rows
 * are keyv's (`key`, `value`), keyed `<namespace>:<id>` as @keyv/postgres keys them.
 */
export function createPostgresArticleWrites(options: {
  pool: pg.Pool;
  prefix: string;
  tables: ArticleTables;
}): ArticleWrites {
  const { pool, tables } = options;
  const upsert = (table: string) =>
    `INSERT INTO ${table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
  const inTransaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const out = await work(client);
      await client.query('COMMIT');
      return out;
    } catch (error) {
      // A lost connection cannot roll back; the server aborts the transaction when the client goes.
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    put(id, article, stamp, change) {
      return inTransaction(async (client) => {
        await client.query(upsert(tables.stamps), [`article_stamps:${id}`, stamp]);
        await client.query(upsert(tables.articles), [`articles:${id}`, article]);
        // Last: the append takes the log's lock, held only from here to the commit.
        return appendChange(client, options.prefix, change);
      });
    },
    delete(id) {
      return inTransaction(async (client) => {
        const gone = await client.query(`DELETE FROM ${tables.articles} WHERE key = $1`, [`articles:${id}`]);
        await client.query(`DELETE FROM ${tables.stamps} WHERE key = $1`, [`article_stamps:${id}`]);
        await appendChange(client, options.prefix, { op: 'delete', id });
        return (gone.rowCount ?? 0) > 0;
      });
    },
  };
}
