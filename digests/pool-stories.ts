import { type Article, visibleTo } from '../src/core/article.ts';
import type { ArticleStore } from '../src/core/ports/article-store.ts';
import type { SearchIndex } from '../src/core/ports/search-index.ts';
import type { Story, StoryClusterer } from '../src/core/ports/story-clusterer.ts';
import type { Topic } from '../src/core/ports/topic-service.ts';
import { type Tenant, tenantKey } from '../src/core/tenant.ts';
import { type RankedStory, scoreStory } from './digest-ranking.ts';

/** How far before a window an article may be dated and still count when it arrives inside the window. */
export const STALE_MS = 72 * 3_600_000;
/** Hits scoring below this share of a topic's best hit are left out of its digests. */
export const MIN_RELEVANCE = 0.2;

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
  stories?: PoolStories;
  /** Per-batch memo of topic resolutions, topic hits and ranked story lists, shared by every chunk. */
  memo?: {
    topics: Map<string, Promise<Topic>>;
    hits: Map<string, TopicHits>;
    lists: Map<string, TopicListEntry[]>;
  };
}

/** A topic's hits in a pool, with what a channel's view of them depends on. */
export interface TopicHits {
  hits: { article: Article; relevance: number }[];
  /** Every article in a story that has a hit. */
  touched: Set<string>;
  /** Tenants owning private articles among those: only they see a different list. */
  privateOwners: Set<string>;
}

/** What a ranked topic list depends on: whose channel, its window and what it already had. */
export interface ListView {
  tenant: Tenant;
  since: Date;
  until: Date;
  exclude?: ReadonlySet<string>;
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

/** The window test on parsed times. */
export function timesInWindow(published: number, arrived: number, since: number, until: number): boolean {
  if (published >= until) return false;
  if (published >= since) return true;
  return arrived >= since && arrived < until && published >= since - STALE_MS;
}

const EMPTY: ReadonlySet<string> = new Set();
/** How much of each article's text the batch index reads. */
const INDEXED_CHARS = 3000;

/** One scan of the store for the whole batch (it also sees articles other processes wrote), plus context. */
export async function loadArticlePool(
  articles: ArticleStore,
  since: Date,
  until: Date,
  contextIds: Iterable<string> = [],
): Promise<ArticlePool> {
  const pool: ArticlePool = {
    since: since.getTime(),
    until: until.getTime(),
    articles: new Map(),
    context: new Map(),
    times: new Map(),
  };
  for await (const article of articles.all()) {
    if (!inWindow(article, pool.since, pool.until)) continue;
    pool.articles.set(article.id, article);
    pool.times.set(article.id, { published: newsTime(article), arrived: Date.parse(article.fetchedAt) });
  }
  const wanted = [...new Set(contextIds)].filter((id) => !pool.articles.has(id));
  for (const article of await articles.getMany(wanted)) {
    if (article) pool.context.set(article.id, article);
  }
  return pool;
}

/** The pool's own search index, built on first use. */
export function poolIndex(pool: ArticlePool, createIndex: () => SearchIndex): SearchIndex {
  if (!pool.index) {
    pool.index = createIndex();
    // Indexed as public: one search per topic serves every tenant, and each digest filters by visibility.
    // The title and opening carry what a story is about; the rest would only slow a batch down.
    for (const article of pool.articles.values())
      pool.index.add({ ...article, text: article.text.slice(0, INDEXED_CHARS), owners: ['*'] });
  }
  return pool.index;
}

/** The pool's stories, clustered once per batch with the context articles. */
export function clusteredPool(pool: ArticlePool, clusterer: StoryClusterer) {
  if (!pool.stories) {
    const list = clusterer.cluster([...pool.articles.values(), ...pool.context.values()]);
    const byArticle = new Map<string, number>();
    list.forEach((story, index) => {
      for (const article of story.articles) byArticle.set(article.id, index);
    });
    pool.stories = { list, byArticle };
  }
  return pool.stories;
}

/** A topic's hits in the pool: search relevance, plus articles tagged with the topic at ingest. */
export function topicHits(
  pool: ArticlePool,
  index: SearchIndex,
  topic: Topic,
  stories: PoolStories,
): TopicHits {
  const found = index.search(topic.query, {
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
  const info: TopicHits = { hits: [], touched: new Set(), privateOwners: new Set() };
  for (const [id, score] of scored) {
    const article = pool.articles.get(id);
    if (!article) continue;
    const relevance = max > 0 ? score / max : 0;
    // A passing mention (one common query word) does not make an article about the topic.
    if (relevance < MIN_RELEVANCE) continue;
    info.hits.push({ article, relevance });
    const story = stories.list[stories.byArticle.get(id) ?? -1];
    for (const member of story?.articles ?? [article]) {
      info.touched.add(member.id);
      for (const owner of member.owners) if (owner !== '*') info.privateOwners.add(owner);
    }
  }
  return info;
}

/** The clustered stories of a pool, by position, and each article's story. */
export type PoolStories = { list: Story[]; byArticle: Map<string, number> };
/** One ranked candidate of a topic list. */
export type TopicListEntry = { story: number; ranked: RankedStory };

/**
 * The memo key of a topic list: channels with the same topic, view, window and already-seen stories share
 * one ranked list (most channels of a batch do).
 */
export function topicListKey(topic: Topic, info: TopicHits, request: ListView): string {
  const exclude = request.exclude ?? EMPTY;
  const seen =
    exclude.size === 0
      ? ''
      : [...exclude]
          .filter((id) => info.touched.has(id))
          .sort()
          .join(',');
  const owner = tenantKey(request.tenant);
  const view = info.privateOwners.has(owner) ? owner : '*';
  return `${topic.name}\u0000${topic.query}\u0000${view}\u0000${request.since.getTime()}\u0000${request.until.getTime()}\u0000${seen}`;
}

/** The topic's stories a channel may get, best first: visible, in its window, none it has seen already. */
export function rankTopicList(pool: ArticlePool, stories: PoolStories, info: TopicHits, request: ListView) {
  const owner = tenantKey(request.tenant);
  const since = request.since.getTime();
  const until = request.until.getTime();
  const exclude = request.exclude ?? EMPTY;
  const timeOf = (article: Article) => pool.times.get(article.id)?.published ?? newsTime(article);
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
    const story = stories.byArticle.get(article.id);
    if (story !== undefined) best.set(story, Math.max(best.get(story) ?? 0, relevance));
  }
  const list: TopicListEntry[] = [];
  for (const [storyIndex, relevance] of best) {
    const story = stories.list[storyIndex]!;
    // A story the channel has already seen stays told, even when a new outlet joins it.
    if (story.articles.some((article) => exclude.has(article.id))) continue;
    const members = story.articles.filter(usable);
    if (members.length === 0) continue;
    const representative = members.includes(story.representative) ? story.representative : members[0]!;
    list.push({ story: storyIndex, ranked: scoreStory(representative, members, [relevance], until, timeOf) });
  }
  return list.sort(
    (a, b) =>
      b.ranked.score - a.ranked.score ||
      b.ranked.published - a.ranked.published ||
      (a.ranked.representative.id < b.ranked.representative.id ? -1 : 1),
  );
}
