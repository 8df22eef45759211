import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type Article, articleIdFor, contentHashFor } from '../src/core/article.ts';

/** One line of ../shared/corpora/tech-articles/articles.jsonl.gz. */
export interface TechArticle {
  id: number;
  title: string;
  year: string;
  url: string;
  text: string;
}

/** Where the shared tech-articles corpus lives, relative to this repository. */
export const TECH_CORPUS = fileURLToPath(
  new URL('../../shared/corpora/tech-articles/articles.jsonl.gz', import.meta.url),
);

/** Reads the tech-articles corpus, or undefined (with a message on stderr) when it is missing. */
export function loadTechArticles(path = TECH_CORPUS): TechArticle[] | undefined {
  if (!existsSync(path)) {
    console.error(`tech-articles corpus not found at ${path}: skipping (see ../shared/corpora/README.md)`);
    return undefined;
  }
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  const out: TechArticle[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as TechArticle;
    if (typeof row.text === 'string' && typeof row.title === 'string' && row.title.trim()) out.push(row);
  }
  return out;
}

/** The outlet named by an article URL, as a reader would say it. */
export function outletOf(url: string): string {
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return host || 'unknown';
  } catch {
    return 'unknown';
  }
}

const DAY = 86_400_000;

/**
 * Turns corpus rows into stored articles, replicated `copies` times with distinct URLs, ids and dates,
 * so a 17k corpus stands in for a 100k store. Dates spread deterministically over `spanDays` before `end`.
 */
export function toArticles(
  rows: TechArticle[],
  total: number,
  end = new Date('2026-11-01T00:00:00Z'),
  spanDays = 730,
): Article[] {
  const out: Article[] = [];
  const fetchedAt = end.toISOString();
  for (let i = 0; i < total; i++) {
    const row = rows[i % rows.length]!;
    const copy = Math.floor(i / rows.length);
    const url =
      copy === 0
        ? row.url || `https://corpus.invalid/${row.id}`
        : `${row.url || 'https://corpus.invalid/'}?copy=${copy}`;
    const canonicalUrl = `${url}#${row.id}-${copy}`;
    // A multiplicative hash spreads dates evenly without a random generator.
    const offset = ((i * 2_654_435_761) % (spanDays * 24)) * (DAY / 24);
    const publishedAt = new Date(end.getTime() - offset).toISOString();
    out.push({
      id: articleIdFor(canonicalUrl),
      url,
      canonicalUrl,
      title: row.title.replace(/\s*\|\s*[^|]+$/, '').trim() || row.title,
      source: outletOf(row.url),
      publishedAt,
      fetchedAt,
      updatedAt: fetchedAt,
      text: row.text,
      summary: '',
      topics: [],
      language: 'en',
      owners: ['*'],
      contentHash: contentHashFor(row.title, row.text, publishedAt),
      backlog: false,
    });
  }
  return out;
}
