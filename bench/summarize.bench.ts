import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CORPORA } from '../eval/lib/corpora.ts';
import { summarizeExtractive } from '../src/core/summarize/extractive.ts';
import { wordCount } from '../src/core/summarize/sentences.ts';
import { cleanArticleText } from '../src/ingest/clean-text.ts';

interface BenchArticle {
  title: string;
  text: string;
}

const CORPUS = join(CORPORA, 'tech-articles/articles.jsonl.gz');
const SAMPLE = new URL('../samples/china-slams-immoral-spying-claims.txt', import.meta.url);

/** The tech-articles corpus, cleaned as ingest cleans it; the bundled sample, repeated, when it is absent. */
function loadArticles(): { articles: BenchArticle[]; source: string } {
  if (existsSync(CORPUS)) {
    const lines = gunzipSync(readFileSync(CORPUS)).toString('utf8').split('\n').filter(Boolean);
    const articles = lines.map((line) => {
      const { title, text } = JSON.parse(line) as { title: string; text: string };
      return { title, text: cleanArticleText(text) };
    });
    return { articles: articles.filter((a) => a.text.length > 0), source: CORPUS };
  }
  const [title = '', ...rest] = readFileSync(SAMPLE, 'utf8').split('\n');
  const text = rest.join('\n');
  return {
    articles: Array.from({ length: 200 }, () => ({ title, text })),
    source: `${SAMPLE.pathname} (corpus missing: ${CORPUS})`,
  };
}

/** Articles per second of `work` over `articles`, after a short warm-up. */
async function throughput(articles: BenchArticle[], work: (a: BenchArticle) => unknown): Promise<number> {
  for (const article of articles.slice(0, 20)) await work(article);
  const started = process.hrtime.bigint();
  for (const article of articles) await work(article);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return articles.length / seconds;
}

/** Summarizer throughput on one core, ours vs node-summarizer on the same articles. */
export async function run(): Promise<void> {
  const { articles, source } = loadArticles();
  const words = articles.reduce((sum, a) => sum + wordCount(a.text), 0) / articles.length;
  console.log(`Summarizer throughput, one core, ${articles.length} articles from ${source}`);
  console.log(`  mean article length ${words.toFixed(0)} words`);
  const require = createRequire(import.meta.url);
  const { SummarizerManager } = require('node-summarizer') as {
    SummarizerManager: new (
      text: string,
      sentences: number,
    ) => { getSummaryByFrequency(): unknown; getSummaryByRank(): Promise<unknown> };
  };

  const ours = await throughput(articles, (a) => summarizeExtractive(a));
  // node-summarizer is far slower: time it on a slice so the bench finishes in reasonable time.
  const slice = articles.slice(0, 1000);
  const oursSlice = await throughput(slice, (a) => summarizeExtractive(a));
  const frequency = await throughput(slice, (a) => new SummarizerManager(a.text, 3).getSummaryByFrequency());
  const rankSlice = articles.slice(0, 50);
  const oursRankSlice = await throughput(rankSlice, (a) => summarizeExtractive(a));
  const rank = await throughput(rankSlice, (a) => new SummarizerManager(a.text, 3).getSummaryByRank());
  const row = (name: string, rate: number, n: number, versus?: number) =>
    console.log(
      `  ${name.padEnd(44)} ${rate.toFixed(0).padStart(8)} articles/s  (n=${n})${versus ? `  ours is ${(versus / rate).toFixed(1)}× faster` : ''}`,
    );
  row('policywire extractive (all articles)', ours, articles.length);
  row('policywire extractive (first 1,000)', oursSlice, slice.length);
  row('node-summarizer 1.0.7 frequency (first 1,000)', frequency, slice.length, oursSlice);
  row('policywire extractive (first 50)', oursRankSlice, rankSlice.length);
  row('node-summarizer 1.0.7 TextRank (first 50)', rank, rankSlice.length, oursRankSlice);
  console.log(`  target ≥ 1,000 articles/s: ${ours >= 1000 ? 'met' : 'MISSED'} (${ours.toFixed(0)})`);
}
