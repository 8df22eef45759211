import pMap from 'p-map';
import type { Core } from '../src/core/core.ts';
import type { DeliveryLedger } from '../src/core/ports/delivery-ledger.ts';
import type { Source } from '../src/core/sources.ts';
import { type Tenant, tenantKey } from '../src/core/tenant.ts';
import { countOf } from '../src/core/text/plural.ts';
import type { Logger } from '../src/logger.ts';
import type { ChannelDelivery, DigestRunReport, DueItem } from './channel-delivery.ts';
import type { ArticlePool, DigestRequest } from './compose.ts';
import { summarizeSourceHealth } from './digest-reply.ts';
import { firstDigest } from './first-digest.ts';
import { latestOccurrence, type Occurrence } from './schedule.ts';
import type { DigestServices } from './services.ts';
import {
  type DeliveryState,
  deliveryKey,
  digestIdFor,
  type Subscription,
  subscriptionKey,
} from './subscription.ts';

const DAY = 24 * 60 * 60_000;

/** What one evaluation of due subscriptions needs. */
export interface DeliveryRunDeps {
  core: Core;
  services: DigestServices;
  ledger: DeliveryLedger;
  channel: ChannelDelivery;
  log: Logger;
  owner: string;
  /** Subscriptions on these platforms are delivered; others are left alone. */
  delivers: (subscription: Subscription) => boolean;
  settled: Map<string, string>;
  leaseMs: number;
  settleMs: number;
  chunkSize: number;
  concurrency: number;
}

type Candidate = { subscription: Subscription; occurrence: Occurrence };

/** The steps of delivering due digests, for one run over every subscription or for one job's item. */
export interface DeliveryRun {
  /** Every subscription's digest due now that is not settled yet. */
  findDue(now: Date): Promise<DueItem[]>;
  /** One subscription's digest for one local date, if it is still due. */
  findOne(tenant: Tenant, channelId: string, localDate: string, now: Date): Promise<DueItem | undefined>;
  /** Claims the items in chunks, composes and delivers what this instance claimed; counts in `report`. */
  deliverItems(due: DueItem[], now: Date, report: DigestRunReport): Promise<void>;
  /** findDue, then deliverItems. */
  runDue(now: Date): Promise<DigestRunReport>;
}

/** The subscriptions on this instance's platforms with an occurrence not known to be settled. */
async function listCandidates(deps: DeliveryRunDeps, now: Date): Promise<Candidate[]> {
  const { settled } = deps;
  const { subscriptions } = deps.services.stores;
  const candidates: Candidate[] = [];
  for await (const { value: subscription } of subscriptions.listAll()) {
    if (!deps.delivers(subscription)) continue;
    const occurrence = latestOccurrence(subscription, now, new Date(subscription.createdAt));
    if (!occurrence) continue;
    const known = settled.get(subscriptionKey(subscription.tenant, subscription.channelId));
    if (known && known >= occurrence.localDate) continue;
    candidates.push({ subscription, occurrence });
  }
  return candidates;
}

/**
 * The delivery states of the candidates, one read each or one listing when there are many. They are read
 * only for subscriptions this instance has not seen settled for the day.
 */
async function readStates(deps: DeliveryRunDeps, candidates: Candidate[]) {
  const { deliveries } = deps.services.stores;
  const states = new Map<string, DeliveryState>();
  if (candidates.length > 50) {
    for await (const entry of deliveries.listAll())
      states.set(subscriptionKey(entry.tenant, entry.id), entry.value);
  } else {
    for (const { subscription: sub } of candidates) {
      const state = await deliveries.get(sub.tenant, sub.channelId);
      if (state) states.set(subscriptionKey(sub.tenant, sub.channelId), state);
    }
  }
  return states;
}

/** Every subscription's digest due now that is not settled yet. */
async function findDue(deps: DeliveryRunDeps, now: Date): Promise<DueItem[]> {
  const { settled } = deps;
  const candidates = await listCandidates(deps, now);
  if (candidates.length === 0) return [];
  const states = await readStates(deps, candidates);
  const due: DueItem[] = [];
  for (const { subscription, occurrence } of candidates) {
    const { tenant, channelId } = subscription;
    const subKey = subscriptionKey(tenant, channelId);
    const state = states.get(subKey) ?? { recentArticleIds: [], status: 'ok' as const };
    if (state.lastLocalDate && state.lastLocalDate >= occurrence.localDate) {
      settled.set(subKey, state.lastLocalDate);
      continue;
    }
    due.push({
      subscription,
      occurrence,
      state,
      key: deliveryKey(tenant, channelId, occurrence.localDate),
      digestId: digestIdFor(tenant, channelId, occurrence.localDate),
    });
  }
  return due;
}

/** Claims each item in the ledger; repairs, counts or marks failing what this instance did not get. */
async function claimChunk(
  deps: DeliveryRunDeps,
  items: DueItem[],
  report: DigestRunReport,
): Promise<DueItem[]> {
  const { ledger, channel, log, owner } = deps;
  const claimed: DueItem[] = [];
  for (const item of items) {
    try {
      const outcome = await ledger.claim(item.key, owner, deps.leaseMs);
      if (outcome.status === 'claimed') claimed.push(item);
      else if (outcome.status === 'held') report.held++;
      else if (outcome.status === 'done') await channel.repair(item, outcome.entry);
      else {
        report.failed++;
        await channel.markFailing(item, `delivery was interrupted ${countOf(outcome.attempts, 'time')}`);
      }
    } catch (error) {
      log.error({ err: error, key: item.key }, 'could not claim a digest; will try again next minute');
    }
  }
  return claimed;
}

/** Claims the items in chunks, composes and delivers what this instance claimed; counts in `report`. */
async function deliverItems(
  deps: DeliveryRunDeps,
  due: DueItem[],
  now: Date,
  report: DigestRunReport,
): Promise<void> {
  const { services, channel, log } = deps;
  const until = new Date(now.getTime() - deps.settleMs);
  const sinceOf = (item: DueItem) =>
    item.state.lastDeliveredAt ? new Date(item.state.lastDeliveredAt) : new Date(until.getTime() - DAY);
  let pool: ArticlePool | undefined;
  const healthByTenant = new Map<string, Promise<Source[]>>();
  const healthOf = async (item: DueItem) => {
    const tenant = item.subscription.tenant;
    let sources = healthByTenant.get(tenantKey(tenant));
    if (!sources) {
      sources = deps.core.sources.list(tenant);
      healthByTenant.set(tenantKey(tenant), sources);
    }
    return summarizeSourceHealth(await sources, sinceOf(item));
  };
  for (let start = 0; start < due.length; start += deps.chunkSize) {
    const claimed = await claimChunk(deps, due.slice(start, start + deps.chunkSize), report);
    if (claimed.length === 0) continue;
    pool ??= await services.composer.loadPool(
      new Date(Math.min(...due.map((item) => sinceOf(item).getTime()))),
      until,
      due.flatMap((item) => item.state.recentArticleIds),
    );
    const requests: DigestRequest[] = await Promise.all(
      claimed.map(async (item) => ({
        key: item.key,
        tenant: item.subscription.tenant,
        topics: item.subscription.topics,
        since: sinceOf(item),
        until,
        exclude: new Set(item.state.recentArticleIds),
        // The channel's 👍/👎 lean its ranking; a store hiccup here costs the leaning, not the digest.
        preferences: await services.preferences
          .of(item.subscription.tenant, item.subscription.channelId, now)
          .catch(() => undefined),
      })),
    );
    const digests = await services.composer.compose(pool, requests);
    await pMap(
      claimed,
      async (item, index) => {
        try {
          // A subscription that never received a digest gets the few best stories, not the whole day.
          const digest = item.state.lastDeliveredAt ? digests[index]! : firstDigest(digests[index]!);
          await channel.deliver(item, digest, await healthOf(item), now, report);
        } catch (error) {
          report.crashed++;
          // The claim stays; it expires after its lease and the next tick (or the job's retry) tries again.
          log.error(
            { err: error, key: item.key },
            'digest delivery crashed; it will be retried after the lease',
          );
        }
      },
      { concurrency: deps.concurrency },
    );
  }
}

/** The one due item of a subscription for a local date, read afresh; undefined when it is not (or no longer) due. */
async function findOne(
  deps: DeliveryRunDeps,
  tenant: Tenant,
  channelId: string,
  localDate: string,
  now: Date,
) {
  const { subscriptions, deliveries } = deps.services.stores;
  const subscription = await subscriptions.get(tenant, channelId);
  if (!subscription || !deps.delivers(subscription)) return undefined;
  const occurrence = latestOccurrence(subscription, now, new Date(subscription.createdAt));
  if (!occurrence || occurrence.localDate !== localDate) return undefined;
  const state = (await deliveries.get(tenant, channelId)) ?? {
    recentArticleIds: [],
    status: 'ok' as const,
  };
  if (state.lastLocalDate && state.lastLocalDate >= localDate) return undefined;
  return {
    subscription,
    occurrence,
    state,
    key: deliveryKey(tenant, channelId, localDate),
    digestId: digestIdFor(tenant, channelId, localDate),
  } satisfies DueItem;
}

/** Creates one evaluation of due subscriptions: find what is due, claim it in chunks, compose and deliver. */
export function createDeliveryRun(deps: DeliveryRunDeps): DeliveryRun {
  return {
    findDue: (now) => findDue(deps, now),
    findOne: (tenant, channelId, localDate, now) => findOne(deps, tenant, channelId, localDate, now),
    deliverItems: (due, now, report) => deliverItems(deps, due, now, report),
    async runDue(now) {
      const report = emptyReport();
      const due = await findDue(deps, now);
      report.due = due.length;
      if (due.length > 0) await deliverItems(deps, due, now, report);
      return report;
    },
  };
}

/** A report with nothing in it yet. */
export function emptyReport(): DigestRunReport {
  return { due: 0, delivered: [], skipped: 0, failed: 0, held: 0, late: 0, crashed: 0 };
}
