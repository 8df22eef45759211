import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Stores } from '../src/core/ports/stores.ts';
import type { TenantStore } from '../src/core/ports/tenant-store.ts';
import { type Tenant, tenantKey, tenantSchema } from '../src/core/tenant.ts';
import { canonicalTimeZone } from './zoned-time.ts';

/** Most topics one channel's digest may carry. */
export const MAX_TOPICS = 20;

/** A channel's digest subscription: which topics, when, in which time zone, on which days. */
export const subscriptionSchema = z.object({
  tenant: tenantSchema,
  /** The channel on the tenant's platform (Slack channel, Discord channel, `console`). */
  channelId: z.string().min(1).max(100),
  /** Topic names or free queries, as resolved by the TopicService at composition time. */
  topics: z.array(z.string().min(1).max(200)).min(1).max(MAX_TOPICS),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  timeZone: z.string().refine((zone) => canonicalTimeZone(zone) === zone, 'an IANA time zone'),
  weekdays: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  createdBy: z.string().optional(),
});

/** A channel's digest subscription. */
export type Subscription = z.infer<typeof subscriptionSchema>;

/** What the delivery job knows about a channel: written only by whoever holds that day's ledger claim. */
export const deliveryStateSchema = z.object({
  /** When the last digest was delivered; the next digest's window starts here. */
  lastDeliveredAt: z.iso.datetime({ offset: true }).optional(),
  /** Local date of the last delivery attempt that reached an end (delivered, skipped or failed). */
  lastLocalDate: z.string().optional(),
  lastDigestId: z.string().optional(),
  /** Articles of recent digests, so a story that gains a new outlet is not sent again the next day. */
  recentArticleIds: z.array(z.string()).default([]),
  status: z.enum(['ok', 'failing']).default('ok'),
  lastError: z.string().optional(),
  failingSince: z.string().optional(),
});

/** A channel's delivery state. */
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

/** A delivered digest as archived: enough to list it, show it and know what it contained. */
export const digestRecordSchema = z.object({
  id: z.string().regex(/^[a-f0-9]{12}$/),
  tenant: tenantSchema,
  channelId: z.string(),
  localDate: z.string(),
  timeZone: z.string(),
  scheduledFor: z.string(),
  deliveredAt: z.string().optional(),
  status: z.enum(['delivering', 'delivered', 'failed']),
  late: z.boolean().default(false),
  empty: z.boolean().default(false),
  window: z.object({ since: z.string(), until: z.string() }),
  topics: z.array(z.string()),
  sections: z.array(
    z.object({
      topic: z.string(),
      stories: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          url: z.string(),
          summary: z.string(),
          sources: z.array(z.string()),
          articles: z.array(z.string()),
        }),
      ),
    }),
  ),
  /** The reply as posted, so `digests show` prints exactly what the channel saw. */
  reply: z.record(z.string(), z.unknown()),
  messageIds: z.array(z.string()).default([]),
});

/** An archived digest. */
export type DigestRecord = z.infer<typeof digestRecordSchema>;

/** The three tenant-scoped namespaces digests keep. */
export interface DigestStores {
  subscriptions: TenantStore<Subscription>;
  deliveries: TenantStore<DeliveryState>;
  archive: TenantStore<DigestRecord>;
}

/** Opens the digest namespaces on the shared stores. */
export function digestStores(stores: Stores): DigestStores {
  return {
    subscriptions: stores.tenantStore('subscriptions', subscriptionSchema),
    deliveries: stores.tenantStore('deliveries', deliveryStateSchema),
    archive: stores.tenantStore('digests', digestRecordSchema),
  };
}

/** A subscription's identity across the system: tenant and channel. */
export function subscriptionKey(tenant: Tenant, channelId: string): string {
  return `${tenantKey(tenant)}/${channelId}`;
}

/** The ledger key of one delivery: the subscription and the local date it belongs to. */
export function deliveryKey(tenant: Tenant, channelId: string, localDate: string): string {
  return `${subscriptionKey(tenant, channelId)}@${localDate}`;
}

/** The archive id of a delivery: deterministic, so a retried delivery overwrites rather than duplicates. */
export function digestIdFor(tenant: Tenant, channelId: string, localDate: string): string {
  return createHash('sha256')
    .update(deliveryKey(tenant, channelId, localDate))
    .digest('hex')
    .slice(0, 12);
}
