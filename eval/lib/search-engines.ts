import MiniSearch from 'minisearch';
import type { Article } from '../../src/core/article.ts';
import { createNewsService } from '../../src/core/news-service.ts';
import { createInvertedIndex, type InvertedIndex } from '../../src/core/search/inverted-index.ts';
import { createStoryClusterer } from '../../src/core/stories/clusterer.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';

/** A search engine under evaluation: ranked article ids for a query. */
export interface Engine {
  name: string;
  search(query: string, limit: number): string[] | Promise<string[]>;
}

/** Our index over the articles, hits as the index ranks them (no story layer). */
export function ourEngine(articles: Article[], now: Date): Engine & { index: InvertedIndex } {
  const index = createInvertedIndex();
  for (const article of articles) index.add(article);
  return {
    name: 'index',
    index,
    search: (query, limit) => index.search(query, { owner: '*', limit, now }).hits.map((h) => h.id),
  };
}

/**
 * What `/news` answers: our index, then the news service's stories (clustered, freshest version shown,
 * dated before undated), one card per story; each card counts as its representative article.
 */
export function policyWireEngine(articles: Article[], now: Date): Engine {
  const index = createInvertedIndex();
  for (const article of articles) index.add(article);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const news = createNewsService({
    index,
    articles: { getMany: async (ids) => ids.map((id) => byId.get(id)) },
    now: () => now,
    clusterer: createStoryClusterer(),
  });
  return {
    name: 'policywire',
    search: async (query, limit) =>
      (await news.search(query, { tenant: CONSOLE_TENANT, page: 1, pageSize: limit })).stories.map(
        (card) => card.id,
      ),
  };
}

/**
 * Plain BM25 (k1 1.2, b 0.75) through our analyzer: one weight for title, summary and body, no recency,
 * no story layer. What our field weights, recency and stories add is measured against this.
 */
export function bm25Engine(articles: Article[], now: Date): Engine {
  const plain = { weight: 1, b: 0.75 };
  const index = createInvertedIndex({
    ranking: { k1: 1.2, title: plain, summary: plain, body: plain, recencyBoost: 0 },
  });
  for (const article of articles) index.add(article);
  return {
    name: 'bm25',
    search: (query, limit) => index.search(query, { owner: '*', limit, now }).hits.map((h) => h.id),
  };
}

/** MiniSearch with its default ranking (BM25+, OR, no boosts, no fuzzy, no prefix) over the same fields. */
export function miniSearchEngine(articles: Article[]): Engine & { mini: MiniSearch<Article> } {
  const mini = new MiniSearch<Article>({ fields: ['title', 'summary', 'text'], storeFields: [] });
  mini.addAll(articles);
  return {
    name: 'minisearch',
    mini,
    search: (query, limit) =>
      mini
        .search(query)
        .slice(0, limit)
        .map((r) => String(r.id)),
  };
}
