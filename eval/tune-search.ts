/**
 * Grid search for the index's BM25F parameters on the TUNING half of the judged queries only
 * (eval/search-judgments.json, `half: "tune"`); the checking half is printed beside each row but never
 * used to choose. A first grid (k1 0.9–1.6, title weight 2–5, body b 0.5–0.9, summary weight 0.5–3) put
 * the best at title weight 5; this one is centred there.
 * Run: npx tsx eval/tune-search.ts
 */
import { readFileSync } from 'node:fs';
import { createInvertedIndex } from '../src/core/search/inverted-index.ts';
import { evalArticles, ndcgAt } from './search.eval.ts';

interface Query {
  query: string;
  judgments: Record<string, number>;
  half: 'tune' | 'check';
}

const articles = evalArticles();
if (!articles) throw new Error('tech-articles corpus missing');
const queries: Query[] = JSON.parse(
  readFileSync(new URL('./search-judgments.json', import.meta.url), 'utf8'),
).queries;
const now = new Date('2025-01-01T00:00:00Z');
const results: { k1: number; title: number; tune: number; check: number }[] = [];
for (const k1 of [1.2, 1.6, 2])
  for (const title of [3, 4, 5, 7, 10]) {
    const index = createInvertedIndex({ ranking: { k1, title: { weight: title, b: 0.4 } } });
    for (const article of articles) index.add(article);
    const mean = (half: Query['half']) => {
      const list = queries.filter((q) => q.half === half);
      const hits = (q: Query) => index.search(q.query, { owner: '*', limit: 5, now }).hits.map((h) => h.id);
      return list.reduce((sum, q) => sum + ndcgAt(hits(q), q.judgments), 0) / list.length;
    };
    results.push({ k1, title, tune: mean('tune'), check: mean('check') });
  }
results.sort((a, b) => b.tune - a.tune);
for (const r of results)
  console.log(
    `k1 ${r.k1}  title weight ${r.title}  nDCG@5 tuning half ${r.tune.toFixed(3)}  checking half ${r.check.toFixed(3)}`,
  );
