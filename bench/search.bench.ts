import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import pino from 'pino';
import type { Article } from '../src/core/article.ts';

import { createCore } from '../src/core/core.ts';
import { createInvertedIndex } from '../src/core/search/inverted-index.ts';
import { createStores } from '../src/core/store/open-stores.ts';
import { systemClock } from '../src/core/system-clock.ts';
import { createSsrfGuard } from '../src/ingest/ssrf-guard.ts';
import { createLogger } from '../src/logger.ts';
import { loadTechArticles, toArticles } from './tech-corpus.ts';

const TOTAL = 100_000;
// MiniSearch needs ~9 ms and several kB of heap per full article here; both engines get the same lead.
const BODY_CHARS = 2000;
const COLD_START = true;
const QUERIES = true;
const NOW = new Date('2026-11-01T00:00:00Z');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function memory(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function time(run: () => unknown, rounds: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    run();
    out.push(performance.now() - started);
  }
  return out;
}

const SINGLE = [
  'huawei',
  'privacy',
  'antitrust',
  'regulation',
  'chips',
  'tiktok',
  'ransomware',
  'facebook',
  'google',
  'china',
  'election',
  'surveillance',
  'copyright',
  'bitcoin',
  'broadband',
  'deepfake',
  'semiconductor',
  'spectrum',
  'encryption',
  'startup',
];
const TWO = [
  'huawei 5g',
  'google antitrust',
  'gdpr fine',
  'tiktok ban',
  'ai regulation',
  'facial recognition',
  'chip shortage',
  'data breach',
  'net neutrality',
  'section 230',
  'export controls',
  'cloud security',
  'election security',
  'self-driving cars',
  'privacy law',
  'apple app',
  'microsoft cloud',
  'twitter musk',
  'amazon warehouse',
  'nvidia gpu',
];
const PHRASES = TWO.map((q) => `"${q}"`);
const FILTERS = SINGLE.map((q, i) => (i % 2 === 0 ? `${q} since:90d` : `${q} source:wired.com`));

/** Index build, memory and query latency of our index against MiniSearch, and cold start from SQLite. */
export async function run(): Promise<void> {
  const rows = loadTechArticles();
  if (!rows) return;
  const full = toArticles(rows, TOTAL, NOW);
  if (QUERIES) await queryBench(rows.length, full);
  if (COLD_START) await coldStart(full);
}

async function queryBench(corpusSize: number, full: Article[]): Promise<void> {
  const articles: Article[] = full.map((a) => ({ ...a, text: a.text.slice(0, BODY_CHARS) }));
  console.log(
    `\nSearch bench: ${articles.length} articles (${corpusSize} tech articles replicated with new ids and dates), body cut to ${BODY_CHARS} chars for both engines; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on this machine`,
  );

  const before = memory();
  let started = performance.now();
  const ours = createInvertedIndex();
  for (const article of articles) ours.add(article);
  const ourBuild = performance.now() - started;
  const ourMemory = memory() - before;

  const dates = new Map(articles.map((a) => [a.id, Date.parse(a.publishedAt!)]));
  const sources = new Map(articles.map((a) => [a.id, a.source]));
  const beforeMini = memory();
  started = performance.now();
  const mini = new MiniSearch<Article>({ fields: ['title', 'summary', 'text'], storeFields: [] });
  mini.addAll(articles);
  const miniBuild = performance.now() - started;
  const miniMemory = memory() - beforeMini;

  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);
  const row = (label: string, a: number, b: number, unit: string, digits = 0) =>
    console.log(
      `  ${label.padEnd(28)} ${`${a.toFixed(digits)} ${unit}`.padStart(14)} ${`${b.toFixed(digits)} ${unit}`.padStart(14)}   ${ratio(a, b).padStart(7)}`,
    );
  console.log(
    `  ${''.padEnd(28)} ${'policywire'.padStart(14)} ${'minisearch'.padStart(14)}   ${'ratio'.padStart(7)}`,
  );
  row('index build', ourBuild, miniBuild, 'ms');
  row('memory (heap + buffers)', ourMemory / 1e6, miniMemory / 1e6, 'MB');

  const since = NOW.getTime() - 90 * 86_400_000;
  const ourSearch = (q: string) => ours.search(q, { owner: '*', limit: 10, now: NOW });
  const miniSearch = (q: string) => {
    const source = /source:(\S+)/.exec(q)?.[1];
    const text = q.replace(/\S+:\S+/g, '').replace(/"/g, '');
    // MiniSearch has no phrase or date syntax: the nearest it offers is AND over the words and a filter callback.
    return mini.search(text, {
      combineWith: q.includes('"') ? 'AND' : 'OR',
      filter: q.includes('since:')
        ? (r) => (dates.get(String(r.id)) ?? 0) >= since
        : source
          ? (r) => sources.get(String(r.id)) === source
          : undefined,
    });
  };
  for (const [label, queries] of [
    ['single word', SINGLE],
    ['two words', TWO],
    ['phrase', PHRASES],
    ['word + filter', FILTERS],
  ] as const) {
    for (const q of queries) {
      ourSearch(q);
      miniSearch(q);
    }
    const a = queries.flatMap((q) => time(() => ourSearch(q), 5)).sort((x, y) => x - y);
    const b = queries.flatMap((q) => time(() => miniSearch(q), 5)).sort((x, y) => x - y);
    row(`${label} p50`, percentile(a, 50), percentile(b, 50), 'ms', 2);
    row(`${label} p99`, percentile(a, 99), percentile(b, 99), 'ms', 2);
  }
  const stats = ours.stats();
  console.log(`  our index: ${stats.terms} terms, ${(stats.postingBytes / 1e6).toFixed(0)} MB of postings`);
}

/**
 * Fills a real SQLite store through createStores, then times createCore three ways: the first start (no
 * saved index: a full rebuild, which then saves one), a start from the saved index, and a start after
 * 1% of the articles were edited and 1% added behind the saved index's back (reconciled from stamps).
 */
async function coldStart(articles: Article[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-'));
  const url = `sqlite://${join(dir, 'store.sqlite')}`;
  const logger = createLogger('silent');
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const extra = Math.floor(articles.length / 100);
  const stored = articles.slice(0, articles.length - extra);
  try {
    let stores = await createStores({ url, logger, prefix: 'bench' });
    let started = performance.now();
    for (let i = 0; i < stored.length; i += 500) {
      await Promise.all(stored.slice(i, i + 500).map((a) => stores.articles.put(a)));
    }
    const fill = performance.now() - started;
    await stores.close();

    stores = await createStores({ url, logger, prefix: 'bench' });
    started = performance.now();
    let count = 0;
    for await (const _ of stores.articles.all()) count++;
    const iterate = performance.now() - started;
    await stores.close();

    const start = async () => {
      const opened = await createStores({ url, logger, prefix: 'bench' });
      let phases = '';
      const capture = pino(
        { level: 'info' },
        {
          write(line: string) {
            const entry = JSON.parse(line) as Record<string, unknown>;
            if (entry.msg === 'search index ready')
              phases = `${entry.mode}: stamps ${entry.stampsMs} ms, saved index read ${entry.loadMs} ms, indexing ${entry.indexMs} ms for ${entry.reconciled} changed`;
          },
        },
      );
      const began = performance.now();
      const core = await createCore({
        stores: opened,
        clock: systemClock,
        logger: capture,
        sourceGuard: createSsrfGuard({ allowPrivate: false }),
      });
      const ms = performance.now() - began;
      const heap = memory();
      const closing = performance.now();
      await core.close();
      const saveMs = performance.now() - closing;
      await opened.close();
      return { ms, saveMs, size: core.index.size, heap, phases };
    };
    const first = await start();
    const snapshotBytes = statSync(`${join(dir, 'store.sqlite')}.search-index`).size;
    const warm = await start();

    stores = await createStores({ url, logger, prefix: 'bench' });
    for (const article of stored.slice(0, extra)) {
      await stores.articles.put({ ...article, title: `${article.title} (updated)` });
    }
    for (const article of articles.slice(stored.length)) await stores.articles.put(article);
    await stores.close();
    const changed = await start();

    console.log(
      `  cold start from SQLite, ${warm.size} full-text articles (reading all ${count} through keyv alone: ${seconds(iterate)}; target 5 s):\n` +
        `    first start, no saved index (full rebuild): ${seconds(first.ms)}, then saving the index took ${seconds(first.saveMs)} (${(snapshotBytes / 1e6).toFixed(0)} MB file)\n` +
        `    start from the saved index:                 ${seconds(warm.ms)} (${warm.phases}; heap + buffers after start: ${(warm.heap / 1e6).toFixed(0)} MB)\n` +
        `    start after ${extra} edits + ${extra} new articles:   ${seconds(changed.ms)} (${changed.phases}; ${changed.size} articles)\n` +
        `    (filling the store took ${seconds(fill)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
