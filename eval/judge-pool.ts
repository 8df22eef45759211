/**
 * The judging sheet for a search query: the pool a judge reads to grade articles 0-3 for
 * eval/search-judgments.json. The pool is the union of the top 10 of all four engines of the search eval
 * plus every article whose text holds all of the query's words, printed in article-id order with no rank,
 * score or engine name beside it, so that a judge grades what an article says, not where it came.
 * Each entry shows the title, address, length and the passages where the query's words appear.
 * Run: npx tsx eval/judge-pool.ts "query one" ["query two" ...] [--passages=6] [--text=ID]
 */

import { bm25Engine, miniSearchEngine, ourEngine, policyWireEngine } from './lib/search-engines.ts';
import { evalArticles } from './search.eval.ts';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const queries = args.filter((a) => !a.startsWith('--'));
const maxPassages = Number(option('passages') ?? 6);
const articles = evalArticles();
if (!articles) {
  console.log('The tech-articles corpus is absent (../shared/corpora/tech-articles): nothing to judge.');
  process.exit(1);
}
const byId = new Map(articles.map((a) => [a.id, a]));

const wholeText = option('text');
if (wholeText) {
  const article = byId.get(wholeText);
  console.log(article ? `${article.title}\n${article.url}\n\n${article.text}` : `no article ${wholeText}`);
  process.exit(0);
}

const now = new Date('2025-01-01T00:00:00Z');
const engines = [
  policyWireEngine(articles, now),
  ourEngine(articles, now),
  bm25Engine(articles, now),
  miniSearchEngine(articles),
];
const words = (query: string) => query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Sentences of the text that hold one of the query's words, the ones holding most first. */
function passages(text: string, query: string): string[] {
  const wanted = words(query);
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());
  const scored = sentences
    .map((s, i) => ({ s: s.trim(), i, n: wanted.filter((w) => s.toLowerCase().includes(w)).length }))
    .filter((x) => x.n > 0);
  return scored
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, maxPassages)
    .sort((a, b) => a.i - b.i)
    .map((x) => `[${x.i}/${sentences.length}] ${x.s.slice(0, 400)}`);
}

for (const query of queries) {
  const pool = new Set<string>();
  for (const engine of engines) for (const id of await engine.search(query, 10)) pool.add(id);
  const wanted = words(query);
  for (const article of articles) {
    const text = `${article.title} ${article.text}`.toLowerCase();
    if (wanted.length > 0 && wanted.every((w) => text.includes(w))) pool.add(article.id);
  }
  const ids = [...pool].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  console.log(`\n=== ${query}: ${ids.length} articles to judge ===`);
  for (const id of ids) {
    const article = byId.get(id)!;
    console.log(`\n# ${id} | ${article.title}\n  ${article.url} | ${article.text.split(/\s+/).length} words`);
    for (const p of passages(article.text, query)) console.log(`  ${p}`);
  }
}
