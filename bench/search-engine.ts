import { loadavg } from 'node:os';
import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import type { Article } from '../src/core/article.ts';
import { createInvertedIndex } from '../src/core/search/inverted-index.ts';
import { memory, percentile } from './measure.ts';
import { benchQueries } from './search-queries.ts';
import { loadTechArticles, toArticles } from './tech-corpus.ts';

/**
 * One engine's build, memory and latency over the replicated corpus, measured alone in this process
 * (started fresh by search.bench.ts per engine, so no engine pays for another's garbage). Prints one JSON line.
 * Usage: tsx bench/search-engine.ts <policywire|minisearch|flexsearch> <articles> [bodyChars]
 */

const NOW = new Date('2026-11-01T00:00:00Z');
const ROUNDS = 3;

const Args = z.tuple([
  z.enum(['policywire', 'minisearch', 'flexsearch']),
  z.coerce.number().int().positive(),
  z.coerce.number().int().nonnegative().optional(),
]);

/** Query latency in milliseconds. */
export interface Latency {
  p50: number;
  p99: number;
  cpuP50: number;
  cpuP99: number;
}

/** What one engine run reports. */
export interface EngineReport {
  engine: string;
  articles: number;
  buildMs: number;
  /** CPU time of the build: steadier than wall time on a shared machine. */
  buildCpuMs: number;
  memoryMb: number;
  latency: Record<string, Latency>;
  /** Share of queries whose top 5 equals exhaustive scoring's (our engine only). */
  agreement?: { agreed: number; queries: number; differing: string[] };
  terms?: number;
  load: number[];
}

type Searcher = (query: string) => unknown;

interface Engine {
  build(articles: Article[]): void;
  search: Searcher;
}

function policyWire(): Engine & {
  exhaustive: (q: string) => string[];
  fast: (q: string) => string[];
  terms: () => number;
} {
  const index = createInvertedIndex();
  const options = { owner: '*', limit: 10, now: NOW };
  return {
    build: (articles) => index.addAll(articles),
    search: (q) => index.search(q, options),
    fast: (q) => index.search(q, { ...options, limit: 5 }).hits.map((h) => h.id),
    exhaustive: (q) => index.searchExhaustive(q, { ...options, limit: 5 }).hits.map((h) => h.id),
    terms: () => index.stats().terms,
  };
}

// Neither peer has phrase or date syntax: the nearest each offers is AND over the words plus a filter callback.
const plainWords = (q: string) =>
  q
    .replace(/\S+:\S+/g, '')
    .replace(/"/g, '')
    .trim();

function miniSearch(): Engine {
  const mini = new MiniSearch<Article>({ fields: ['title', 'summary', 'text'], storeFields: [] });
  const dates = new Map<string, number>();
  const sources = new Map<string, string>();
  const since = NOW.getTime() - 90 * 86_400_000;
  return {
    build(articles) {
      for (const a of articles) {
        dates.set(a.id, Date.parse(a.publishedAt!));
        sources.set(a.id, a.source);
      }
      mini.addAll(articles);
    },
    search(q) {
      const source = /source:(\S+)/.exec(q)?.[1];
      return mini.search(plainWords(q), {
        combineWith: q.includes('"') ? 'AND' : 'OR',
        filter: q.includes('since:')
          ? (r) => (dates.get(String(r.id)) ?? 0) >= since
          : source
            ? (r) => sources.get(String(r.id)) === source
            : undefined,
      });
    },
  };
}

function flexSearch(): Engine {
  const flex = new Document({
    document: { id: 'id', index: ['title', 'summary', 'text'] },
    tokenize: 'strict',
  } as never);
  return {
    build(articles) {
      for (const a of articles)
        flex.add({ id: a.id, title: a.title, summary: a.summary, text: a.text } as never);
    },
    search: (q) => flex.search(plainWords(q), { limit: 10, merge: true } as never),
  };
}

/** Wall-clock and CPU-time percentiles of the queries; CPU time leaves out waiting for a shared core. */
function latency(search: Searcher, queries: string[]): Latency {
  for (const q of queries) search(q);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of queries) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      search(q);
      wall.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50: percentile(wall, 50),
    p99: percentile(wall, 99),
    cpuP50: percentile(cpu, 50),
    cpuP99: percentile(cpu, 99),
  };
}

async function main(): Promise<void> {
  const parsed = Args.safeParse(process.argv.slice(2));
  if (!parsed.success) {
    console.error(
      'usage: tsx bench/search-engine.ts <policywire|minisearch|flexsearch> <articles> [bodyChars]',
    );
    process.exitCode = 2;
    return;
  }
  const [name, total, bodyChars] = parsed.data;
  const rows = loadTechArticles();
  if (!rows) return;
  const queries = benchQueries(rows);
  let articles = toArticles(rows, total, NOW);
  if (bodyChars !== undefined) articles = articles.map((a) => ({ ...a, text: a.text.slice(0, bodyChars) }));
  const ours = name === 'policywire' ? policyWire() : undefined;
  const engine = ours ?? (name === 'minisearch' ? miniSearch() : flexSearch());
  const before = await memory();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  engine.build(articles);
  const buildMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const buildCpuMs = (cpu.user + cpu.system) / 1000;
  const memoryMb = ((await memory()) - before) / 1e6;
  const byWords = (n: number) => queries.words.filter((q) => q.split(' ').length === n);
  const report: EngineReport = {
    engine: name,
    articles: total,
    buildMs,
    buildCpuMs,
    memoryMb,
    latency: {
      '1-3 words': latency(engine.search, queries.words),
      '1 word': latency(engine.search, byWords(1)),
      '2 words': latency(engine.search, byWords(2)),
      '3 words': latency(engine.search, byWords(3)),
      phrase: latency(engine.search, queries.phrases),
      'word + filter': latency(engine.search, queries.filtered),
    },
    load: loadavg(),
  };
  if (ours) {
    const all = [...queries.words, ...queries.phrases, ...queries.filtered];
    const differing = all.filter((q) => ours.fast(q).join() !== ours.exhaustive(q).join());
    report.agreement = { agreed: all.length - differing.length, queries: all.length, differing };
    report.terms = ours.terms();
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main();
