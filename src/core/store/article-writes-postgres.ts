import type pg from 'pg';
import type { ArticleTables, ArticleWrites } from './article-writes.ts';
import { appendChangeParams, appendChangeSql } from './change-log-postgres.ts';

/**
 * Article writes on PostgreSQL: the stamp, the article and the change-log row in one statement, so one
 * implicit transaction (all or nothing) and one round trip, as the plain append was. The rows are keyv's
 * (`key`, `value`), keyed `<namespace>:<id>` as @keyv/postgres keys them.
 */
export function createPostgresArticleWrites(options: {
  pool: pg.Pool;
  prefix: string;
  tables: ArticleTables;
}): ArticleWrites {
  const { pool, prefix, tables } = options;
  const upsert = (table: string, key: string, value: string) =>
    `INSERT INTO ${table} (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
  const putSql = appendChangeSql(prefix, [
    upsert(tables.stamps, '$5', '$6'),
    upsert(tables.articles, '$7', '$8'),
  ]);
  // The count of deleted article rows comes back beside the position.
  const deleteSql = appendChangeSql(
    prefix,
    [`DELETE FROM ${tables.articles} WHERE key = $5`, `DELETE FROM ${tables.stamps} WHERE key = $6`],
    '(SELECT count(*) FROM w0) AS deleted',
  );
  return {
    async put(id, article, stamp, change) {
      const { rows } = await pool.query<{ seq: string }>(putSql, [
        ...appendChangeParams(prefix, change),
        `article_stamps:${id}`,
        stamp,
        `articles:${id}`,
        article,
      ]);
      return Number(rows[0]?.seq);
    },
    async delete(id) {
      // The count of deleted article rows comes back beside the position.
      const { rows } = await pool.query<{ seq: string; deleted: string }>(
        deleteSql.replace(
          'SELECT seq, pg_notify',
          'SELECT seq, (SELECT count(*) FROM w0) AS deleted, pg_notify',
        ),
        [...appendChangeParams(prefix, { op: 'delete', id }), `articles:${id}`, `article_stamps:${id}`],
      );
      return Number(rows[0]?.deleted ?? 0) > 0;
    },
  };
}
