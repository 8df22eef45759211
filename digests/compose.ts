import type { PrimarySourceFinder } from '../src/core/policy/primary-sources.ts';
import type { ArticleStore } from '../src/core/ports/article-store.ts';
import type { SearchIndex } from '../src/core/ports/search-index.ts';
import type { StoryClusterer } from '../src/core/ports/story-clusterer.ts';
import type { Topic, TopicService } from '../src/core/ports/topic-service.ts';
import type { StoryCard } from '../src/core/reply.ts';
import { toStoryCard } from '../src/core/story-card.ts';
import { type Tenant, tenantKey } from '../src/core/tenant.ts';
import { type RankedStory, selectSections } from './digest-ranking.ts';
import {
  type ArticlePool,
  clusteredPool,
  loadArticlePool,
  type PoolStories,
  poolIndex,
  rankTopicList,
  type TopicHits,
  type TopicListEntry,
  topicHits,
  topicListKey,
} from './pool-stories.ts';
import { type ChannelPreferences, type PreferenceEffect, preferenceEffect } from './preferences.ts';

export type { ArticlePool } from './pool-stories.ts';
export { inWindow, MIN_RELEVANCE, newsTime, STALE_MS } from './pool-stories.ts';

/** One digest to compose: a tenant's topics over a time window, minus what the channel already got. */
export interface DigestRequest {
  key: string;
  tenant: Tenant;
  topics: readonly string[];
  since: Date;
  until: Date;
  /** Articles already delivered to this channel: neither they nor their stories come again. */
  exclude?: ReadonlySet<string>;
  /** The channel's 👍/👎 leanings: they move its stories up or down, within bounds. */
  preferences?: ChannelPreferences;
}

/** A story as a digest shows it. */
export interface ComposedStory {
  id: string;
  card: StoryCard;
  sources: string[];
  articleIds: string[];
  score: number;
  /** How the channel's votes moved it (zero bonus and no reasons when they did not). */
  preference: PreferenceEffect;
}

/** One topic's section; `requested` is the topic as the subscriber typed it. */
export interface ComposedSection {
  requested: string;
  name: string;
  topic: string;
  stories: ComposedStory[];
}

/** A composed digest, before it becomes a platform-neutral reply. */
export interface ComposedDigest {
  key: string;
  tenant: Tenant;
  since: Date;
  until: Date;
  sections: ComposedSection[];
  storyCount: number;
  articleIds: string[];
}

/** What composition needs; search index, topics and clusterer are ports so the real implementations drop in. */
export interface DigestComposerDeps {
  articles: ArticleStore;
  /** Makes an empty search index; each batch indexes just its pool, once, for every tenant at once. */
  createIndex: () => SearchIndex;
  topics: TopicService;
  clusterer: StoryClusterer;
  topN: number;
  /** Links the primary documents a story cites (a rule, docket or bill); cards carry none without it. */
  primarySources?: PrimarySourceFinder;
}

/** Composes digests in batches: one store scan, one search per topic and one clustering for the whole batch. */
export interface DigestComposer {
  /** Loads the articles any window in [since, until) may contain, plus already-delivered context articles. */
  loadPool(since: Date, until: Date, contextIds?: Iterable<string>): Promise<ArticlePool>;
  /** Composes each request from the pool, in request order. */
  compose(pool: ArticlePool, requests: readonly DigestRequest[]): Promise<ComposedDigest[]>;
  /** Loads a pool for one request and composes it: previews and the CLI. */
  composeOne(request: DigestRequest): Promise<ComposedDigest>;
}

/** One batch's shared work: clustered stories, memoised topic resolutions, hits and ranked lists. */
interface Batch {
  pool: ArticlePool;
  stories: PoolStories;
  resolve(tenant: Tenant, text: string): Promise<Topic>;
  list(topic: Topic, request: DigestRequest): TopicListEntry[];
}

/** A story merged across a digest's topics, with the channel's leaning on it. */
type MergedStory = RankedStory & { effect: PreferenceEffect };

/** Creates the batch composer. */
export function createDigestComposer(deps: DigestComposerDeps): DigestComposer {
  const loadPool: DigestComposer['loadPool'] = (since, until, contextIds = []) =>
    loadArticlePool(deps.articles, since, until, contextIds);
  const compose: DigestComposer['compose'] = async (pool, requests) => {
    const batch = batchOf(pool, deps);
    const results: ComposedDigest[] = [];
    for (const request of requests) {
      const digest = await composeRequest(batch, request, deps.topN);
      results.push(
        deps.primarySources ? await withPrimarySources(digest, pool, deps.primarySources) : digest,
      );
    }
    return results;
  };
  return {
    loadPool,
    compose,
    async composeOne(request) {
      const pool = await loadPool(request.since, request.until, request.exclude ?? []);
      const [digest] = await compose(pool, [request]);
      return digest!;
    },
  };
}

/** Each story's card with the primary documents its lead article cites, as `/news` cards show them. */
async function withPrimarySources(
  digest: ComposedDigest,
  pool: ArticlePool,
  finder: PrimarySourceFinder,
): Promise<ComposedDigest> {
  const owner = tenantKey(digest.tenant);
  const sections = await Promise.all(
    digest.sections.map(async (section) => ({
      ...section,
      stories: await Promise.all(
        section.stories.map(async (story) => {
          const lead = pool.articles.get(story.id) ?? pool.context.get(story.id);
          const cited = lead ? await finder.find(lead, { owner, now: digest.until }) : [];
          return cited.length === 0 ? story : { ...story, card: { ...story.card, primarySources: cited } };
        }),
      ),
    })),
  );
  return { ...digest, sections };
}

function batchOf(pool: ArticlePool, deps: DigestComposerDeps): Batch {
  const stories = clusteredPool(pool, deps.clusterer);
  pool.memo ??= { topics: new Map(), hits: new Map(), lists: new Map() };
  const memo = pool.memo;
  const hitsFor = (topic: Topic): TopicHits => {
    const key = `${topic.name}\u0000${topic.query}`;
    let info = memo.hits.get(key);
    if (!info) {
      info = topicHits(pool, poolIndex(pool, deps.createIndex), topic, stories);
      memo.hits.set(key, info);
    }
    return info;
  };
  return {
    pool,
    stories,
    resolve(tenant, text) {
      const key = `${tenantKey(tenant)}\u0000${text}`;
      let topic = memo.topics.get(key);
      if (!topic) {
        topic = deps.topics.resolve(tenant, text);
        memo.topics.set(key, topic);
      }
      return topic;
    },
    list(topic, request) {
      const info = hitsFor(topic);
      const key = topicListKey(topic, info, request);
      let list = memo.lists.get(key);
      if (!list) {
        list = rankTopicList(pool, stories, info, request);
        memo.lists.set(key, list);
      }
      return list;
    },
  };
}

/**
 * Merges the topics' ranked lists into one candidate per story, each score leaned by the channel's votes.
 * The shared lists stay untouched: preferences are per channel, the lists are shared across channels.
 */
function mergeTopics(batch: Batch, topics: Topic[], request: DigestRequest, depth: number): MergedStory[] {
  const merged = new Map<number, MergedStory>();
  topics.forEach((topic, topicIndex) => {
    const list = batch.list(topic, request);
    for (let i = 0; i < list.length && i < depth; i++) {
      const { story, ranked } = list[i]!;
      let row = merged.get(story);
      if (!row) {
        row = {
          representative: ranked.representative,
          members: ranked.members,
          published: ranked.published,
          relevance: [],
          scores: [],
          score: Number.NEGATIVE_INFINITY,
          effect: { bonus: 0, reasons: [] },
        };
        merged.set(story, row);
      }
      const effect = preferenceEffect(request.preferences, ranked.representative.source, topic.name);
      const score = Math.round((ranked.score + effect.bonus) * 1000) / 1000;
      row.relevance[topicIndex] = ranked.relevance[0]!;
      row.scores[topicIndex] = score;
      // The story's place is its best topic's score; its explanation is that topic's leaning.
      if (score > row.score) {
        row.score = score;
        row.effect = effect;
      }
    }
  });
  return [...merged.values()];
}

async function composeRequest(batch: Batch, request: DigestRequest, topN: number): Promise<ComposedDigest> {
  const topics = await Promise.all(request.topics.map((text) => batch.resolve(request.tenant, text)));
  // Far more candidates than can be shown: a story below this rank for every topic cannot make a section.
  const depth = topN * topics.length * 3 + 10;
  const candidates = mergeTopics(batch, topics, request, depth);
  const picked = selectSections(candidates, topics.length, topN) as MergedStory[][];
  const sections: ComposedSection[] = topics.map((topic, index) => ({
    requested: request.topics[index] ?? topic.name,
    name: topic.name,
    topic: topic.label,
    stories: (picked[index] ?? []).map(toComposedStory),
  }));
  const articleIds = sections.flatMap((section) => section.stories.flatMap((story) => story.articleIds));
  return {
    key: request.key,
    tenant: request.tenant,
    since: request.since,
    until: request.until,
    sections,
    storyCount: sections.reduce((sum, section) => sum + section.stories.length, 0),
    articleIds,
  };
}

function toComposedStory(ranked: MergedStory): ComposedStory {
  const { representative, members } = ranked;
  const seen = new Set([representative.source]);
  const alsoCoveredBy: StoryCard['alsoCoveredBy'] = [];
  for (const article of members) {
    if (seen.has(article.source)) continue;
    seen.add(article.source);
    alsoCoveredBy.push({ source: article.source, url: article.canonicalUrl });
  }
  const card: StoryCard = {
    ...toStoryCard(representative, ranked.score),
    alsoCoveredBy,
    articleIds: [representative.id, ...members.filter((a) => a !== representative).map((a) => a.id)],
  };
  return {
    id: representative.id,
    card,
    sources: [...seen],
    articleIds: card.articleIds,
    score: card.score ?? ranked.score,
    preference: ranked.effect,
  };
}
