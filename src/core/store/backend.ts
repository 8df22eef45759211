import type { KeyvStoreAdapter } from 'keyv';
import type { ChangeLog } from '../ports/change-log.ts';
import type { DeliveryLedger } from '../ports/delivery-ledger.ts';
import type { StoreKind } from '../ports/stores.ts';
import type { ArticleTables, ArticleWrites } from './article-writes.ts';

/**
 * One backend's connection (a SQLite file, a Redis client or a PostgreSQL pool) and what it serves: a keyv
 * adapter per namespace and the delivery ledger. Errors on idle connections are handled here, once.
 */
export interface Backend {
  kind: StoreKind;
  /** A keyv adapter on the backend's connection for one table (SQL) or key prefix (Redis). */
  adapter(table: string): Promise<KeyvStoreAdapter>;
  ledger: DeliveryLedger;
  /** The article change log on the same connection (a stream, a table, or in memory for SQLite). */
  changeLog: ChangeLog;
  /** One cheap round trip, for the store probe. */
  ping(): Promise<unknown>;
  /** Every search stamp in one query, where the backend can do better than keyv's paged iterator. */
  readStamps?(table: string): Promise<[string, unknown][]>;
  /** Article writes with their change-log entry in one transaction or script; absent: the log is in process. */
  articleWrites?(tables: ArticleTables): ArticleWrites;
  /** Keys of a namespace that start with `prefix`, without listing the rest of the store (Redis's key index). */
  listKeys?(table: string, prefix: string): Promise<string[]>;
  /** A local file the search index may be saved to (beside a SQLite store). */
  indexSnapshotPath?: string;
  /** Closes the one connection; the adapters' own disconnects do nothing. */
  close(): Promise<void>;
}

/** What every backend is opened with. */
export interface BackendOptions {
  url: string;
  prefix: string;
  logger?: import('../../logger.ts').Logger;
  /** The ledger's clock (tests move it). */
  now?: () => number;
  /** Article changes the log keeps (CHANGE_LOG_RETENTION). */
  changeLogRetention?: number;
}

/** Changes kept when CHANGE_LOG_RETENTION is not given. */
export const DEFAULT_CHANGE_LOG_RETENTION = 200_000;
