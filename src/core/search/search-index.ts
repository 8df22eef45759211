import type { Article } from '../article.ts';

/** A ranked search hit. */
export interface SearchHit {
  id: string;
  score: number;
}

/** What a search may be narrowed to. */
export interface SearchOptions {
  /** Tenant key of the asker: only articles visible to it are returned. */
  owner: string;
  limit: number;
  offset?: number;
  now?: Date;
}

/** The search port: an in-process index kept in step with the article store. */
export interface SearchIndex {
  /** Adds or replaces one article in the index. */
  add(article: Article): void;
  /** Removes an article by id. */
  remove(id: string): void;
  /** Ranked hits for a query; `total` counts every match before paging. */
  search(query: string, options: SearchOptions): { hits: SearchHit[]; total: number };
  /** How many articles are indexed. */
  readonly size: number;
}
