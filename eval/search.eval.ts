import { readFileSync } from 'node:fs';
import { loadTechArticles, toArticles } from '../bench/tech-corpus.ts';
import type { Article } from '../src/core/article.ts';
import { type Engine, miniSearchEngine, ourEngine } from './lib/search-engines.ts';

interface Judgments {
  typo: string[];
  queries: { query: string; judgments: Record<string, number> }[];
}

const K = 5;

/** Graded nDCG@k with gains 2^rel - 1; unjudged articles count as not relevant. */
export function ndcgAt(ranked: string[], judgments: Record<string, number>, k = K): number {
  const gain = (rel: number) => 2 ** rel - 1;
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + gain(judgments[id] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(judgments)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, rel, i) => sum + gain(rel) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** The eval articles: the committed ids of the tech corpus, dated mid-year of their year. */
export function evalArticles(): Article[] | undefined {
  const wanted = new Set(
    (
      JSON.parse(readFileSync(new URL('./search-articles.json', import.meta.url), 'utf8')) as {
        ids: number[];
      }
    ).ids,
  );
  const rows = loadTechArticles()?.filter((r) => wanted.has(r.id));
  if (!rows) return undefined;
  return toArticles(rows, rows.length).map((article, i) => {
    const row = rows[i]!;
    const year = /^\d{4}$/.test(row.year) ? row.year : '2020';
    return { ...article, id: `t${row.id}`, publishedAt: `${year}-07-01T00:00:00Z` };
  });
}

/** nDCG@5 of our ranking and MiniSearch's default ranking on the judged queries. */
export async function run(): Promise<void> {
  const articles = evalArticles();
  if (!articles) return;
  const judged: Judgments = JSON.parse(
    readFileSync(new URL('./search-judgments.json', import.meta.url), 'utf8'),
  );
  const engines: Engine[] = [
    ourEngine(articles, new Date('2024-01-01T00:00:00Z')),
    miniSearchEngine(articles),
  ];
  console.log(
    `\nSearch relevance: nDCG@${K} over ${judged.queries.length} judged queries, ${articles.length} tech articles`,
  );
  const rows = judged.queries.map(({ query, judgments }) => ({
    query,
    scores: engines.map((engine) => ndcgAt(engine.search(query, K), judgments)),
  }));
  for (const row of rows) {
    console.log(`  ${row.query.padEnd(34)} ${row.scores.map((s) => s.toFixed(3)).join('   ')}`);
  }
  const mean = (list: typeof rows, i: number) => list.reduce((sum, r) => sum + r.scores[i]!, 0) / list.length;
  const noTypo = rows.filter((r) => !judged.typo.includes(r.query));
  console.log(`  ${'query'.padEnd(34)} ${engines.map((e) => e.name).join('   ')}`);
  console.log(
    `  mean nDCG@${K}, all ${rows.length} queries:`.padEnd(37) +
      engines.map((_, i) => mean(rows, i).toFixed(3)).join('        '),
  );
  console.log(
    `  mean nDCG@${K}, without typo queries (${noTypo.length}):`.padEnd(37) +
      engines.map((_, i) => mean(noTypo, i).toFixed(3)).join('        '),
  );
}
