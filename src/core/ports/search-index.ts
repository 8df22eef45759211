import type { Article } from '../article.ts';

/** A ranked search hit. */
export interface SearchHit {
  id: string;
  score: number;
  /** True when the article lacks one of the query words (it ranks here, but `total` does not count it). */
  partial?: boolean;
}

/** What a search may be narrowed to. */
export interface SearchOptions {
  /** Tenant key of the asker: only articles visible to it are returned. */
  owner: string;
  limit: number;
  offset?: number;
  now?: Date;
  /**
   * The asker's own topics, by name, as the phrases that mean them: `topic:name` matches an article
   * containing any of them. Names not listed here fall back to the tags set at ingest (built-in topics).
   */
  topicAliases?: ReadonlyMap<string, string[]>;
}

/** Ranked hits plus what a reply needs to explain an empty or corrected answer. */
export interface SearchResult {
  hits: SearchHit[];
  /**
   * Every match with all the query words, before paging (with some of them, when `relaxed`). Articles with
   * only some of the words may rank among the hits too, but are not counted here.
   */
  total: number;
  /** A corrected query worth suggesting ("did you mean"), when a word was unknown or misspelt. */
  suggestion?: string;
  /** Query words found nowhere, ignored so the other words still find something. */
  ignored?: string[];
  /** True when no article had every word, so articles with some of them are shown. */
  relaxed?: boolean;
  /** Matches of the words alone, before the filters: tells "misspelt" from "filtered out". */
  beforeFilters?: number;
  /** Why nothing could be searched at all, e.g. only emoji or punctuation. */
  problem?: string;
}

/** The search port: an in-process index kept in step with the article store. */
export interface SearchIndex {
  /** Adds or replaces one article in the index. */
  add(article: Article): void;
  /** Removes an article by id. */
  remove(id: string): void;
  /** Ranked hits for a query; `total` counts every match before paging. */
  search(query: string, options: SearchOptions): SearchResult;
  /** How many articles are indexed. */
  readonly size: number;
}
