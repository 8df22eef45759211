import type { ArticleChange } from '../ports/change-log.ts';

/**
 * An article write and its change-log entry as one unit: both happen or neither. Separately, a process
 * killed between the write and the append leaves an article the other instances never hear about.
 */
export interface ArticleWrites {
  /** Stores the article and its stamp (both already serialized as keyv stores them) and logs the put. */
  put(id: string, article: string, stamp: string, change: Omit<ArticleChange, 'seq'>): Promise<number>;
  /** Removes the article and its stamp and logs the delete; false when there was no article. */
  delete(id: string): Promise<boolean>;
}

/** Where one store keeps articles and stamps: the tables (SQL) or key namespaces (Redis) keyv was given. */
export interface ArticleTables {
  articles: string;
  stamps: string;
}
