import type { z } from 'zod';
import type { Article } from '../article.ts';
import type { Tenant } from '../tenant.ts';

/** The article port: global content keyed by article id, visibility carried on each article. */
export interface ArticleStore {
  /** One article, or undefined when absent or unreadable. */
  get(id: string): Promise<Article | undefined>;
  /** Many articles in the order asked, undefined where absent. */
  getMany(ids: string[]): Promise<(Article | undefined)[]>;
  /** Inserts or replaces; resolves once the write is durable. */
  put(article: Article): Promise<void>;
  /** Removes one article; false when there was none. */
  delete(id: string): Promise<boolean>;
  /** Every stored article, in no promised order. */
  all(): AsyncIterable<Article>;
  /** Every article's search stamp (see articleStamp), read without the texts: a cheap list of what changed. */
  stamps(): Promise<ArticleStamps>;
  /**
   * Sets (or, for undefined, drops) stamps that disagree with the articles, e.g. of articles stored before
   * stamps existed, then records `epoch` as the moment the stamps became complete.
   */
  repairStamps(fixes: Map<string, string | undefined>, epoch: string): Promise<void>;
}

/** Stamps of the stored articles; `epoch` is set once they cover every article, and kept from then on. */
export interface ArticleStamps {
  epoch?: string;
  stamps: Map<string, string>;
}

/** A record kept per tenant: a Slack workspace, Discord guild or the console never sees another's. */
export interface TenantStore<T> {
  /** One record of this tenant. */
  get(tenant: Tenant, id: string): Promise<T | undefined>;
  /** Inserts or replaces one record of this tenant; with `ttlMs` it reads as absent once that time has passed. */
  put(tenant: Tenant, id: string, value: T, options?: { ttlMs?: number }): Promise<void>;
  /** Deletes one record of this tenant; false when there was none. */
  delete(tenant: Tenant, id: string): Promise<boolean>;
  /** Every record of this tenant. */
  list(tenant: Tenant): Promise<T[]>;
  /** Every record of every tenant, for the scheduler and the poller. */
  listAll(): AsyncIterable<{ tenant: Tenant; id: string; value: T }>;
  /** Deletes expired records; SQL backends keep them until read otherwise (Redis expires them itself). */
  prune(): Promise<void>;
}

/** Which backend a store runs on, chosen by STORE_URL. */
export type StoreKind = 'sqlite' | 'redis' | 'postgres';

/** All of Policy Wire's persistent state, one namespace per kind of record. */
export interface Stores {
  kind: StoreKind;
  articles: ArticleStore;
  /** A local file where the search index may be saved between runs (beside a SQLite store); else rebuilt. */
  indexSnapshotPath?: string;
  /** A tenant-scoped namespace with its own adapter instance; values are validated on read. */
  tenantStore<S extends z.ZodType>(namespace: StoreNamespace, schema: S): TenantStore<z.infer<S>>;
  /** Closes every connection; safe to call twice. */
  close(): Promise<void>;
}

/** The namespaces the product keeps. */
export type StoreNamespace =
  | 'sources'
  | 'topics'
  | 'subscriptions'
  | 'deliveries'
  | 'installations'
  | 'digests'
  /** Messages a chat adapter posted, so a retried delivery never posts the same message twice. */
  | 'posts';
