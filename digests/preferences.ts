import { z } from 'zod';
import type { Stores } from '../src/core/ports/stores.ts';
import type { TenantStore } from '../src/core/ports/tenant-store.ts';
import { type Tenant, tenantKey } from '../src/core/tenant.ts';
import { countOf } from '../src/core/text/plural.ts';
import { recordId, type StoryPosts } from './story-posts.ts';

/**
 * A vote counts half after two weeks: what a channel liked last month still leans the ranking a little,
 * what it liked today leans it most. See docs/story-updates.md.
 */
export const PREFERENCE_HALF_LIFE_DAYS = 14;
/** Most a channel's taste can move a story: the outlet's and the topic's leanings together, of a 0–1 score. */
export const SOURCE_BONUS = 0.1;
export const TOPIC_BONUS = 0.05;
/**
 * Votes saturate: a leaning is tanh(votes / 3), so one vote moves a story by at most a third of the cap
 * (about 0.05 of a 0–1 score, less than a small relevance gap) and no number of votes by more than the cap.
 */
const SATURATION = 3;
/** Votes a channel's leanings count, the newest; older ones have decayed to almost nothing anyway. */
const MAX_VOTES = 500;
const DAY = 86_400_000;

const voteSchema = z.object({
  /** message, user and direction: the same reaction twice is one vote, and removing it takes it back. */
  key: z.string(),
  sign: z.union([z.literal(1), z.literal(-1)]),
  at: z.string(),
  stories: z.array(z.object({ id: z.string(), sources: z.array(z.string()), topics: z.array(z.string()) })),
});
const preferencesSchema = z.object({ channelId: z.string(), votes: z.array(voteSchema).max(MAX_VOTES) });

/** A reaction as the adapters report it, platform-neutral. */
export interface ReactionEvent {
  tenant: Tenant;
  channelId: string;
  messageId: string;
  userId: string;
  /** The emoji's name as the platform sends it: `+1`, `thumbsup`, `-1`, `thumbsdown`, 👍, 👎. */
  emoji: string;
  added: boolean;
  at: Date;
}

/** A channel's leaning towards one outlet or topic: weight in (−1, 1) and how many stories were voted on. */
export interface Leaning {
  weight: number;
  /** Distinct stories the channel gave a 👍 (or 👎) that count towards this leaning. */
  liked: number;
  disliked: number;
}

/** A channel's taste as the ranking reads it: leanings by outlet (lower case) and by topic name. */
export interface ChannelPreferences {
  sources: Map<string, Leaning>;
  topics: Map<string, Leaning>;
}

/** How a story's place was moved by the channel's taste. */
export interface PreferenceEffect {
  bonus: number;
  reasons: string[];
}

/** The 👍/👎 memory of each channel. */
export interface Preferences {
  /** Records (or takes back) a vote; `ignored` for other emoji and for messages this bot did not post here. */
  react(event: ReactionEvent): Promise<'recorded' | 'removed' | 'ignored'>;
  /** The channel's leanings as of `now`. */
  of(tenant: Tenant, channelId: string, now: Date): Promise<ChannelPreferences>;
}

/** 1 for a thumbs up, −1 for a thumbs down, whatever the skin tone; undefined for any other emoji. */
export function voteOf(emoji: string): 1 | -1 | undefined {
  const name = emoji.replace(/::skin-tone-\d$/, '').replace(/[\u{1F3FB}-\u{1F3FF}\uFE0F]/gu, '');
  if (name === '+1' || name === 'thumbsup' || name === '👍') return 1;
  if (name === '-1' || name === 'thumbsdown' || name === '👎') return -1;
  return undefined;
}

/** The effect of a channel's taste on one story of an outlet under a topic. */
export function preferenceEffect(
  prefs: ChannelPreferences | undefined,
  source: string,
  topic: string,
): PreferenceEffect {
  if (!prefs) return { bonus: 0, reasons: [] };
  const bySource = prefs.sources.get(source.toLowerCase());
  const byTopic = prefs.topics.get(topic);
  const bonus = SOURCE_BONUS * (bySource?.weight ?? 0) + TOPIC_BONUS * (byTopic?.weight ?? 0);
  const reasons: string[] = [];
  const say = (leaning: Leaning | undefined, what: string) => {
    if (!leaning || Math.abs(leaning.weight) < 0.01) return;
    const count = leaning.weight > 0 ? leaning.liked : leaning.disliked;
    const verb = leaning.weight > 0 ? 'liked' : 'disliked';
    reasons.push(
      `ranked ${leaning.weight > 0 ? 'up' : 'down'}: you ${verb} ${countOf(count, 'story', 'stories')} ${what}`,
    );
  };
  say(bySource, 'from this outlet');
  say(byTopic, 'on this topic');
  return { bonus: Math.round(bonus * 1000) / 1000, reasons };
}

/** How long a vote is kept: after 90 days (six half-lives) it weighs under 2% and only costs reads. */
const VOTE_TTL_MS = 90 * DAY;
/**
 * How long one read of a tenant's votes serves this instance's leaning lookups. A digest tick asks for many
 * of its channels at once; a vote taken here clears it, one taken by
 * another instance shows within this long (a ranking nudge may come a minute late, but is never lost).
 */
const READ_REUSE_MS = 60_000;

/** One person's 👍 or 👎 on one message: a record of its own, so two instances never write the same one. */
const storedVoteSchema = voteSchema.extend({ channelId: z.string() });
type StoredVote = z.infer<typeof storedVoteSchema>;

/**
 * Opens the `preference_votes` namespace over the posted-message memory. Each vote is its own record,
 * keyed by (channel, message, user, direction): votes from different people or on different messages never
 * touch the same record, so instances reacting at the same moment lose none; the same reaction twice is
 * the same record, and taking it back deletes it. A channel's leanings sum its records on read. Votes of
 * the older one-record-per-channel `preferences` namespace are moved to records of their own when read.
 */
export function createPreferences(stores: Stores, posts: StoryPosts): Preferences {
  const votes: TenantStore<StoredVote> = stores.tenantStore('preference_votes', storedVoteSchema);
  const legacy: TenantStore<z.infer<typeof preferencesSchema>> = stores.tenantStore(
    'preferences',
    preferencesSchema,
  );
  const voteId = (channelId: string, key: string) => recordId(channelId, `vote\n${key}`);
  // Per tenant: a tenant's votes are one list read (a range on Redis), never a walk of every workspace's.
  const snapshots = new Map<string, { at: number; byChannel: Promise<Map<string, StoredVote[]>> }>();
  /** A tenant's votes by channel, in one read reused for a minute. */
  const votesByChannel = (tenant: Tenant) => {
    const key = tenantKey(tenant);
    const snapshot = snapshots.get(key);
    if (snapshot && performance.now() - snapshot.at < READ_REUSE_MS) return snapshot.byChannel;
    const byChannel = (async () => {
      const out = new Map<string, StoredVote[]>();
      for (const value of await votes.list(tenant)) {
        const list = out.get(value.channelId);
        if (list) list.push(value);
        else out.set(value.channelId, [value]);
      }
      return out;
    })();
    snapshots.set(key, { at: performance.now(), byChannel });
    // A failed read is not reused.
    byChannel.catch(() => {
      snapshots.delete(key);
    });
    return byChannel;
  };
  const forget = (tenant: Tenant) => snapshots.delete(tenantKey(tenant));
  const ttlOf = (at: string, now: Date) => Date.parse(at) + VOTE_TTL_MS - now.getTime();

  /** Moves a channel's votes from its old single record to one record each (idempotent, so races are harmless). */
  const migrate = async (tenant: Tenant, channelId: string, now: Date) => {
    const id = recordId(channelId, 'preferences');
    const old = await legacy.get(tenant, id);
    if (!old) return;
    for (const vote of old.votes) {
      const ttlMs = ttlOf(vote.at, now);
      if (ttlMs > 0) await votes.put(tenant, voteId(channelId, vote.key), { ...vote, channelId }, { ttlMs });
    }
    await legacy.delete(tenant, id);
    forget(tenant);
  };

  return {
    async react(event) {
      const sign = voteOf(event.emoji);
      if (sign === undefined) return 'ignored';
      const message = await posts.messages.get(event.tenant, recordId(event.channelId, event.messageId));
      if (!message || message.stories.length === 0) return 'ignored';
      await migrate(event.tenant, event.channelId, event.at);
      const key = `${event.messageId}:${event.userId}:${sign}`;
      const id = voteId(event.channelId, key);
      if (!event.added) {
        await votes.delete(event.tenant, id);
        // Cleared once the write landed: a read started before it must not be reused.
        forget(event.tenant);
        return 'removed';
      }
      // A repeated add (a retried event, a second instance) keeps the first one's time: it is the same vote.
      if (await votes.get(event.tenant, id)) return 'recorded';
      const at = event.at.toISOString();
      const vote = { key, sign, at, stories: message.stories, channelId: event.channelId };
      await votes.put(event.tenant, id, vote, { ttlMs: VOTE_TTL_MS });
      forget(event.tenant);
      return 'recorded';
    },
    async of(tenant, channelId, now) {
      await migrate(tenant, channelId, now);
      const own = ((await votesByChannel(tenant)).get(channelId) ?? [])
        .filter((vote) => ttlOf(vote.at, now) > 0)
        .sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
      return leaningsOf(own.slice(-MAX_VOTES), now);
    },
  };
}

function leaningsOf(votes: z.infer<typeof voteSchema>[], now: Date): ChannelPreferences {
  type Tally = { weight: number; liked: Set<string>; disliked: Set<string> };
  const tallies = { sources: new Map<string, Tally>(), topics: new Map<string, Tally>() };
  const add = (map: Map<string, Tally>, key: string, amount: number, sign: number, story: string) => {
    const tally = map.get(key) ?? { weight: 0, liked: new Set<string>(), disliked: new Set<string>() };
    tally.weight += amount;
    (sign > 0 ? tally.liked : tally.disliked).add(story);
    map.set(key, tally);
  };
  for (const vote of votes) {
    const age = Math.max(0, now.getTime() - Date.parse(vote.at)) / DAY;
    const decay = 0.5 ** (age / PREFERENCE_HALF_LIFE_DAYS);
    // A vote on a message of several stories is shared among them: it says less about each one.
    const share = (vote.sign * decay) / vote.stories.length;
    for (const story of vote.stories) {
      // The outlet that leads the card is the one the vote is about.
      const lead = story.sources[0]?.toLowerCase();
      if (lead) add(tallies.sources, lead, share, vote.sign, story.id);
      for (const topic of new Set(story.topics)) add(tallies.topics, topic, share, vote.sign, story.id);
    }
  }
  const leanings = (map: Map<string, Tally>) =>
    new Map(
      [...map].map(([key, tally]) => [
        key,
        {
          weight: Math.tanh(tally.weight / SATURATION),
          liked: tally.liked.size,
          disliked: tally.disliked.size,
        },
      ]),
    );
  return { sources: leanings(tallies.sources), topics: leanings(tallies.topics) };
}
