import type { Article } from '../article.ts';

/** The article port: global content keyed by article id, visibility carried on each article. */
export interface ArticleStore {
  /** One article, or undefined when absent or unreadable. */
  get(id: string): Promise<Article | undefined>;
  /** Many articles in the order asked, undefined where absent. */
  getMany(ids: string[]): Promise<(Article | undefined)[]>;
  /** Inserts or replaces; resolves once the write is durable. */
  put(article: Article): Promise<void>;
  /** Removes one article; false when there was none. */
  delete(id: string): Promise<boolean>;
  /** Every stored article, in no promised order. */
  all(): AsyncIterable<Article>;
  /** Every article's search stamp (see articleStamp), read without the texts: a cheap list of what changed. */
  stamps(): Promise<ArticleStamps>;
  /**
   * Sets (or, for undefined, drops) stamps that disagree with the articles, e.g. of articles stored before
   * stamps existed, then records `epoch` as the moment the stamps became complete.
   */
  repairStamps(fixes: Map<string, string | undefined>, epoch: string): Promise<void>;
}

/** Stamps of the stored articles; `epoch` is set once they cover every article, and kept from then on. */
export interface ArticleStamps {
  epoch?: string;
  stamps: Map<string, string>;
}
