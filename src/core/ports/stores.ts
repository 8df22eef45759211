import type { z } from 'zod';
import type { ArticleStore } from './article-store.ts';
import type { ChangeLog } from './change-log.ts';
import type { DeliveryLedger } from './delivery-ledger.ts';
import type { StoreHealth } from './store-health.ts';
import type { TenantStore } from './tenant-store.ts';

/** Which backend a store runs on, chosen by STORE_URL. */
export type StoreKind = 'sqlite' | 'redis' | 'postgres';

/** All of Policy Wire's persistent state on one backend connection: articles, tenant namespaces, the ledger. */
export interface Stores {
  kind: StoreKind;
  /** Articles; every put and delete also appends to `changeLog`. */
  articles: ArticleStore;
  /** Every article write from every process, in order: what each instance's search index follows. */
  changeLog: ChangeLog;
  /** Whether the store answers right now (a background probe; outages logged throttled). */
  health: StoreHealth;
  /** The delivery ledger on the same connection as the namespaces. */
  ledger: DeliveryLedger;
  /**
   * A local file where the search index may be saved between runs: beside a SQLite store, or for Redis and
   * PostgreSQL in the configured snapshot directory, one file per store URL and prefix.
   */
  indexSnapshotPath?: string;
  /**
   * A tenant-scoped namespace, registered by the feature that owns it (a lower-case identifier such as
   * `subscriptions`); values are validated on read. Opening the same namespace twice shares one adapter.
   */
  tenantStore<S extends z.ZodType>(namespace: string, schema: S): TenantStore<z.infer<S>>;
  /** The namespaces opened so far, for tools that clean a prefix up. */
  namespaces(): string[];
  /** Closes the connection; safe to call twice. */
  close(): Promise<void>;
}
