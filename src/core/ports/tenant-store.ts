import type { Tenant } from '../tenant.ts';

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
