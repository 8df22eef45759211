import { UserError } from '../errors.ts';
import type { Article } from './article.ts';
import type { CardMemory } from './card-memory.ts';
import { createPrimarySourceFinder } from './policy/primary-sources.ts';
import type { ArticleStore } from './ports/article-store.ts';
import type { SearchIndex, SearchResult } from './ports/search-index.ts';

import type { Story, StoryClusterer } from './ports/story-clusterer.ts';
import type { TenantTopics, TopicManager } from './ports/topic-service.ts';
import type { StoryCard } from './reply.ts';
import { parseQuery } from './search/query-parser.ts';
import { toStoryCard } from './story-card.ts';
import { type RankedStory, rankStories } from './story-ranking.ts';
import { type Tenant, tenantKey } from './tenant.ts';

/** A page of search results as story cards, with what an empty or corrected answer needs to explain itself. */
export interface NewsPage extends Omit<SearchResult, 'hits' | 'total'> {
  stories: StoryCard[];
  /** Matching articles in all (several may be one story). */
  total: number;
  /** True when there are stories after this page. */
  hasMore: boolean;
  /**
   * Positions on this page (1 = first card) of stories whose articles each lack a query word: they rank
   * among the full matches but `total` does not count them. Left out when none, or when `relaxed`.
   */
  partialCards?: number[];
  /** True while this instance is still building its index from the store: answers may miss articles. */
  warming?: boolean;
  /** True when the index matched articles the store could not give back (a store wiped or recovering). */
  unreadable?: boolean;
  /** True when the store is unreachable and the cards come from this instance's memory of recent articles. */
  fromMemory?: boolean;
  /** The labels of the query's `topic:` filters, in their order ("Huawei" for `topic:huawei`), if any. */
  topicLabels?: string[];
}

/** Answers `/news`: search, then one card per story, only what the tenant may see. */
export interface NewsService {
  search(query: string, options: { tenant: Tenant; page: number; pageSize: number }): Promise<NewsPage>;
}

/** Most articles clustered for one page of answers; deeper pages see stories among these. */
const MAX_WINDOW = 250;

/** Creates the news service over the search index, the article store, topics and the story clusterer. */
export function createNewsService(deps: {
  index: SearchIndex;
  articles: Pick<ArticleStore, 'getMany'>;
  now: () => Date;
  /** True while the index is still being built (a brand-new instance). */
  warming?: () => boolean;
  topics?: TopicManager;
  clusterer: StoryClusterer;
  /** Cards of recent articles, and whether the store is down: together they answer during an outage. */
  outage?: { memory: CardMemory; storeDown: () => Promise<boolean> };
}): NewsService {
  const clusterer = deps.clusterer;
  const primary = createPrimarySourceFinder(deps);
  /** A store read, or `undefined` when it failed because the store is down and memory can answer. */
  const orOutage = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      if (deps.outage && (await deps.outage.storeDown())) return undefined;
      throw error;
    }
  };
  return {
    async search(query, { tenant, page, pageSize }) {
      const now = deps.now();
      // One read of the tenant's topics serves the filter check, the aliases and every card's tags: on a
      // shared store each read is a round trip, and one per card queued /news behind itself at 10 a second.
      const topics = deps.topics ? await orOutage(() => deps.topics!.viewFor(tenant)) : undefined;
      // Without the tenant's topics a `topic:` filter cannot be told apart from a typo: that needs the store.
      if (deps.topics && !topics && parseQuery(query, now).topics.length > 0) throw new StoreDownError();
      const aliases = topics?.aliases ?? new Map<string, string[]>();
      const topicLabels = topics ? checkTopics(topics, query, now) : [];
      // Several articles fold into one story, so read ahead of the page: about four articles per card.
      const window = Math.min(MAX_WINDOW, page * pageSize * 4);
      const { hits, total, ...extras } = deps.index.search(query, {
        owner: tenantKey(tenant),
        limit: window,
        offset: 0,
        now,
        topicAliases: aliases,
      });
      const loaded = await orOutage(() => deps.articles.getMany(hits.map((hit) => hit.id)));
      // A read that failed, or (an adapter that swallows the error) found none of what the index holds.
      const down =
        !loaded || (hits.length > 0 && loaded.every((a) => !a) && (await deps.outage?.storeDown()));
      if (!loaded || down) return fromMemory(deps.outage!.memory, hits, { total, page, pageSize, extras });
      const scores = new Map(hits.map((hit) => [hit.id, hit.score]));
      const articles = loaded.filter((a): a is Article => a !== undefined);
      // Clustering sees the articles in search order; ranking then picks each story's freshest version
      // and puts dated stories ahead of undated ones at equal relevance.
      const stories = rankStories(clusterer.cluster(articles), scores);
      const start = (page - 1) * pageSize;
      const shown = stories.slice(start, start + pageSize);
      const cards = await cardsOf(shown, { topics, primary, owner: tenantKey(tenant), now });
      return {
        ...extras,
        stories: cards,
        total,
        hasMore: stories.length > start + pageSize || (hits.length === window && total > window),
        ...(extras.relaxed ? {} : partialCardsOf(shown, hits)),
        ...(deps.warming?.() ? { warming: true } : {}),
        ...(hits.length > 0 && articles.length === 0 ? { unreadable: true } : {}),
        ...(topicLabels.length > 0 ? { topicLabels } : {}),
      };
    },
  };
}

/** The page's cards: each story's representative with its tenant topic tags and the primary sources it cites. */
function cardsOf(
  shown: readonly RankedStory[],
  context: {
    topics: TenantTopics | undefined;
    primary: ReturnType<typeof createPrimarySourceFinder>;
    owner: string;
    now: Date;
  },
): Promise<StoryCard[]> {
  return Promise.all(
    shown.map(async (story) => {
      const card = toStoryCard(story.representative, story.score);
      const extra = context.topics ? context.topics.tags(story.representative) : [];
      const cited = await context.primary.find(story.representative, {
        owner: context.owner,
        now: context.now,
      });
      return withStory(
        {
          ...card,
          topics: [...new Set([...card.topics, ...extra])],
          ...(cited.length > 0 ? { primarySources: cited } : {}),
        },
        story,
      );
    }),
  );
}

/** `partialCards`: positions (1 = first) of the stories whose every article lacks a query word, if any. */
function partialCardsOf(shown: readonly Story[], hits: SearchResult['hits']): { partialCards?: number[] } {
  const partial = new Set(hits.filter((hit) => hit.partial).map((hit) => hit.id));
  const partialCards = shown
    .map((story, i) => (story.articles.every((a) => partial.has(a.id)) ? i + 1 : 0))
    .filter((position) => position > 0);
  return partialCards.length > 0 ? { partialCards } : {};
}

/** Thrown when the store is down and memory cannot answer: the dispatcher tells the user so. */
class StoreDownError extends Error {
  constructor() {
    super('the news store is unreachable');
  }
}

/**
 * A page answered from the cards this instance remembers, while the store is unreachable: the index's
 * order, one card per article (the texts for clustering are in the store), the ones not kept left out.
 */
function fromMemory(
  memory: CardMemory,
  hits: SearchResult['hits'],
  page: { total: number; page: number; pageSize: number; extras: Omit<SearchResult, 'hits' | 'total'> },
): NewsPage {
  const cards = memory.recall(hits.map((hit) => hit.id)).filter((card) => card !== undefined);
  const start = (page.page - 1) * page.pageSize;
  return {
    ...page.extras,
    stories: cards.slice(start, start + page.pageSize),
    total: page.total,
    hasMore: false,
    fromMemory: true,
    ...(hits.length > 0 && cards.length === 0 ? { unreadable: true } : {}),
  };
}

/**
 * Refuses a `topic:` filter naming no topic of the tenant's, saying where to look them up; returns the
 * labels of the ones it names, for the reply's header.
 */
function checkTopics(topics: TenantTopics, query: string, now: Date): string[] {
  const wanted = parseQuery(query, now).topics;
  if (wanted.length === 0) return [];
  const known = new Map(topics.list.map((t) => [t.name, t.label]));
  for (const name of wanted) {
    if (!known.has(name) && !topics.aliases.has(name)) {
      throw new UserError(
        'not_found',
        `There is no topic called "${name.slice(0, 40)}".`,
        'See /topics list for the topics you can filter by, e.g. topic:export-controls-chips.',
      );
    }
  }
  return wanted.map((name) => known.get(name) ?? name);
}

/** Adds the story's other outlets and article ids to its representative's card. */
export function withStory(card: StoryCard, story: Story): StoryCard {
  const seen = new Set([story.representative.source]);
  const alsoCoveredBy: StoryCard['alsoCoveredBy'] = [];
  for (const article of story.articles.slice(1)) {
    if (seen.has(article.source)) continue;
    seen.add(article.source);
    alsoCoveredBy.push({ source: article.source, url: article.canonicalUrl });
  }
  return { ...card, id: story.id, alsoCoveredBy, articleIds: story.articles.map((a) => a.id) };
}
