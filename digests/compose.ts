import { type Article, visibleTo } from '../src/core/article.ts';
import { toStoryCard } from '../src/core/news-service.ts';
import type { ArticleStore } from '../src/core/ports/article-store.ts';
import type { SearchIndex } from '../src/core/ports/search-index.ts';

import type { Story, StoryClusterer } from '../src/core/ports/story-clusterer.ts';
import type { Topic, TopicService } from '../src/core/ports/topic-service.ts';
import type { StoryCard } from '../src/core/reply.ts';
import { type Tenant, tenantKey } from '../src/core/tenant.ts';
import { type RankedStory, scoreStory, selectSections } from './digest-ranking.ts';

/** How far before a window an article may be dated and still count when it arrives inside the window. */
export const STALE_MS = 72 * 3_600_000;

/** One digest to compose: a tenant's topics over a time window, minus what the channel already got. */
export interface DigestRequest {
  key: string;
  tenant: Tenant;
  topics: readonly string[];
  since: Date;
  until: Date;
  /** Articles already delivered to this channel: neither they nor their stories come again. */
  exclude?: ReadonlySet<string>;
}

/** A story as a digest shows it. */
export interface ComposedStory {
  id: string;
  card: StoryCard;
  sources: string[];
  articleIds: string[];
  score: number;
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

/** The articles a batch of digests draws on, loaded once and shared by every request in the batch. */
export interface ArticlePool {
  since: number;
  until: number;
  articles: Map<string, Article>;
  /** Articles of earlier digests, clustered with the new ones so a follow-up is recognised as the same story. */
  context: Map<string, Article>;
  /** Publication and arrival times, parsed once per batch. */
  times: Map<string, { published: number; arrived: number }>;
  /** The pool's own search index, built on first use; visibility is applied per digest, not in the index. */
  index?: SearchIndex;
  stories?: { list: Story[]; byArticle: Map<string, number> };
  /** Per-batch memo of topic resolutions, topic hits and ranked story lists, shared by every chunk. */
  memo?: {
    topics: Map<string, Promise<Topic>>;
    hits: Map<string, TopicHits>;
    lists: Map<string, { story: number; ranked: RankedStory }[]>;
  };
}

/** What composition needs; search index, topics and clusterer are ports so the real implementations drop in. */
export interface DigestComposerDeps {
  articles: ArticleStore;
  /** Makes an empty search index; each batch indexes just its pool, once, for every tenant at once. */
  createIndex: () => SearchIndex;
  topics: TopicService;
  clusterer: StoryClusterer;
  topN: number;
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

/** When an article counts as news: publication time, or arrival time when undated. */
export function newsTime(article: Article): number {
  return Date.parse(article.publishedAt ?? article.fetchedAt);
}

/**
 * True when the article belongs in a window: published inside it, or arrived inside it (late) while
 * published no more than STALE_MS before it. Backlog articles never belong in any digest.
 */
export function inWindow(article: Article, since: number, until: number): boolean {
  if (article.backlog) return false;
  return timesInWindow(newsTime(article), Date.parse(article.fetchedAt), since, until);
}

function timesInWindow(published: number, arrived: number, since: number, until: number): boolean {
  if (published >= until) return false;
  if (published >= since) return true;
  return arrived >= since && arrived < until && published >= since - STALE_MS;
}

const EMPTY: ReadonlySet<string> = new Set();
/** How much of each article's text the batch index reads. */
const INDEXED_CHARS = 3000;
/** Hits scoring below this share of a topic's best hit are left out of its digests. */
export const MIN_RELEVANCE = 0.2;

/** A topic's hits in a pool, with what a channel's view of them depends on. */
interface TopicHits {
  hits: { article: Article; relevance: number }[];
  /** Every article in a story that has a hit. */
  touched: Set<string>;
  /** Tenants owning private articles among those: only they see a different list. */
  privateOwners: Set<string>;
}

/** Creates the batch composer. */
export function createDigestComposer(deps: DigestComposerDeps): DigestComposer {
  const loadPool: DigestComposer['loadPool'] = async (since, until, contextIds = []) => {
    const pool: ArticlePool = {
      since: since.getTime(),
      until: until.getTime(),
      articles: new Map(),
      context: new Map(),
      times: new Map(),
    };
    // One scan of the store for the whole batch: it also sees articles other processes wrote.
    for await (const article of deps.articles.all()) {
      if (!inWindow(article, pool.since, pool.until)) continue;
      pool.articles.set(article.id, article);
      pool.times.set(article.id, { published: newsTime(article), arrived: Date.parse(article.fetchedAt) });
    }
    const wanted = [...new Set(contextIds)].filter((id) => !pool.articles.has(id));
    for (const article of await deps.articles.getMany(wanted)) {
      if (article) pool.context.set(article.id, article);
    }
    return pool;
  };

  const poolIndex = (pool: ArticlePool): SearchIndex => {
    if (!pool.index) {
      pool.index = deps.createIndex();
      // Indexed as public: one search per topic serves every tenant, and each digest filters by visibility.
      // The title and opening carry what a story is about; the rest would only slow a batch down.
      for (const article of pool.articles.values())
        pool.index.add({ ...article, text: article.text.slice(0, INDEXED_CHARS), owners: ['*'] });
    }
    return pool.index;
  };

  const clustered = (pool: ArticlePool) => {
    if (!pool.stories) {
      const list = deps.clusterer.cluster([...pool.articles.values(), ...pool.context.values()]);
      const byArticle = new Map<string, number>();
      list.forEach((story, index) => {
        for (const article of story.articles) byArticle.set(article.id, index);
      });
      pool.stories = { list, byArticle };
    }
    return pool.stories;
  };

  const compose: DigestComposer['compose'] = async (pool, requests) => {
    const { list: stories, byArticle } = clustered(pool);
    pool.memo ??= { topics: new Map(), hits: new Map(), lists: new Map() };
    const { topics: topicCache, hits: hitCache, lists } = pool.memo;
    const resolve = (tenant: Tenant, text: string) => {
      const key = `${tenantKey(tenant)}\u0000${text}`;
      let topic = topicCache.get(key);
      if (!topic) {
        topic = deps.topics.resolve(tenant, text);
        topicCache.set(key, topic);
      }
      return topic;
    };
    const hitsFor = (topic: Topic): TopicHits => {
      const key = `${topic.name}\u0000${topic.query}`;
      let info = hitCache.get(key);
      if (!info) {
        const found = poolIndex(pool).search(topic.query, {
          owner: '*',
          limit: pool.articles.size,
          now: new Date(pool.until),
        });
        const scored = new Map<string, number>();
        for (const hit of found.hits) scored.set(hit.id, hit.score);
        const top = Math.max(0, ...scored.values());
        // Articles tagged with the topic at ingest count even when the query words are absent.
        for (const article of pool.articles.values()) {
          if (article.topics.includes(topic.name))
            scored.set(article.id, Math.max(scored.get(article.id) ?? 0, top > 0 ? top / 2 : 1));
        }
        const max = Math.max(0, ...scored.values());
        info = { hits: [], touched: new Set(), privateOwners: new Set() };
        for (const [id, score] of scored) {
          const article = pool.articles.get(id);
          if (!article) continue;
          const relevance = max > 0 ? score / max : 0;
          // A passing mention (one common query word) does not make an article about the topic.
          if (relevance < MIN_RELEVANCE) continue;
          info.hits.push({ article, relevance });
          const story = stories[byArticle.get(id) ?? -1];
          for (const member of story?.articles ?? [article]) {
            info.touched.add(member.id);
            for (const owner of member.owners) if (owner !== '*') info.privateOwners.add(owner);
          }
        }
        hitCache.set(key, info);
      }
      return info;
    };

    // One ranked story list per (topic, what the channel may see, window, what it already had), shared by
    // every channel with the same answer: most channels of a batch share topics, windows and visibility.
    const timeOf = (article: Article) => pool.times.get(article.id)?.published ?? newsTime(article);
    const topicList = (topic: Topic, request: DigestRequest) => {
      const info = hitsFor(topic);
      const owner = tenantKey(request.tenant);
      const since = request.since.getTime();
      const until = request.until.getTime();
      const exclude = request.exclude ?? EMPTY;
      const seen =
        exclude.size === 0
          ? ''
          : [...exclude]
              .filter((id) => info.touched.has(id))
              .sort()
              .join(',');
      const view = info.privateOwners.has(owner) ? owner : '*';
      const key = `${topic.name}\u0000${topic.query}\u0000${view}\u0000${since}\u0000${until}\u0000${seen}`;
      let list = lists.get(key);
      if (list) return list;
      const usable = (article: Article) => {
        const times = pool.times.get(article.id);
        return (
          times !== undefined &&
          !article.backlog &&
          timesInWindow(times.published, times.arrived, since, until) &&
          visibleTo(article, owner) &&
          !exclude.has(article.id)
        );
      };
      const best = new Map<number, number>();
      for (const { article, relevance } of info.hits) {
        if (!usable(article)) continue;
        const story = byArticle.get(article.id);
        if (story !== undefined) best.set(story, Math.max(best.get(story) ?? 0, relevance));
      }
      list = [];
      for (const [storyIndex, relevance] of best) {
        const story = stories[storyIndex]!;
        // A story the channel has already seen stays told, even when a new outlet joins it.
        if (story.articles.some((article) => exclude.has(article.id))) continue;
        const members = story.articles.filter(usable);
        if (members.length === 0) continue;
        const representative = members.includes(story.representative) ? story.representative : members[0]!;
        list.push({
          story: storyIndex,
          ranked: scoreStory(representative, members, [relevance], until, timeOf),
        });
      }
      list.sort(
        (a, b) =>
          b.ranked.score - a.ranked.score ||
          b.ranked.published - a.ranked.published ||
          (a.ranked.representative.id < b.ranked.representative.id ? -1 : 1),
      );
      lists.set(key, list);
      return list;
    };

    const results: ComposedDigest[] = [];
    for (const request of requests) {
      const topics = await Promise.all(request.topics.map((text) => resolve(request.tenant, text)));
      // Far more candidates than can be shown: a story below this rank for every topic cannot make a section.
      const depth = deps.topN * topics.length * 3 + 10;
      const merged = new Map<number, RankedStory>();
      topics.forEach((topic, topicIndex) => {
        const list = topicList(topic, request);
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
              score: 0,
            };
            merged.set(story, row);
          }
          row.relevance[topicIndex] = ranked.relevance[0]!;
          row.scores[topicIndex] = ranked.score;
          if (ranked.score > row.score) row.score = ranked.score;
        }
      });
      const picked = selectSections([...merged.values()], topics.length, deps.topN);
      const sections: ComposedSection[] = topics.map((topic, index) => ({
        requested: request.topics[index] ?? topic.name,
        name: topic.name,
        topic: topic.label,
        stories: (picked[index] ?? []).map(toComposedStory),
      }));
      const articleIds = sections.flatMap((section) => section.stories.flatMap((story) => story.articleIds));
      results.push({
        key: request.key,
        tenant: request.tenant,
        since: request.since,
        until: request.until,
        sections,
        storyCount: sections.reduce((sum, section) => sum + section.stories.length, 0),
        articleIds,
      });
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

function toComposedStory(ranked: RankedStory): ComposedStory {
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
  };
}
