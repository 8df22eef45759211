import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import { visibleTo } from '../src/core/article.ts';
import type { Core } from '../src/core/core.ts';
import { toStoryCard } from '../src/core/news-service.ts';
import { detectChanges, dueReminders, knownOf } from '../src/core/policy/follow-changes.ts';
import { belongsTo, type PolicyArticle } from '../src/core/policy/follow-match.ts';
import type { Follow, KnownDocument } from '../src/core/policy/follow-record.ts';
import { createPolicyCatalogue } from '../src/core/policy/policy-catalogue.ts';
import type { ChannelRef, ChatAdapter } from '../src/core/ports/chat-adapter.ts';
import type { DeliveryLedger } from '../src/core/ports/delivery-ledger.ts';
import { notice, type Reply } from '../src/core/reply.ts';
import { type Platform, type Tenant, tenantKey } from '../src/core/tenant.ts';
import type { Logger } from '../src/logger.ts';
import type { DigestJobOptions } from './job.ts';
import type { DigestServices } from './services.ts';
import { localDateOf, localTimeOf } from './zoned-time.ts';

/**
 * Options of the follow job: the digest job's own (core, services, adapters, the shared ledger on which
 * each card, change and reminder is claimed so it posts once, logger, clock, instance id, cron).
 */
export type FollowJobOptions = Pick<
  DigestJobOptions,
  'core' | 'services' | 'adapters' | 'ledger' | 'logger' | 'clock' | 'instanceId' | 'cron'
> & {
  /** How long a claim on one post lives before another instance may take it over. */
  leaseMs?: number;
};

/** What one run did. */
export interface FollowRunReport {
  follows: number;
  cards: number;
  posted: number;
  failed: number;
}

/** Watches followed items: posts each one's card once, then every change and reminder once in its thread. */
export interface FollowJob {
  start(): void;
  stop(): Promise<void>;
  /** Checks every follow now. */
  runOnce(): Promise<FollowRunReport>;
}

type Outcome = 'posted' | 'done' | 'pending' | 'failed';

/** The ledger key of one post about a follow; a re-follow (a new createdAt) starts afresh. */
function ledgerKey(tenant: Tenant, id: string, follow: Follow, what: string): string {
  return `follow:${tenantKey(tenant)}/${id}@${follow.createdAt}:${what}`;
}

/** The item's card: its latest document when one is stored, else a line saying what is followed. */
function cardOf(follow: Follow, matches: readonly PolicyArticle[]): Reply {
  const latest = [...matches].sort((a, b) =>
    (b.publishedAt ?? b.fetchedAt).localeCompare(a.publishedAt ?? a.fetchedAt),
  )[0];
  const footer = `Following ${follow.target.label}: changes are posted in this thread.`;
  if (!latest)
    return notice(
      'info',
      `Now following ${follow.target.label}. Nothing on it is stored yet; new documents, actions and comment deadlines will be posted in this thread.`,
    );
  return {
    kind: 'stories',
    title: `Following ${follow.target.label}`,
    stories: [toStoryCard(latest)],
    footer,
  };
}

/** Creates the follow job; it hooks in beside the digest job and shares its ledger. */
export function createFollowJob(options: FollowJobOptions): FollowJob {
  const { core, services, ledger } = options;
  const clock = options.clock ?? core.clock;
  const owner =
    options.instanceId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const log = options.logger.child({ part: 'follows', instance: owner });
  const store = services.follows.follows;
  const catalogue = createPolicyCatalogue(core.articles);
  let task: ScheduledTask | undefined;
  let running: Promise<FollowRunReport> | undefined;

  /** Claims a post on the ledger, posts it with the same key, and records how it went. */
  const postOnce = async (key: string, channel: ChannelRef, reply: Reply, threadOf?: string) => {
    const adapter = options.adapters[channel.tenant.platform];
    if (!adapter) return { outcome: 'pending' as Outcome };
    const claim = await ledger.claim(key, owner, leaseMs);
    if (claim.status === 'done') return { outcome: 'done' as Outcome };
    if (claim.status === 'held') return { outcome: 'pending' as Outcome };
    if (claim.status === 'exhausted') return { outcome: 'failed' as Outcome };
    const result = await adapter.post(channel, reply, { key, ...(threadOf ? { threadOf } : {}) });
    if (result.ok) {
      await ledger.complete(key, owner, { state: 'delivered' });
      return { outcome: 'posted' as Outcome, messageIds: result.messageIds };
    }
    log.warn({ channel: channel.id, key, error: result.error }, 'a follow post failed');
    // A retryable failure keeps its claim until the lease runs out, then a later run tries again.
    if (!result.retryable) await ledger.complete(key, owner, { state: 'failed' });
    return { outcome: 'failed' as Outcome };
  };

  const postCard = async (tenant: Tenant, id: string, follow: Follow, matches: PolicyArticle[]) => {
    const channel = { tenant, id: follow.channelId };
    const sent = await postOnce(ledgerKey(tenant, id, follow, 'card'), channel, cardOf(follow, matches));
    if (sent.outcome !== 'posted' || !sent.messageIds?.[0]) return undefined;
    // What is stored now is the card's starting point: only what comes after it is news in the thread.
    const known = Object.fromEntries(matches.map((article) => [article.id, knownOf(article)]));
    const current = await store.get(tenant, id);
    if (!current) return undefined;
    const updated: Follow = {
      ...current,
      card: { messageId: sent.messageIds[0], postedAt: clock.now().toISOString() },
      known: { ...current.known, ...known },
    };
    await store.put(tenant, id, updated);
    return updated;
  };

  const checkFollow = async (
    tenant: Tenant,
    id: string,
    follow: Follow,
    all: PolicyArticle[],
    report: FollowRunReport,
  ) => {
    const owned = tenantKey(tenant);
    const matches = all.filter((article) => visibleTo(article, owned) && belongsTo(article, follow.target));
    let current: Follow | undefined = follow;
    if (!current.card) {
      current = await postCard(tenant, id, follow, matches);
      if (!current) return;
      report.cards++;
    }
    const card = current.card!.messageId;
    const settings = await services.follows.settingsOf(tenant, follow.channelId);
    const subscription = await services.stores.subscriptions.get(tenant, follow.channelId);
    const zone = settings.timeZone ?? subscription?.timeZone ?? 'UTC';
    const now = clock.now();
    const { changes, known } = detectChanges(matches, current.known);
    const reminders = dueReminders(
      matches,
      settings.reminderDays,
      localDateOf(now, zone),
      localTimeOf(now, zone),
    );
    const unsettled = new Set<string>();
    const channel = { tenant, id: follow.channelId };
    for (const change of [...changes, ...reminders]) {
      const reply = notice('info', `${follow.target.label}: ${change.text}`);
      const sent = await postOnce(ledgerKey(tenant, id, current, change.key), channel, reply, card);
      if (sent.outcome === 'posted') report.posted++;
      if (sent.outcome === 'failed') report.failed++;
      // Reminders are worked out afresh each run; a change not yet told keeps its document unsettled.
      if ((sent.outcome === 'pending' || sent.outcome === 'failed') && !reminders.includes(change))
        unsettled.add(change.articleId);
    }
    // Only documents whose news was told (here or by another instance) move on; the rest are tried again.
    const settled = Object.fromEntries(
      Object.entries(known).filter(([articleId]) => !unsettled.has(articleId)),
    );
    // Most runs find nothing new: then the record is left as it is, with no write.
    const before = current.known;
    if (Object.entries(settled).every(([articleId, doc]) => sameKnown(before[articleId], doc))) return;
    const latest = await store.get(tenant, id);
    if (!latest || latest.createdAt !== current.createdAt) return;
    await store.put(tenant, id, { ...latest, known: { ...latest.known, ...settled } });
  };

  const run = async (): Promise<FollowRunReport> => {
    const report: FollowRunReport = { follows: 0, cards: 0, posted: 0, failed: 0 };
    const entries: { tenant: Tenant; id: string; value: Follow }[] = [];
    for await (const entry of store.listAll()) {
      if (options.adapters[entry.tenant.platform]) entries.push(entry);
    }
    if (entries.length === 0) return report;
    const all = await catalogue.read();
    for (const entry of entries) {
      report.follows++;
      try {
        await checkFollow(entry.tenant, entry.id, entry.value, all, report);
      } catch (error) {
        report.failed++;
        log.error(
          { err: error, tenant: tenantKey(entry.tenant), follow: entry.id },
          'checking a follow failed',
        );
      }
    }
    return report;
  };

  const runOnce = () => {
    // One run at a time per instance; a caller arriving mid-run waits for it and then runs its own.
    const previous = running ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(run);
    running = next;
    return next;
  };

  return {
    runOnce,
    start() {
      if (task) return;
      const tick = () =>
        runOnce().then(
          () => undefined,
          (error: unknown) => log.error({ err: error }, 'follow run failed'),
        );
      task = cron.schedule(options.cron ?? '* * * * *', tick, {
        name: 'policywire-follows',
        noOverlap: true,
      });
    },
    async stop() {
      await task?.destroy();
      task = undefined;
      await running?.catch(() => undefined);
    },
  };
}

/** What starting the follow job needs; an App has all of it. */
export interface FollowHost {
  core: Core;
  digests: DigestServices;
  stores: { ledger: DeliveryLedger };
  logger: Logger;
}

/** Starts the follow job for the given adapters on the store's ledger; the caller registers its stop. */
export function startFollows(host: FollowHost, adapters: Partial<Record<Platform, ChatAdapter>>): FollowJob {
  const job = createFollowJob({
    core: host.core,
    services: host.digests,
    adapters,
    ledger: host.stores.ledger,
    logger: host.logger,
  });
  job.start();
  void job.runOnce().catch((error: unknown) => host.logger.error({ err: error }, 'first follow run failed'));
  return job;
}

function sameKnown(a: KnownDocument | undefined, b: KnownDocument): boolean {
  return a !== undefined && a.status === b.status && a.statusOn === b.statusOn && a.closesOn === b.closesOn;
}
