import type { ArticleStore } from '../ports/article-store.ts';
import { isPolicyArticle, type PolicyArticle } from './follow-match.ts';

const CHUNK = 500;

/** The stored primary documents, kept in step with the store cheaply. */
export interface PolicyCatalogue {
  /** Every stored primary document as it is now. */
  read(): Promise<PolicyArticle[]>;
}

/**
 * Keeps the primary documents in memory and reads only what changed: the article stamps (read without
 * texts, and covering the policy record) tell which articles are new, changed or gone since the last call.
 * The first call reads every article once; without complete stamps every call scans.
 */
export function createPolicyCatalogue(articles: ArticleStore): PolicyCatalogue {
  let stamps = new Map<string, string>();
  const held = new Map<string, PolicyArticle>();

  const scan = async () => {
    const out: PolicyArticle[] = [];
    for await (const article of articles.all()) if (isPolicyArticle(article)) out.push(article);
    return out;
  };

  return {
    async read() {
      const current = await articles.stamps();
      if (current.epoch === undefined) {
        stamps = new Map();
        held.clear();
        return scan();
      }
      for (const id of stamps.keys()) if (!current.stamps.has(id)) held.delete(id);
      const changed = [...current.stamps].filter(([id, stamp]) => stamps.get(id) !== stamp).map(([id]) => id);
      for (let i = 0; i < changed.length; i += CHUNK) {
        const ids = changed.slice(i, i + CHUNK);
        const read = await articles.getMany(ids);
        ids.forEach((id, at) => {
          const article = read[at];
          if (article && isPolicyArticle(article)) held.set(id, article);
          else held.delete(id);
        });
      }
      stamps = current.stamps;
      return [...held.values()];
    },
  };
}
