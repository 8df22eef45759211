import MiniSearch from 'minisearch';
import type { Article } from '../../src/core/article.ts';
import { createInvertedIndex, type InvertedIndex } from '../../src/core/search/inverted-index.ts';

/** A search engine under evaluation: ranked article ids for a query. */
export interface Engine {
  name: string;
  search(query: string, limit: number): string[];
}

/** Our index over the articles. */
export function ourEngine(articles: Article[], now: Date): Engine & { index: InvertedIndex } {
  const index = createInvertedIndex();
  for (const article of articles) index.add(article);
  return {
    name: 'policywire',
    index,
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
