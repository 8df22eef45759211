import type { ChatAdapter } from '../src/core/ports/chat-adapter.ts';
import type { Clock } from '../src/core/ports/clock.ts';
import type { DeliveryLedger, LedgerEntry } from '../src/core/ports/delivery-ledger.ts';
import type { Reply } from '../src/core/reply.ts';
import { type Platform, type Tenant, tenantKey } from '../src/core/tenant.ts';
import { countOf } from '../src/core/text/plural.ts';
import type { Logger } from '../src/logger.ts';
import { withCommentDeadlines } from './channel-deadlines.ts';
import type { ComposedDigest } from './compose.ts';
import { postWithRetry, type RetryPolicy } from './deliver.ts';
import type { DeliveryOutcomes } from './delivery-outcomes.ts';
import { buildDigestReply, type summarizeSourceHealth } from './digest-reply.ts';
import type { Occurrence } from './schedule.ts';
import type { DigestServices } from './services.ts';
import { type DeliveryState, type DigestRecord, type Subscription, subscriptionKey } from './subscription.ts';
import { logTickFailure } from './tick-errors.ts';

/** Article ids kept per channel to keep stories from repeating across days. */
const RECENT_IDS = 500;

/** One subscription whose digest for one local date is due. */
export interface DueItem {
  subscription: Subscription;
  occurrence: Occurrence;
  state: DeliveryState;
  key: string;
  digestId: string;
}

/** How one run's deliveries went; filled in as the run goes. */
export interface DigestRunReport {
  due: number;
  delivered: string[];
  skipped: number;
  failed: number;
  held: number;
  late: number;
  /** Deliveries that threw; their claim stays and expires after the lease. */
  crashed: number;
}

/** What delivering a digest to one channel needs. */
export interface ChannelDeliveryDeps {
  services: DigestServices;
  adapters: Partial<Record<Platform, ChatAdapter>>;
  ledger: DeliveryLedger;
  clock: Clock;
  log: Logger;
  /** This instance's id, the owner of its ledger claims. */
  owner: string;
  lateAfterMs: number;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  /** What this instance knows is finished: subscription → last local date settled. Saves a store read per tick. */
  settled: Map<string, string>;
  /** Told of every failed and delivered digest: the incident alerts DM an admin, never the channel. */
  outcomes?: DeliveryOutcomes;
}

/** Posting, recording and failure handling for one claimed channel digest. */
export interface ChannelDelivery {
  /** Posts a composed digest (or records a skip) and updates the archive, ledger and channel state. */
  deliver(
    item: DueItem,
    digest: ComposedDigest,
    health: ReturnType<typeof summarizeSourceHealth>,
    now: Date,
    report: DigestRunReport,
  ): Promise<void>;
  /** Marks the subscription failing and tells the channel once. */
  markFailing(item: DueItem, error: string): Promise<void>;
  /** Brings a channel's state up to date when another instance (or a crashed earlier run) finished the day. */
  repair(item: DueItem, entry: LedgerEntry): Promise<void>;
}

/** Newest ids first, without repeats, capped so a channel's memory stays small. */
function mergeIds(fresh: string[], old: string[]): string[] {
  return [...new Set([...fresh, ...old])].slice(0, RECENT_IDS);
}

/** The archive record of a digest about to be posted. */
function digestRecordOf(item: DueItem, digest: ComposedDigest, reply: Reply, late: boolean): DigestRecord {
  const { subscription, occurrence, digestId } = item;
  return {
    id: digestId,
    tenant: subscription.tenant,
    channelId: subscription.channelId,
    localDate: occurrence.localDate,
    timeZone: subscription.timeZone,
    scheduledFor: occurrence.at.toISOString(),
    status: 'delivering',
    late,
    empty: digest.storyCount === 0,
    window: { since: digest.since.toISOString(), until: digest.until.toISOString() },
    topics: [...subscription.topics],
    sections: digest.sections.map((section) => ({
      topic: section.topic,
      stories: section.stories.map((story) => ({
        id: story.id,
        title: story.card.title,
        url: story.card.url,
        summary: story.card.summary,
        sources: story.sources,
        articles: story.articleIds,
      })),
    })),
    reply: reply as unknown as Record<string, unknown>,
    messageIds: [],
  };
}

/** Saves a channel's delivery state and remembers its settled date in this instance. */
async function saveState(deps: ChannelDeliveryDeps, tenant: Tenant, channelId: string, state: DeliveryState) {
  const { settled } = deps;
  const { deliveries } = deps.services.stores;
  await deliveries.put(tenant, channelId, state);
  if (state.lastLocalDate) settled.set(subscriptionKey(tenant, channelId), state.lastLocalDate);
}

/** Marks the subscription failing and tells an admin once. */
async function markFailing(deps: ChannelDeliveryDeps, item: DueItem, error: string) {
  const { clock, log } = deps;
  const { tenant, channelId } = item.subscription;
  const failingSince =
    (item.state.status === 'failing' ? item.state.failingSince : undefined) ?? clock.now().toISOString();
  await saveState(deps, tenant, channelId, {
    ...item.state,
    lastLocalDate: item.occurrence.localDate,
    status: 'failing',
    lastError: error.slice(0, 300),
    failingSince,
  });
  log.error(
    { tenant: tenantKey(tenant), channel: channelId, localDate: item.occurrence.localDate, error },
    'digest delivery failed permanently; the subscription is marked failing',
  );
  // The channel itself is what is broken, and its members are not who can fix it: an admin is told by DM.
  await deps.outcomes
    ?.failed(item.subscription, error, failingSince)
    .catch((err: unknown) => log.warn({ err, tenant: tenantKey(tenant) }, 'could not report the failure'));
}

/** Tells the incident alerts that a failing channel got its digest again. */
async function reportDelivered(deps: ChannelDeliveryDeps, subscription: Subscription) {
  const { log } = deps;
  await deps.outcomes
    ?.delivered(subscription)
    .catch((err: unknown) => log.warn({ err }, 'could not report the delivery'));
}

/** Brings a channel's state up to date from a day another instance (or an earlier run) finished. */
async function repair(deps: ChannelDeliveryDeps, item: DueItem, entry: LedgerEntry) {
  const { archive } = deps.services.stores;
  const { tenant, channelId } = item.subscription;
  const next: DeliveryState = { ...item.state, lastLocalDate: item.occurrence.localDate };
  if (entry.state === 'delivered' && entry.digestId) {
    const record = await archive.get(tenant, entry.digestId);
    if (record) {
      next.lastDeliveredAt = record.window.until;
      next.lastDigestId = record.id;
      next.recentArticleIds = mergeIds(
        record.sections.flatMap((s) => s.stories.flatMap((story) => story.articles)),
        item.state.recentArticleIds,
      );
      next.status = 'ok';
      if (record.status === 'delivering')
        await archive.put(tenant, record.id, { ...record, status: 'delivered' });
    }
  }
  await saveState(deps, tenant, channelId, next);
}

/** Remembers which message carries which story; a failure costs update threads, never the delivery. */
async function rememberStories(
  deps: ChannelDeliveryDeps,
  item: DueItem,
  digest: ComposedDigest,
  storyMessages: Record<string, string>,
) {
  const { services, clock, log } = deps;
  const { tenant, channelId } = item.subscription;
  const cards = digest.sections.flatMap((section) =>
    section.stories.map((story) => ({ card: story.card, topics: [section.name] })),
  );
  await services.posts
    .record(tenant, channelId, cards, storyMessages, clock.now())
    .catch((error: unknown) =>
      logTickFailure(
        services.storeHealth,
        log.child({ key: item.key }),
        error,
        'could not remember where the stories were posted',
      ),
    );
}

/** Records a successful post in the ledger, the archive and the channel's state. */
async function recordDelivered(
  deps: ChannelDeliveryDeps,
  item: DueItem,
  digest: ComposedDigest,
  record: DigestRecord,
  posted: { messageIds: string[]; storyMessages?: Record<string, string> },
  tries: number,
  report: DigestRunReport,
) {
  const { ledger, clock, log, owner } = deps;
  const { archive } = deps.services.stores;
  const { messageIds } = posted;
  const { key, digestId } = item;
  const { tenant, channelId } = item.subscription;
  const kept = await ledger.complete(key, owner, { state: 'delivered', digestId, late: record.late });
  if (!kept)
    log.warn({ key }, 'digest delivered after its lease had expired; another instance may repeat it');
  await archive.put(tenant, digestId, {
    ...record,
    status: 'delivered',
    deliveredAt: clock.now().toISOString(),
    messageIds,
  });
  await saveState(deps, tenant, channelId, {
    ...item.state,
    lastLocalDate: item.occurrence.localDate,
    lastDeliveredAt: digest.until.toISOString(),
    lastDigestId: digestId,
    recentArticleIds: mergeIds(digest.articleIds, item.state.recentArticleIds),
    status: 'ok',
    lastError: undefined,
    failingSince: undefined,
  });
  await rememberStories(deps, item, digest, posted.storyMessages ?? {});
  report.delivered.push(key);
  if (item.state.status === 'failing') await reportDelivered(deps, item.subscription);
  if (record.late) report.late++;
  log.info({ key, digestId, stories: digest.storyCount, late: record.late, tries }, 'digest delivered');
}

/** Posts one claimed digest (or records a skip), then records the outcome. */
async function deliverDigest(
  deps: ChannelDeliveryDeps,
  ...[item, digest, health, now, report]: Parameters<ChannelDelivery['deliver']>
): Promise<void> {
  const { services, ledger, log, owner } = deps;
  const { archive } = services.stores;
  const { subscription, occurrence, key, digestId } = item;
  const { tenant, channelId } = subscription;
  const late = now.getTime() - occurrence.at.getTime() > deps.lateAfterMs;
  const reply = await withCommentDeadlines(
    buildDigestReply(digest, {
      timeZone: subscription.timeZone,
      at: occurrence.at,
      late,
      health,
      whenEmpty: services.whenEmpty,
    }),
    services,
    { tenant, channelId, now, log },
  );
  if (!reply) {
    await ledger.complete(key, owner, { state: 'skipped', late });
    await saveState(deps, tenant, channelId, {
      ...item.state,
      lastLocalDate: occurrence.localDate,
      lastDeliveredAt: digest.until.toISOString(),
      status: 'ok',
    });
    report.skipped++;
    return;
  }
  const record = digestRecordOf(item, digest, reply, late);
  // Written before posting, so a crash after the post still leaves the ledger a record to point at.
  await archive.put(tenant, digestId, record);
  const adapter = deps.adapters[tenant.platform]!;
  // Every try and every restart carries the digest id as its key, so a post whose answer was lost is not repeated.
  // The picture goes to the platform only; the archive keeps the text digest.
  const posted = (await services.attachments?.attach(subscription, reply, occurrence.at)) ?? reply;
  const result = await postWithRetry(adapter, { tenant, id: channelId }, posted, deps.retry, deps.sleep, {
    key: digestId,
  });
  if (result.ok) {
    await recordDelivered(deps, item, digest, record, result, result.tries, report);
    return;
  }
  await ledger.complete(key, owner, { state: 'failed', digestId, late });
  await archive.put(tenant, digestId, { ...record, status: 'failed' });
  report.failed++;
  await markFailing(
    deps,
    item,
    `${result.error}${result.retryable ? ` after ${countOf(result.tries, 'try', 'tries')}` : ''}`,
  );
}

/** Creates the per-channel delivery steps of the digest job. */
export function createChannelDelivery(deps: ChannelDeliveryDeps): ChannelDelivery {
  return {
    deliver: (...args) => deliverDigest(deps, ...args),
    markFailing: (item, error) => markFailing(deps, item, error),
    repair: (item, entry) => repair(deps, item, entry),
  };
}
