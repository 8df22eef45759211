/**
 * Grid search for the index's BM25F parameters on the TUNING half of the judged queries only
 * (eval/search-judgments.json, `half: "tune"`); the checking half is neither scored nor printed, since a
 * figure beside each row invites choosing by it (it is measured once, by `npm run eval`). A first grid (k1 0.9–1.6, title weight 2–5, body b 0.5–0.9, summary weight 0.5–3) put
 * the best at title weight 5; this one is centred there.
 * With `--coverage` it grids instead the power of the word-share factor for articles with only some of the
 * query words (`coveragePower`), at the default BM25F parameters.
 * Run: npx tsx eval/tune-search.ts [--coverage]
 */
import { readFileSync } from 'node:fs';
import type { RankingParams } from '../src/core/search/index-state.ts';
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
/** Mean nDCG@5 of an index with these ranking parameters, on the tuning half. */
function halves(ranking: Partial<RankingParams>): { tune: number } {
  const index = createInvertedIndex({ ranking });
  for (const article of articles!) index.add(article);
  const mean = (half: 'tune') => {
    const list = queries.filter((q) => q.half === half);
    const hits = (q: Query) => index.search(q.query, { owner: '*', limit: 5, now }).hits.map((h) => h.id);
    return list.reduce((sum, q) => sum + ndcgAt(hits(q), q.judgments), 0) / list.length;
  };
  return { tune: mean('tune') };
}

const results: { label: string; tune: number }[] = [];
if (process.argv.includes('--coverage')) {
  for (const coveragePower of [0, 0.5, 1, 1.5, 2, 3, 4, 6])
    results.push({ label: `coverage power ${coveragePower}`, ...halves({ coveragePower }) });
} else {
  for (const k1 of [1.2, 1.6, 2])
    for (const title of [3, 4, 5, 7, 10])
      results.push({
        label: `k1 ${k1}  title weight ${title}`,
        ...halves({ k1, title: { weight: title, b: 0.4 } }),
      });
}
results.sort((a, b) => b.tune - a.tune);
for (const r of results) console.log(`${r.label}  nDCG@5 tuning half ${r.tune.toFixed(3)}`);
