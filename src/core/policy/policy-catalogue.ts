import type { ArticleStore } from '../ports/article-store.ts';
import { isPolicyArticle, type PolicyArticle } from './follow-match.ts';

const CHUNK = 500;

/** The stored primary documents, re-read cheaply on every call. */
export interface PolicyCatalogue {
  /** Every stored primary document as it is now. */
  read(): Promise<PolicyArticle[]>;
}

/**
 * Reads the primary documents without a full store scan after the first: the article stamps (read without
 * texts) tell which articles are new or changed since the last call; those and the primary documents
 * already known are read again, the known ones always, since a record can change (a comment period
 * extended) while everything the stamp covers stays the same. Without complete stamps it scans.
 */
export function createPolicyCatalogue(articles: ArticleStore): PolicyCatalogue {
  let stamps: Map<string, string> | undefined;
  let policyIds = new Set<string>();

  const scan = async () => {
    const out: PolicyArticle[] = [];
    for await (const article of articles.all()) if (isPolicyArticle(article)) out.push(article);
    return out;
  };

  return {
    async read() {
      const current = await articles.stamps();
      if (current.epoch === undefined) {
        stamps = undefined;
        return scan();
      }
      const before = stamps;
      const ids = new Set(policyIds);
      for (const [id, stamp] of current.stamps) if (before?.get(id) !== stamp) ids.add(id);
      const list = [...ids];
      const out: PolicyArticle[] = [];
      for (let i = 0; i < list.length; i += CHUNK) {
        for (const article of await articles.getMany(list.slice(i, i + CHUNK)))
          if (article && isPolicyArticle(article)) out.push(article);
      }
      stamps = current.stamps;
      policyIds = new Set(out.map((article) => article.id));
      return out;
    },
  };
}
