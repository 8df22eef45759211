import { visibleTo } from '../article.ts';
import { contentTokens } from '../text/tokens.ts';
import type { SearchHit, SearchIndex } from './search-index.ts';

interface Doc {
  id: string;
  owners: string[];
  published: number;
  length: number;
  terms: Map<string, number>;
}

const TITLE_WEIGHT = 3;
const K1 = 1.2;
const B = 0.75;

/** A BM25 index over title and body, with recency to break ties between equally relevant articles. */
export function createSimpleIndex(): SearchIndex {
  const docs = new Map<string, Doc>();
  const postings = new Map<string, Set<string>>();
  let totalLength = 0;

  const remove = (id: string) => {
    const doc = docs.get(id);
    if (!doc) return;
    for (const term of doc.terms.keys()) postings.get(term)?.delete(id);
    totalLength -= doc.length;
    docs.delete(id);
  };

  return {
    get size() {
      return docs.size;
    },
    add(article) {
      remove(article.id);
      const terms = new Map<string, number>();
      const bump = (token: string, weight: number) => terms.set(token, (terms.get(token) ?? 0) + weight);
      for (const token of contentTokens(article.title)) bump(token, TITLE_WEIGHT);
      const body = contentTokens(article.text);
      for (const token of body) bump(token, 1);
      const length = body.length + TITLE_WEIGHT * contentTokens(article.title).length;
      const date = Date.parse(article.publishedAt ?? article.fetchedAt);
      docs.set(article.id, { id: article.id, owners: article.owners, published: date, length, terms });
      totalLength += length;
      for (const term of terms.keys()) {
        const set = postings.get(term) ?? new Set<string>();
        set.add(article.id);
        postings.set(term, set);
      }
    },
    remove,
    search(query, options) {
      const terms = [...new Set(contentTokens(query))];
      if (terms.length === 0) return { hits: [], total: 0 };
      const avg = totalLength / Math.max(1, docs.size);
      const scores = new Map<string, number>();
      for (const term of terms) {
        const ids = postings.get(term);
        if (!ids || ids.size === 0) continue;
        const idf = Math.log(1 + (docs.size - ids.size + 0.5) / (ids.size + 0.5));
        for (const id of ids) {
          const doc = docs.get(id)!;
          if (!visibleTo(doc, options.owner)) continue;
          const tf = doc.terms.get(term) ?? 0;
          const part = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / avg));
          scores.set(id, (scores.get(id) ?? 0) + part);
        }
      }
      const hits: SearchHit[] = [...scores].map(([id, score]) => ({ id, score }));
      hits.sort(
        (a, b) => b.score - a.score || (docs.get(b.id)?.published ?? 0) - (docs.get(a.id)?.published ?? 0),
      );
      const offset = options.offset ?? 0;
      return { hits: hits.slice(offset, offset + options.limit), total: hits.length };
    },
  };
}
