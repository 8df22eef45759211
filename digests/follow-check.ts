import { visibleTo } from '../src/core/article.ts';
import { detectChanges, dueReminders, knownOf } from '../src/core/policy/follow-changes.ts';
import { belongsTo, type PolicyArticle } from '../src/core/policy/follow-match.ts';
import type { Follow, KnownDocument } from '../src/core/policy/follow-record.ts';
import type { ChannelRef, ChatAdapter } from '../src/core/ports/chat-adapter.ts';
import type { Clock } from '../src/core/ports/clock.ts';
import type { DeliveryLedger } from '../src/core/ports/delivery-ledger.ts';
import { notice, type Reply } from '../src/core/reply.ts';
import { toStoryCard } from '../src/core/story-card.ts';
import { type Platform, type Tenant, tenantKey } from '../src/core/tenant.ts';
import type { Logger } from '../src/logger.ts';
import type { DigestServices } from './services.ts';
import { localDateOf, localTimeOf } from './zoned-time.ts';

/** How one post about a follow went: posted here, done by someone (else) before, still to do, or failed. */
export type Outcome = 'posted' | 'done' | 'pending' | 'failed';

/** Posts a reply once across restarts and instances; `messageIds` when this caller posted it. */
export type PostOnce = (
  key: string,
  channel: ChannelRef,
  reply: Reply,
  threadOf?: string,
) => Promise<{ outcome: Outcome; messageIds?: string[] }>;

/** What one run did. */
export interface FollowRunReport {
  follows: number;
  cards: number;
  posted: number;
  failed: number;
}

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

function sameKnown(a: KnownDocument | undefined, b: KnownDocument): boolean {
  return a !== undefined && a.status === b.status && a.statusOn === b.statusOn && a.closesOn === b.closesOn;
}

/** What posting on the ledger needs. */
export interface LedgerPosterDeps {
  adapters: Partial<Record<Platform, ChatAdapter>>;
  ledger: DeliveryLedger;
  owner: string;
  leaseMs: number;
  log: Logger;
}

/** Claims each post on the ledger, posts it with the same key (a crash between the two posts once), marks it. */
export function createLedgerPoster(deps: LedgerPosterDeps): PostOnce {
  const { ledger, owner, leaseMs, log } = deps;
  return async (key, channel, reply, threadOf) => {
    const adapter = deps.adapters[channel.tenant.platform];
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
}

/** What checking one follow needs. */
export interface FollowCheckDeps {
  services: DigestServices;
  clock: Clock;
  postOnce: PostOnce;
}

/** Posts a follow's card and records the documents stored now as the thread's starting point. */
async function postCard(
  deps: FollowCheckDeps,
  tenant: Tenant,
  id: string,
  follow: Follow,
  matches: PolicyArticle[],
): Promise<Follow | undefined> {
  const channel = { tenant, id: follow.channelId };
  const sent = await deps.postOnce(ledgerKey(tenant, id, follow, 'card'), channel, cardOf(follow, matches));
  if (sent.outcome !== 'posted' || !sent.messageIds?.[0]) return undefined;
  // What is stored now is the card's starting point: only what comes after it is news in the thread.
  const known = Object.fromEntries(matches.map((article) => [article.id, knownOf(article)]));
  const current = await deps.services.follows.follows.get(tenant, id);
  if (!current) return undefined;
  const updated: Follow = {
    ...current,
    card: { messageId: sent.messageIds[0], postedAt: deps.clock.now().toISOString() },
    known: { ...current.known, ...known },
  };
  await deps.services.follows.follows.put(tenant, id, updated);
  return updated;
}

/** Checks one follow: its card once, then each change and due reminder once in the card's thread. */
export function createFollowChecker(deps: FollowCheckDeps) {
  const store = deps.services.follows.follows;
  return async (
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
      current = await postCard(deps, tenant, id, follow, matches);
      if (!current) return;
      report.cards++;
    }
    const card = current.card!.messageId;
    const settings = await deps.services.follows.settingsOf(tenant, follow.channelId);
    const subscription = await deps.services.stores.subscriptions.get(tenant, follow.channelId);
    const zone = settings.timeZone ?? subscription?.timeZone ?? 'UTC';
    const now = deps.clock.now();
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
      const sent = await deps.postOnce(ledgerKey(tenant, id, current, change.key), channel, reply, card);
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
}
