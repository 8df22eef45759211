import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeBody } from '../src/ingest/charset.ts';
import { extractHtml } from '../src/ingest/extract-html.ts';
import { CORPORA } from './lib/corpora.ts';
import { aggregate, shingleMatch, type TpFpFn } from './lib/shingle-f1.ts';

/** The Zyte article-extraction benchmark pages (read-only, beside the repo). */
export const ZYTE_CORPUS = `${CORPORA}zyte-extraction/`;

/** One benchmark page: its HTML and the annotated article body. */
export interface ZytePage {
  id: string;
  url: string;
  html: string;
  body: string;
}

/** Loads every page of the benchmark; empty when the corpus is absent. */
export function loadZytePages(root = ZYTE_CORPUS): ZytePage[] {
  const truthPath = `${root}ground-truth.json`;
  if (!existsSync(truthPath)) return [];
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<
    string,
    { articleBody?: string; url?: string }
  >;
  return Object.entries(truth).map(([id, entry]) => ({
    id,
    url: entry.url ?? `https://example.invalid/${id}`,
    html: decodeBody(gunzipSync(readFileSync(`${root}html/${id}.html.gz`))).text,
    body: entry.articleBody ?? '',
  }));
}

/** Our extractor's article text for a page ('' when it finds no article). */
export function ourText(page: ZytePage): string {
  const result = extractHtml(page.html, page.url);
  return result.ok ? result.page.text : '';
}

/** Readability.js as it comes, on the same DOM, for a side-by-side line. */
function readabilityText(page: ZytePage): string {
  const { document } = parseHTML(page.html);
  const parsed = new Readability(document as unknown as Document).parse();
  return parsed?.textContent ?? '';
}

function score(pages: ZytePage[], extract: (page: ZytePage) => string, n = 4) {
  const matches: TpFpFn[] = pages.map((page) => {
    try {
      return shingleMatch(page.body, extract(page), n);
    } catch {
      return shingleMatch(page.body, '', n);
    }
  });
  return aggregate(matches);
}

/** Prints mean article-body F1 as the benchmark defines it (4-token shingles), and plain token F1 beside it. */
export async function run(): Promise<void> {
  const pages = loadZytePages();
  if (pages.length === 0) {
    console.log(`zyte: corpus not found at ${ZYTE_CORPUS}; nothing to evaluate.`);
    return;
  }
  const fmt = (m: { precision: number; recall: number; f1: number }) =>
    `F1=${m.f1.toFixed(3)} precision=${m.precision.toFixed(3)} recall=${m.recall.toFixed(3)}`;
  console.log(`zyte article-extraction benchmark: ${pages.length} pages`);
  const started = performance.now();
  console.log(`  policywire extractor      shingles(4): ${fmt(score(pages, ourText))}`);
  const ms = performance.now() - started;
  console.log(`  policywire extractor      tokens(1):   ${fmt(score(pages, ourText, 1))}`);
  console.log(`  Readability.js (linkedom) shingles(4): ${fmt(score(pages, readabilityText))}`);
  console.log('  published (same metric): trafilatura 0.958, Readability.js 0.947, go-readability 0.934');
  console.log(`  goal F1 >= 0.96 · ${(ms / pages.length).toFixed(1)} ms per page`);
}
