import { hostname } from 'node:os';
import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import { notice } from '../src/core/reply.ts';
import type { Source } from '../src/core/sources.ts';
import { type Tenant, tenantKey } from '../src/core/tenant.ts';
import { type DigestJob, type DigestJobOptions, type DigestRunReport, mergeIds } from './job-types.ts';

export type { DigestJob, DigestJobOptions, DigestRunReport } from './job-types.ts';

import pMap from 'p-map';
import type { LedgerEntry } from '../src/core/ports/delivery-ledger.ts';
import type { ArticlePool, ComposedDigest, DigestRequest } from './compose.ts';
import { DEFAULT_RETRY, postWithRetry } from './deliver.ts';
import { buildDigestReply, summarizeSourceHealth } from './digest-reply.ts';
import { latestOccurrence, type Occurrence } from './schedule.ts';
import {
  type DeliveryState,
  type DigestRecord,
  deliveryKey,
  digestIdFor,
  type Subscription,
  subscriptionKey,
} from './subscription.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Article ids kept per channel to keep stories from repeating across days. */
const RECENT_IDS = 500;

interface DueItem {
  subscription: Subscription;
  occurrence: Occurrence;
  state: DeliveryState;
  key: string;
  digestId: string;
}

/** Creates the digest job. */
export function createDigestJob(options: DigestJobOptions): DigestJob {
  const { core, services, ledger, logger } = options;
  const clock = options.clock ?? core.clock;
  const owner =
    options.instanceId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const leaseMs = options.leaseMs ?? 10 * MINUTE;
  const lateAfterMs = options.lateAfterMs ?? 10 * MINUTE;
  const settleMs = options.settleMs ?? 2 * MINUTE;
  const retry = options.retry ?? DEFAULT_RETRY;
  const chunkSize = options.chunkSize ?? 200;
  const concurrency = options.concurrency ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const log = logger.child({ part: 'digests', instance: owner });
  const { subscriptions, deliveries, archive } = services.stores;
  const inflight = new Set<Promise<unknown>>();
  let task: ScheduledTask | undefined;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inflight.add(work);
    void work.catch(() => undefined).finally(() => inflight.delete(work));
    return work;
  };

  // What this instance knows is finished: subscription → last local date settled. Saves a store read per tick.
  const settled = new Map<string, string>();
  const saveState = async (tenant: Tenant, channelId: string, state: DeliveryState) => {
    await deliveries.put(tenant, channelId, state);
    if (state.lastLocalDate) settled.set(subscriptionKey(tenant, channelId), state.lastLocalDate);
  };

  const markFailing = async (item: DueItem, error: string) => {
    const { tenant, channelId } = item.subscription;
    await saveState(tenant, channelId, {
      ...item.state,
      lastLocalDate: item.occurrence.localDate,
      status: 'failing',
      lastError: error.slice(0, 300),
      failingSince: item.state.status === 'failing' ? item.state.failingSince : clock.now().toISOString(),
    });
    log.error(
      { tenant: tenantKey(tenant), channel: channelId, localDate: item.occurrence.localDate, error },
      'digest delivery failed permanently; the subscription is marked failing',
    );
    // Tell the channel's admins where we can; the channel itself may be what is broken, so one try only.
    const adapter = options.adapters[tenant.platform];
    const told = await adapter
      ?.post(
        { tenant, id: channelId },
        notice(
          'error',
          `Policy Wire could not deliver the ${item.occurrence.localDate} digest to this channel (${error.slice(0, 200)}).`,
          'An admin can check /subscriptions here, fix the bot’s access, or /unsubscribe to stop the digest.',
        ),
      )
      .catch(() => undefined);
    if (!told?.ok)
      log.warn({ tenant: tenantKey(tenant), channel: channelId }, 'could not post the failure notice');
  };

  /** Brings a channel's state up to date when another instance (or a crashed earlier run) finished the day. */
  const repair = async (item: DueItem, entry: LedgerEntry) => {
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
          RECENT_IDS,
        );
        next.status = 'ok';
        if (record.status === 'delivering')
          await archive.put(tenant, record.id, { ...record, status: 'delivered' });
      }
    }
    await saveState(tenant, channelId, next);
  };

  const deliverOne = async (
    item: DueItem,
    digest: ComposedDigest,
    health: ReturnType<typeof summarizeSourceHealth>,
    now: Date,
    report: DigestRunReport,
  ) => {
    const { subscription, occurrence, key, digestId } = item;
    const { tenant, channelId } = subscription;
    const late = now.getTime() - occurrence.at.getTime() > lateAfterMs;
    const reply = buildDigestReply(digest, {
      timeZone: subscription.timeZone,
      at: occurrence.at,
      late,
      health,
      whenEmpty: services.whenEmpty,
    });
    const state: DeliveryState = {
      ...item.state,
      lastLocalDate: occurrence.localDate,
      lastDeliveredAt: digest.until.toISOString(),
    };
    if (!reply) {
      await ledger.complete(key, owner, { state: 'skipped', late });
      await saveState(tenant, channelId, { ...state, status: 'ok' });
      report.skipped++;
      return;
    }
    const record: DigestRecord = {
      id: digestId,
      tenant,
      channelId,
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
    // Written before posting, so a crash after the post still leaves the ledger a record to point at.
    await archive.put(tenant, digestId, record);
    const adapter = options.adapters[tenant.platform]!;
    const result = await postWithRetry(adapter, { tenant, id: channelId }, reply, retry, sleep, {
      key: digestId,
    });
    if (result.ok) {
      const kept = await ledger.complete(key, owner, { state: 'delivered', digestId, late });
      if (!kept)
        log.warn({ key }, 'digest delivered after its lease had expired; another instance may repeat it');
      await archive.put(tenant, digestId, {
        ...record,
        status: 'delivered',
        deliveredAt: clock.now().toISOString(),
        messageIds: result.messageIds,
      });
      await saveState(tenant, channelId, {
        ...state,
        lastDigestId: digestId,
        recentArticleIds: mergeIds(digest.articleIds, item.state.recentArticleIds, RECENT_IDS),
        status: 'ok',
        lastError: undefined,
        failingSince: undefined,
      });
      report.delivered.push(key);
      if (late) report.late++;
      log.info({ key, digestId, stories: digest.storyCount, late, tries: result.tries }, 'digest delivered');
      return;
    }
    await ledger.complete(key, owner, { state: 'failed', digestId, late });
    await archive.put(tenant, digestId, { ...record, status: 'failed' });
    report.failed++;
    await markFailing(item, `${result.error}${result.retryable ? ` after ${result.tries} tries` : ''}`);
  };

  const runDue = async (): Promise<DigestRunReport> => {
    // Read once, before any I/O: every decision in this run is about this instant.
    const now = clock.now();
    const until = new Date(now.getTime() - settleMs);
    const report: DigestRunReport = { due: 0, delivered: [], skipped: 0, failed: 0, held: 0, late: 0 };
    const candidates: { subscription: Subscription; occurrence: Occurrence }[] = [];
    for await (const { value: subscription } of subscriptions.listAll()) {
      if (!options.adapters[subscription.tenant.platform]) continue;
      const occurrence = latestOccurrence(subscription, now, new Date(subscription.createdAt));
      if (!occurrence) continue;
      const known = settled.get(subscriptionKey(subscription.tenant, subscription.channelId));
      if (known && known >= occurrence.localDate) continue;
      candidates.push({ subscription, occurrence });
    }
    if (candidates.length === 0) return report;
    // Delivery states are read only for subscriptions this instance has not seen settled for the day.
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
    report.due = due.length;
    if (due.length === 0) return report;

    const sinceOf = (item: DueItem) =>
      item.state.lastDeliveredAt ? new Date(item.state.lastDeliveredAt) : new Date(until.getTime() - DAY);
    let pool: ArticlePool | undefined;
    const healthByTenant = new Map<string, Promise<Source[]>>();
    for (let start = 0; start < due.length; start += chunkSize) {
      const claimed: DueItem[] = [];
      for (const item of due.slice(start, start + chunkSize)) {
        try {
          const outcome = await ledger.claim(item.key, owner, leaseMs);
          if (outcome.status === 'claimed') claimed.push(item);
          else if (outcome.status === 'held') report.held++;
          else if (outcome.status === 'done') await repair(item, outcome.entry);
          else {
            report.failed++;
            await markFailing(item, `delivery was interrupted ${outcome.attempts} times`);
          }
        } catch (error) {
          log.error({ err: error, key: item.key }, 'could not claim a digest; will try again next minute');
        }
      }
      if (claimed.length === 0) continue;
      pool ??= await services.composer.loadPool(
        new Date(Math.min(...due.map((item) => sinceOf(item).getTime()))),
        until,
        due.flatMap((item) => item.state.recentArticleIds),
      );
      const requests: DigestRequest[] = claimed.map((item) => ({
        key: item.key,
        tenant: item.subscription.tenant,
        topics: item.subscription.topics,
        since: sinceOf(item),
        until,
        exclude: new Set(item.state.recentArticleIds),
      }));
      const digests = await services.composer.compose(pool, requests);
      await pMap(
        claimed,
        async (item, index) => {
          try {
            const tenant = item.subscription.tenant;
            let sources = healthByTenant.get(tenantKey(tenant));
            if (!sources) {
              sources = core.sources.list(tenant);
              healthByTenant.set(tenantKey(tenant), sources);
            }
            const health = summarizeSourceHealth(await sources, sinceOf(item));
            await deliverOne(item, digests[index]!, health, now, report);
          } catch (error) {
            // The claim stays; it expires after its lease and the next tick retries this digest.
            log.error(
              { err: error, key: item.key },
              'digest delivery crashed; it will be retried after the lease',
            );
          }
        },
        { concurrency },
      );
    }
    return report;
  };

  const tick = async () => {
    try {
      const report = await runDue();
      if (report.due > 0) log.debug(report, 'digest tick');
    } catch (error) {
      log.error({ err: error }, 'digest tick failed');
    }
  };

  // Ticks elected by the coordinator but not yet started count as in flight, so idle() and stop() wait for them.
  const electedStarts: (() => void)[] = [];
  const coordinator = ledger.coordinator();
  const trackedCoordinator: RunCoordinator = {
    shouldRun(key, ttlMs) {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      void track(gate);
      return Promise.resolve(coordinator.shouldRun(key, ttlMs)).then(
        (elected) => {
          if (elected) electedStarts.push(release);
          else release();
          return elected;
        },
        (error: unknown) => {
          release();
          throw error;
        },
      );
    },
  };

  return {
    start() {
      if (task) return;
      task = cron.createTask(
        options.cron ?? '* * * * *',
        () => {
          const running = track(tick());
          electedStarts.shift()?.();
          return running;
        },
        {
          name: options.name ?? 'policywire-digests',
          distributed: true,
          runCoordinator: trackedCoordinator,
          distributedLease: 5 * MINUTE,
          noOverlap: true,
          missedExecutionTolerance: 30_000,
          logger: {
            info: (message) => log.debug(message),
            warn: (message) => log.debug(message),
            error: (message, err) => log.error({ err: err ?? message }, 'node-cron error'),
            debug: (message) => log.trace(String(message)),
          },
        },
      );
      void task.start();
      // Catch up at once on digests missed while the bot was down; the ledger keeps this to once.
      void track(tick());
    },
    async stop() {
      if (task) {
        await task.stop();
        await task.destroy();
        task = undefined;
      }
      await this.idle();
    },
    runDue: () => track(runDue()),
    async idle() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
  };
}
