import type { ChatAdapter } from '../../src/core/ports/chat-adapter.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import type { DeliveryLedger } from '../../src/core/ports/delivery-ledger.ts';
import type { Reply } from '../../src/core/reply.ts';
import { type Platform, tenantKey } from '../../src/core/tenant.ts';
import type { Logger } from '../../src/logger.ts';
import type { ComposedStory, DigestRequest } from '../compose.ts';
import type { DigestServices } from '../services.ts';
import {
  type Announced,
  inQuietHours,
  type MentionRules,
  type MentionState,
  type MentionStores,
} from './mention-rules.ts';

const HOUR = 3_600_000;
/** How long an announced article is remembered: longer than any story stays news. */
const ANNOUNCED_TTL_MS = 7 * 24 * HOUR;
/** A new rule looks back this far on its first run, so turning it on does not ping for the whole day. */
const FIRST_LOOK_BACK_MS = HOUR;
/** A claimed mention must be posted within this lease, or another instance may take it over. */
const LEASE_MS = 5 * 60_000;

/** What the mention job needs. */
export interface MentionJobDeps {
  services: DigestServices;
  stores: MentionStores;
  adapters: Partial<Record<Platform, ChatAdapter>>;
  /** Makes "at most once per story" hold across restarts and instances. */
  ledger: DeliveryLedger;
  clock: Clock;
  logger: Logger;
  owner: string;
}

/** How one run went. */
export interface MentionRunReport {
  posted: number;
  /** Stories held back by a channel's hourly cap. */
  capped: number;
  /** Stories that arrived during a channel's quiet hours (they reach it in the next digest). */
  quiet: number;
}

/** The mention notifications: a group is pinged when a story in its topic arrives, within the channel's limits. */
export interface MentionJob {
  /** Looks for stories that arrived since the last run and posts their mentions. */
  run(): Promise<MentionRunReport>;
}

/** Posts one story's mention once; false when it was announced already, claimed elsewhere or refused. */
type Announce = (
  channel: MentionRules,
  story: ComposedStory,
  topic: string,
  group: MentionRules['rules'][number]['group'],
) => Promise<boolean>;

/** A channel with rules, its state, and what this run looks at. */
interface DueChannel {
  rules: MentionRules;
  state: MentionState;
  since: Date;
  /** Articles already announced there. */
  seen: Set<string>;
}

/** The mention poster: each story claimed in the ledger, its articles remembered once posted. */
function createAnnouncer(deps: MentionJobDeps, log: Logger): Announce {
  const { announced } = deps.stores;
  return async (channel, story, topic, group) => {
    const { tenant, channelId } = channel;
    const ids = [...story.articleIds].sort();
    // Any article of the story already announced here means the story was: a story that grows stays quiet.
    for (const id of ids) if (await announced.get(tenant, `${channelId}:${id}`)) return false;
    const key = `mention:${tenantKey(tenant)}/${channelId}:${ids[0]}`;
    const claim = await deps.ledger.claim(key, deps.owner, LEASE_MS);
    if (claim.status !== 'claimed') return false;
    const reply: Reply = { kind: 'stories', title: `New in ${topic}`, stories: [story.card] };
    const adapter = deps.adapters[tenant.platform];
    const result = adapter
      ? await adapter.post({ tenant, id: channelId }, reply, { key, mention: group })
      : { ok: false as const, retryable: false, error: 'no adapter' };
    await deps.ledger.complete(key, deps.owner, { state: result.ok ? 'delivered' : 'failed' });
    if (!result.ok) {
      log.warn({ tenant: tenantKey(tenant), channel: channelId, error: result.error }, 'mention post failed');
      return false;
    }
    const at = deps.clock.now().toISOString();
    for (const id of ids) {
      const record = { channelId, articleId: id, at };
      await announced.put(tenant, `${channelId}:${id}`, record, { ttlMs: ANNOUNCED_TTL_MS });
    }
    return true;
  };
}

/** One channel's new stories: none in quiet hours, the best first up to the hourly cap. */
async function runChannel(
  channel: MentionRules,
  state: MentionState,
  stories: { topic: string; story: ComposedStory }[],
  now: Date,
  report: MentionRunReport,
  announce: Announce,
): Promise<MentionState> {
  const recent = state.recent.filter((at) => now.getTime() - Date.parse(at) < HOUR);
  if (stories.length > 0 && inQuietHours(channel, now)) {
    report.quiet += stories.length;
    return { checkedUntil: now.toISOString(), recent };
  }
  const byTopic = new Map(channel.rules.map((rule) => [rule.topic, rule.group]));
  const best = [...stories].sort((a, b) => b.story.score - a.story.score);
  for (const { topic, story } of best) {
    if (recent.length >= channel.perHour) {
      report.capped++;
      continue;
    }
    const group = byTopic.get(topic);
    if (group && (await announce(channel, story, topic, group))) {
      recent.push(now.toISOString());
      report.posted++;
    }
  }
  return { checkedUntil: now.toISOString(), recent };
}

/** Every channel with rules on a platform this instance posts to, with what it already announced. */
async function dueChannels(deps: MentionJobDeps, now: Date): Promise<DueChannel[]> {
  const { rules: rulesStore, state: stateStore, announced } = deps.stores;
  const channels: DueChannel[] = [];
  const seenByTenant = new Map<string, Promise<Announced[]>>();
  for await (const { value } of rulesStore.listAll()) {
    if (!deps.adapters[value.tenant.platform] || value.rules.length === 0) continue;
    const state = (await stateStore.get(value.tenant, value.channelId)) ?? { recent: [] };
    const since = new Date(
      Math.max(Date.parse(state.checkedUntil ?? '') || 0, now.getTime() - FIRST_LOOK_BACK_MS),
    );
    let seen = seenByTenant.get(tenantKey(value.tenant));
    if (!seen) {
      seen = announced.list(value.tenant);
      seenByTenant.set(tenantKey(value.tenant), seen);
    }
    const ids = (await seen).filter((a) => a.channelId === value.channelId).map((a) => a.articleId);
    // Quiet hours are the channel's local hours: a later `/subscribe … tz …` moves them with the digest.
    const subscription = await deps.services.stores.subscriptions.get(value.tenant, value.channelId);
    const rules = subscription ? { ...value, timeZone: subscription.timeZone } : value;
    channels.push({ rules, state, since, seen: new Set(ids) });
  }
  return channels;
}

/** Creates the mention job; the composition root runs it every minute. */
export function createMentionJob(deps: MentionJobDeps): MentionJob {
  const log = deps.logger.child({ part: 'mentions' });
  const announce = createAnnouncer(deps, log);
  return {
    async run() {
      const now = deps.clock.now();
      const report: MentionRunReport = { posted: 0, capped: 0, quiet: 0 };
      const channels = await dueChannels(deps, now);
      if (channels.length === 0) return report;
      const composer = deps.services.composer;
      // Announced articles join the clustering, so a later report of the same event is known as that story.
      const pool = await composer.loadPool(
        new Date(Math.min(...channels.map((c) => c.since.getTime()))),
        now,
        channels.flatMap((c) => [...c.seen]),
      );
      const requests: DigestRequest[] = channels.map(({ rules, since, seen }) => ({
        key: `mentions:${tenantKey(rules.tenant)}/${rules.channelId}`,
        tenant: rules.tenant,
        topics: rules.rules.map((rule) => rule.topic),
        since,
        until: now,
        exclude: seen,
      }));
      const composed = await composer.compose(pool, requests);
      for (const [index, channel] of channels.entries()) {
        const stories = composed[index]!.sections.flatMap((section) =>
          section.stories.map((story) => ({ topic: section.requested, story })),
        );
        try {
          const next = await runChannel(channel.rules, channel.state, stories, now, report, announce);
          await deps.stores.state.put(channel.rules.tenant, channel.rules.channelId, next);
        } catch (error) {
          log.error({ err: error, tenant: tenantKey(channel.rules.tenant) }, 'mention run failed');
        }
      }
      if (report.posted + report.capped + report.quiet > 0) log.info(report, 'mentions');
      return report;
    },
  };
}
