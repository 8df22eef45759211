import { type Article, visibleTo } from '../src/core/article.ts';
import { toStoryCard } from '../src/core/news-service.ts';
import type { StoryCard } from '../src/core/reply.ts';
import type { SearchIndex } from '../src/core/search/search-index.ts';
import type { ArticleStore } from '../src/core/store/ports.ts';
import type { Story, StoryClusterer } from '../src/core/stories/story.ts';
import { type Tenant, tenantKey } from '../src/core/tenant.ts';
import type { Topic, TopicService } from '../src/core/topics/topic.ts';
import { type RankedStory, scoreStory, selectSections } from './rank.ts';

/** How far before a window an article may be dated and still count when it arrives inside the window. */
export const STALE_MS = 72 * 3_600_000;
/** Most hits read per topic search; the window filter runs on these. */
const SEARCH_LIMIT = 5000;

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
  /** Distinct private owners among pooled articles: only these tenants need their own search. */
  privateOwners: Set<string>;
  stories?: { list: Story[]; byArticle: Map<string, number> };
}

/** What composition needs; topics and clusterer are ports so the real implementations drop in. */
export interface DigestComposerDeps {
  articles: ArticleStore;
  index: SearchIndex;
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
  const published = newsTime(article);
  if (published >= until) return false;
  if (published >= since) return true;
  const arrived = Date.parse(article.fetchedAt);
  return arrived >= since && arrived < until && published >= since - STALE_MS;
}

/** Creates the batch composer. */
export function createDigestComposer(deps: DigestComposerDeps): DigestComposer {
  const indexed = new Map<string, string>();

  const loadPool: DigestComposer['loadPool'] = async (since, until, contextIds = []) => {
    const pool: ArticlePool = {
      since: since.getTime(),
      until: until.getTime(),
      articles: new Map(),
      context: new Map(),
      privateOwners: new Set(),
    };
    for await (const article of deps.articles.all()) {
      if (!inWindow(article, pool.since, pool.until)) continue;
      pool.articles.set(article.id, article);
      for (const owner of article.owners) if (owner !== '*') pool.privateOwners.add(owner);
      // Articles written by another process (CLI ingest, another instance) reach this index here.
      if (indexed.get(article.id) !== article.updatedAt) {
        deps.index.add(article);
        indexed.set(article.id, article.updatedAt);
      }
    }
    const wanted = [...new Set(contextIds)].filter((id) => !pool.articles.has(id));
    for (const article of await deps.articles.getMany(wanted)) {
      if (article) pool.context.set(article.id, article);
    }
    return pool;
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
    const topicCache = new Map<string, Promise<Topic>>();
    const hitCache = new Map<string, { article: Article; relevance: number }[]>();
    const resolve = (tenant: Tenant, text: string) => {
      const key = `${tenantKey(tenant)}\u0000${text}`;
      let topic = topicCache.get(key);
      if (!topic) {
        topic = deps.topics.resolve(tenant, text);
        topicCache.set(key, topic);
      }
      return topic;
    };
    const hitsFor = (topic: Topic, owner: string) => {
      // Scores do not depend on who asks, so tenants without private articles share one public search.
      const searchOwner = pool.privateOwners.has(owner) ? owner : '*';
      const key = `${searchOwner}\u0000${topic.name}\u0000${topic.query}`;
      let hits = hitCache.get(key);
      if (!hits) {
        const found = deps.index.search(topic.query, {
          owner: searchOwner,
          limit: SEARCH_LIMIT,
          now: new Date(pool.until),
        });
        const scored = new Map<string, number>();
        for (const hit of found.hits) if (pool.articles.has(hit.id)) scored.set(hit.id, hit.score);
        const top = Math.max(0, ...scored.values());
        // Articles tagged with the topic at ingest count even when the query words are absent.
        for (const article of pool.articles.values()) {
          if (article.topics.includes(topic.name) && visibleTo(article, searchOwner))
            scored.set(article.id, Math.max(scored.get(article.id) ?? 0, top > 0 ? top / 2 : 1));
        }
        const max = Math.max(0, ...scored.values());
        hits = [...scored].map(([id, score]) => ({
          article: pool.articles.get(id)!,
          relevance: max > 0 ? score / max : 0,
        }));
        hitCache.set(key, hits);
      }
      return hits;
    };

    const results: ComposedDigest[] = [];
    for (const request of requests) {
      const owner = tenantKey(request.tenant);
      const since = request.since.getTime();
      const until = request.until.getTime();
      const exclude = request.exclude ?? new Set<string>();
      const usable = (article: Article) =>
        inWindow(article, since, until) && visibleTo(article, owner) && !exclude.has(article.id);
      const topics = await Promise.all(request.topics.map((text) => resolve(request.tenant, text)));
      const relevance = new Map<number, number[]>();
      topics.forEach((topic, topicIndex) => {
        for (const { article, relevance: rel } of hitsFor(topic, owner)) {
          if (!usable(article)) continue;
          const story = byArticle.get(article.id);
          if (story === undefined) continue;
          const row = relevance.get(story) ?? [];
          row[topicIndex] = Math.max(row[topicIndex] ?? 0, rel);
          relevance.set(story, row);
        }
      });
      const ranked: RankedStory[] = [];
      for (const [storyIndex, row] of relevance) {
        const story = stories[storyIndex]!;
        // A story the channel has already seen stays told, even when a new outlet joins it.
        if (story.articles.some((article) => exclude.has(article.id))) continue;
        const members = story.articles.filter(usable);
        if (members.length === 0) continue;
        const representative = members.includes(story.representative) ? story.representative : members[0]!;
        ranked.push(scoreStory(representative, members, row, until));
      }
      const picked = selectSections(ranked, topics.length, deps.topN);
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
