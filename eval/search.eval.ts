import { readFileSync } from 'node:fs';
import { loadTechArticles, toArticles } from '../bench/tech-corpus.ts';
import type { Article } from '../src/core/article.ts';
import { summarizeExtractive } from '../src/core/summarize/extractive.ts';
import { cleanArticleText } from '../src/ingest/clean-text.ts';
import { distinctTexts, learnRepeatedLines } from '../src/ingest/source-furniture.ts';
import {
  bm25Engine,
  type Engine,
  miniSearchEngine,
  ourEngine,
  policyWireEngine,
} from './lib/search-engines.ts';

interface JudgedQuery {
  query: string;
  judgments: Record<string, number>;
  /**
   * How it was judged, always by reading the articles: 'read' as first written, 'reread' judged again
   * from scratch (first judged from pooled titles), 'blind' added later and never tuned on.
   */
  method: 'read' | 'reread' | 'blind';
  /** Ranking parameters may be chosen on the tuning half only. */
  half: 'tune' | 'check';
}

interface Judgments {
  typo: string[];
  queries: JudgedQuery[];
}

const K = 5;

/**
 * Graded nDCG@k with gains 2^rel - 1; unjudged articles count as not relevant. `same` maps an article to
 * its copy group (the corpus holds a few pages twice or three times): a group counts once in the ideal
 * ranking and only its first appearance in a result earns gain, so showing two copies wastes a slot.
 */
export function ndcgAt(
  ranked: string[],
  judgments: Record<string, number>,
  k = K,
  same: (id: string) => string = (id) => id,
): number {
  const gain = (rel: number) => 2 ** rel - 1;
  const grouped = new Map<string, number>();
  for (const [id, rel] of Object.entries(judgments)) {
    const group = same(id);
    grouped.set(group, Math.max(grouped.get(group) ?? 0, rel));
  }
  const seen = new Set<string>();
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    const group = same(id);
    if (!seen.has(group)) dcg += gain(grouped.get(group) ?? 0) / Math.log2(i + 2);
    seen.add(group);
  });
  const ideal = [...grouped.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, rel, i) => sum + gain(rel) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/**
 * The eval articles: the committed ids of the tech corpus, stored as the product stores a scraped `.txt`
 * (text cleaned by the ingest rules with what its site repeats, an extractive summary), dated by the date in their URL when it has
 * one (`/2020/07/06/`, `/2023/jul/20/`), else spread over their year by id. Dating every article of a year
 * on the same day would tell the story clusterer that they were all published together.
 */
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
  const raw = toArticles(rows, rows.length);
  const repeated = repeatedBySite(raw);
  return raw.map((article, i) => {
    const row = rows[i]!;
    const text = cleanArticleText(article.text, repeated.get(siteOf(article))) || article.text;
    const summary = summarizeExtractive({ title: article.title, text });
    return { ...article, id: `t${row.id}`, text, summary, publishedAt: dateOf(row.url, row.year, row.id) };
  });
}

const siteOf = (article: Article) => (article.url ? new URL(article.url).hostname : '');

/**
 * What each site repeats across its articles, learned as `ingest` of a folder of one source's scrapes
 * learns it (learnRepeatedLinesByFolder: only where the source has at least three articles).
 */
function repeatedBySite(articles: Article[]): Map<string, Set<string>> {
  const bySite = new Map<string, string[]>();
  for (const article of articles)
    bySite.set(siteOf(article), [...(bySite.get(siteOf(article)) ?? []), article.text]);
  const learned = new Map<string, Set<string>>();
  // A page the corpus holds twice counts once, as folder ingest counts it.
  for (const [site, texts] of bySite) {
    const distinct = distinctTexts(texts);
    if (site && distinct.length >= 3) learned.set(site, learnRepeatedLines(distinct));
  }
  return learned;
}

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');

/** The publication date a corpus row's URL states, or a day of its year chosen by its id. */
function dateOf(url: string, year: string, id: number): string {
  const numeric = /\/((?:19|20)\d{2})\/(\d{2})\/(\d{2})\//.exec(url);
  if (numeric) return `${numeric[1]}-${numeric[2]}-${numeric[3]}T12:00:00Z`;
  const named = /\/((?:19|20)\d{2})\/([a-z]{3})\/(\d{2})\//.exec(url);
  const month = named ? MONTHS.indexOf(named[2]!) : -1;
  if (named && month >= 0) return `${named[1]}-${String(month + 1).padStart(2, '0')}-${named[3]}T12:00:00Z`;
  const start = Date.UTC(/^\d{4}$/.test(year) ? Number(year) : 2020, 0, 1);
  return new Date(start + ((id * 2_654_435_761) % 360) * 86_400_000 + 43_200_000).toISOString();
}

/** Pages the corpus holds more than once (same title and opening), as id → first id of its group. */
function copyGroups(articles: Article[]): (id: string) => string {
  const first = new Map<string, string>();
  const group = new Map<string, string>();
  for (const article of articles) {
    const key = `${article.title}\n${article.text.slice(0, 2000)}`;
    if (!first.has(key)) first.set(key, article.id);
    group.set(article.id, first.get(key)!);
  }
  return (id) => group.get(id) ?? id;
}

/** nDCG@5 of Policy Wire (as /news answers), our index alone, plain BM25 and MiniSearch's defaults. */
export async function run(): Promise<void> {
  const articles = evalArticles();
  if (!articles) return;
  const judged: Judgments = JSON.parse(
    readFileSync(new URL('./search-judgments.json', import.meta.url), 'utf8'),
  );
  // A year after the newest article: relevance is what the judgments grade, not recency.
  const now = new Date('2025-01-01T00:00:00Z');
  const engines: Engine[] = [
    policyWireEngine(articles, now),
    ourEngine(articles, now),
    bm25Engine(articles, now),
    miniSearchEngine(articles),
  ];
  const same = copyGroups(articles);
  console.log(
    `\nSearch relevance: nDCG@${K} over ${judged.queries.length} judged queries, ${articles.length} tech articles`,
  );
  const rows: (JudgedQuery & { scores: number[] })[] = [];
  for (const q of judged.queries) {
    const scores: number[] = [];
    for (const engine of engines) scores.push(ndcgAt(await engine.search(q.query, K), q.judgments, K, same));
    rows.push({ ...q, scores });
  }
  const header = `  ${'tuning-half query'.padEnd(36)} ${engines.map((e) => e.name.padStart(10)).join(' ')}`;
  console.log(header);
  // Per-query rows for the tuning half only: printing the checking half's would invite reading them.
  for (const row of rows.filter((r) => r.half === 'tune')) {
    const tag = `${row.query.slice(0, 26)} (${row.method})`;
    console.log(
      `  ${tag.slice(0, 36).padEnd(36)} ${row.scores.map((s) => s.toFixed(3).padStart(10)).join(' ')}`,
    );
  }
  const line = (label: string, list: typeof rows) => {
    const means = engines.map(
      (_, i) => list.reduce((sum, r) => sum + r.scores[i]!, 0) / Math.max(1, list.length),
    );
    console.log(
      `  ${`${label} (${list.length})`.padEnd(36)} ${means.map((m) => m.toFixed(3).padStart(10)).join(' ')}`,
    );
  };
  console.log(`  ${'queries'.padEnd(36)} ${engines.map((e) => e.name.padStart(10)).join(' ')}`);
  const subsets: [string, (r: (typeof rows)[number]) => boolean][] = [
    [`mean nDCG@${K}, all queries`, () => true],
    ['  tuning half', (r) => r.half === 'tune'],
    ['  checking half (never tuned on, blind included)', (r) => r.half === 'check'],
    ['  first judged by reading', (r) => r.method === 'read'],
    ['  re-judged by reading', (r) => r.method === 'reread'],
    ['  blind (added later, never tuned on)', (r) => r.method === 'blind'],
    ['  without typo queries', (r) => !judged.typo.includes(r.query)],
  ];
  for (const [label, keep] of subsets) line(label, rows.filter(keep));
}
