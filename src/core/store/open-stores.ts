import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Keyv from 'keyv';
import { UserError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { articleStamp } from '../article.ts';
import type { ArticleStore } from '../ports/article-store.ts';
import type { ChangeLog } from '../ports/change-log.ts';
import type { StoreHealth } from '../ports/store-health.ts';
import type { StoreKind, Stores } from '../ports/stores.ts';
import type { Backend, BackendOptions } from './backend.ts';
import { createArticleStore, createTenantStore } from './keyv-namespaces.ts';
import { openPostgresBackend } from './postgres-backend.ts';
import { openRedisBackend } from './redis-backend.ts';
import { openSqliteBackend } from './sqlite-backend.ts';
import { createStoreHealth } from './store-health.ts';
import { safePrefix } from './store-prefix.ts';

/** Options for opening the stores; `prefix` keeps test runs apart on a shared Redis or PostgreSQL. */
export interface StoreOptions {
  url: string;
  prefix?: string;
  logger?: Logger;
  /** The delivery ledger's clock; tests move it. */
  now?: () => number;
  /** Where Redis and PostgreSQL instances keep their search-index snapshot (INDEX_SNAPSHOT_DIR); none: rebuilt. */
  snapshotDir?: string;
  /** Article changes the change log keeps (CHANGE_LOG_RETENTION). */
  changeLogRetention?: number;
}

/** Namespaces are plain identifiers, since each becomes a table or key prefix. */
const NAMESPACE = /^[a-z][a-z0-9_]{0,39}$/;

/** Tells the backend from STORE_URL, or throws a UserError saying what is accepted. */
export function storeKindOf(url: string): StoreKind {
  const scheme = /^([a-z]+):\/\//.exec(url)?.[1];
  if (scheme === 'sqlite') return 'sqlite';
  if (scheme === 'redis' || scheme === 'rediss') return 'redis';
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  throw new UserError(
    'invalid_option',
    // Only the scheme is echoed: the rest may hold a password.
    `STORE_URL ${scheme ? `"${scheme}://…"` : 'without a scheme'} is not a store URL Policy Wire understands.`,
    'Use sqlite://./data/policywire.sqlite, redis://127.0.0.1:6379 or postgresql://user@host/db.',
  );
}

const BACKENDS: Record<StoreKind, (options: BackendOptions) => Promise<Backend>> = {
  sqlite: openSqliteBackend,
  redis: openRedisBackend,
  postgres: openPostgresBackend,
};

/** Opens the stores named by the URL (SQLite by default, Redis or PostgreSQL to scale out) on one connection. */
export async function createStores(options: StoreOptions): Promise<Stores> {
  const kind = storeKindOf(options.url);
  const prefix = safePrefix(options.prefix);
  const backend = await BACKENDS[kind]({
    url: options.url,
    prefix,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.changeLogRetention ? { changeLogRetention: options.changeLogRetention } : {}),
  });
  const health = createStoreHealth({
    ping: () => backend.ping(),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const keyvs = createKeyvOpener(backend, kind, prefix, health, options.logger);
  const articles = await openArticles(backend, keyvs, prefix, options.logger);
  const snapshotPath =
    backend.indexSnapshotPath ??
    (options.snapshotDir ? join(options.snapshotDir, snapshotName(kind, options.url, prefix)) : undefined);
  const { keyvFor, pending } = keyvs;

  let closed = false;
  return {
    kind,
    articles,
    ledger: backend.ledger,
    changeLog: backend.changeLog,
    health,
    ...(snapshotPath ? { indexSnapshotPath: snapshotPath } : {}),
    tenantStore: (namespace, schema) => {
      // The feature that owns a namespace names it; a bad name is a programming error, caught at start-up.
      if (!NAMESPACE.test(namespace) || namespace.startsWith('article'))
        throw new Error(
          `store namespace "${namespace}" must be a lower-case identifier not starting "article"`,
        );
      const table = `${prefix}_${namespace}`;
      const listKeys = backend.listKeys
        ? (keyPrefix: string) => keyvFor(namespace).then(() => backend.listKeys!(table, keyPrefix))
        : undefined;
      return createTenantStore(() => keyvFor(namespace), schema, options.logger, listKeys);
    },
    namespaces: () => [...pending.keys()],
    async close() {
      if (closed) return;
      closed = true;
      health.close();
      await Promise.all([...pending.values()].map((p) => p.catch(() => undefined)));
      await Promise.all(keyvs.opened.map((keyv) => keyv.disconnect().catch(() => undefined)));
      await backend.close();
    },
  };
}

/** Opens one Keyv per namespace on the backend's one connection, each at most once, and remembers them. */
function createKeyvOpener(
  backend: Backend,
  kind: StoreKind,
  prefix: string,
  health: StoreHealth,
  logger?: Logger,
) {
  // Every namespace's adapter repeats each connection error of the one client: the probe reports outages,
  // and other errors (which also reach their callers, thrown) are logged at most once a minute.
  let lastStoreError = 0;
  const storeError = (error: unknown, namespace: string) => {
    void health.check().then((reachable) => {
      if (!reachable || Date.now() - lastStoreError < 60_000) return;
      lastStoreError = Date.now();
      logger?.error({ err: error, namespace }, 'store error');
    });
  };
  const opened: Keyv[] = [];
  const open = async (namespace: string): Promise<Keyv> => {
    const table = `${prefix}_${namespace}`;
    const adapter = await backend.adapter(table);
    // Keyv hands its namespace to the adapter: Redis then prefixes keys itself; the SQL adapters get a table each.
    // throwOnErrors: by default keyv turns a failed read into `undefined`, which callers take for "no record"
    // and then overwrite real data; a thrown error reaches the dispatcher, poller or job, which reports it.
    const keyv =
      kind === 'redis'
        ? new Keyv({ store: adapter, namespace: table, useKeyPrefix: false, throwOnErrors: true })
        : new Keyv({ store: adapter, namespace, throwOnErrors: true });
    keyv.on('error', (error: unknown) => storeError(error, namespace));
    opened.push(keyv);
    if (kind !== 'sqlite') await keyv.get('__ping__');
    return keyv;
  };
  const pending = new Map<string, Promise<Keyv>>();
  const keyvFor = (namespace: string): Promise<Keyv> => {
    let promise = pending.get(namespace);
    if (!promise) {
      promise = open(namespace);
      pending.set(namespace, promise);
    }
    return promise;
  };
  return { open, keyvFor, pending, opened };
}

/** The article store, whose every write reaches the change log (in the same step where the backend can). */
async function openArticles(
  backend: Backend,
  keyvs: ReturnType<typeof createKeyvOpener>,
  prefix: string,
  logger?: Logger,
): Promise<ArticleStore> {
  const articleKeyv = await keyvs.open('articles');
  const stampKeyv = await keyvs.open('article_stamps');
  const stampTable = `${prefix}_article_stamps`;
  const writes = backend.articleWrites?.({ articles: `${prefix}_articles`, stamps: stampTable });
  const store = createArticleStore(
    articleKeyv,
    stampKeyv,
    logger,
    backend.readStamps ? () => backend.readStamps!(stampTable) : undefined,
    writes,
  );
  // With `writes` the log entry is part of the write; otherwise (SQLite, one process) it follows it.
  return writes ? store : logged(store, backend.changeLog);
}

/** The article store with every put and delete appended to the change log once it is written. */
function logged(articles: ArticleStore, log: ChangeLog): ArticleStore {
  return {
    ...articles,
    async put(article) {
      await articles.put(article);
      // After the write: an instance woken by the change must find the new text when it reads it.
      await log.append({ op: 'put', id: article.id, stamp: articleStamp(article) });
    },
    async delete(id) {
      const deleted = await articles.delete(id);
      await log.append({ op: 'delete', id });
      return deleted;
    },
  };
}

/** One snapshot file per store and prefix, named by a hash so the URL (and any password) stays out of it. */
function snapshotName(kind: StoreKind, url: string, prefix: string): string {
  const hash = createHash('sha256').update(`${url}\n${prefix}`).digest('hex').slice(0, 16);
  return `${kind}-${prefix}-${hash}.search-index`;
}
