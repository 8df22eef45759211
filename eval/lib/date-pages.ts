import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBody } from '../../src/ingest/charset.ts';
import { findPageDates, type PageDates } from '../../src/ingest/dates/find-dates.ts';
import { leanHtml } from '../../src/ingest/lean-html.ts';
import { parseDocument } from '../../src/ingest/parse-document.ts';
import { CORPORA } from './corpora.ts';

/** One labelled page of htmldate's evaluation set; a null date means the page states none. */
export interface LabelledPage {
  file: string;
  url: string;
  date: string | null;
  /** When the page was fetched (ISO), where the set records it: dates after it are refused as future. */
  fetched?: string;
}

/**
 * Labelled pages beyond ../shared, in the same layout (labels.json + pages/), read when present beside
 * the repository: htmldate's MediaCloud 2020 set (200 news pages in 20-odd languages), the pages of
 * htmldate's own evaluation that the shared corpus lacks (143, mostly from 2020 on) and newspaper4k's
 * test pages with expected metadata (20), goose3's publish-date fixtures and fundus's parser fixtures;
 * `--extra-dates=<dir>` on the command line reads them elsewhere (a worktree's ../ is not the
 * repository's; an argument, since src/config.ts is the only reader of the environment). Built by
 * eval/build-extra-dates.ts; see docs/dates.md.
 */
const extraDatesArgument = process.argv.find((arg) => arg.startsWith('--extra-dates='))?.slice(14);
export const EXTRA_DATE_SETS = extraDatesArgument
  ? `${extraDatesArgument.replace(/\/$/, '')}/`
  : fileURLToPath(new URL('../../../extra-dates/', import.meta.url));

/**
 * The half of the MediaCloud set a page belongs to, fixed by a salted hash of its file name before any
 * of its pages was read: misses of its "tune" half may be read, the "check" half's never.
 */
export function mediaCloudHalfOf(file: string): 'tune' | 'check' {
  const first = createHash('sha256').update(`mc:${file}`).digest()[0] ?? 0;
  return first % 2 === 0 ? 'tune' : 'check';
}

/**
 * The half of newspaper4k's test pages a page belongs to, by a salted hash of its file name chosen before
 * any page was read ("np4k:" is the first salt tried that splits its 20 pages within one of even): misses
 * of its "tune" half may be read, the "check" half's never.
 */
export function newspaper4kHalfOf(file: string): 'tune' | 'check' {
  const first = createHash('sha256').update(`np4k:${file}`).digest()[0] ?? 0;
  return first % 2 === 0 ? 'tune' : 'check';
}

/**
 * A half fixed by a salted hash of `key` before any page of its set was read (round 7's sets): misses of
 * its "tune" half may be read, the "check" half's never.
 */
export function saltedHalfOf(salt: string, key: string): 'tune' | 'check' {
  const first = createHash('sha256').update(`${salt}:${key}`).digest()[0] ?? 0;
  return first % 2 === 0 ? 'tune' : 'check';
}

/**
 * fundus's half: by publisher (the file name without its crawl date), so two versions of one site's page
 * never sit in both halves.
 */
export const fundusHalfOf = (file: string) =>
  saltedHalfOf('fundus', file.replace(/_\d{4}_\d\d_\d\d\.html$/, ''));

/** goose3's half, by the fixture's file name ("goose3" put 3 of 12 in the tune half; "g3", the second tried, 5). */
export const goose3HalfOf = (file: string) => saltedHalfOf('g3', file);

/** The half of Readability's test pages, by the case's folder name. */
export const readabilityHalfOf = (file: string) => saltedHalfOf('readability', file);

/** The extra sets split into a tune half (misses may be read) and a check half (only its aggregate). */
export const SPLIT_EXTRA_SETS = [
  { folder: 'mediacloud', key: 'MC', halfOf: mediaCloudHalfOf },
  { folder: 'newspaper4k', key: 'N4K', halfOf: newspaper4kHalfOf },
  { folder: 'goose3', key: 'G3', halfOf: goose3HalfOf },
  { folder: 'fundus', key: 'FUN', halfOf: fundusHalfOf },
] as const;

/**
 * Readability's test pages (../shared) whose expected metadata has a publishedTime, labelled with its day
 * as written. The label is what Readability read from the page's metadata (JSON-LD or meta tags), not a
 * reader's judgement: a page whose metadata is wrong is labelled wrong too.
 */
export function loadReadabilityDatePages(root: string): { label: LabelledPage; bytes: Buffer }[] {
  const pages: { label: LabelledPage; bytes: Buffer }[] = [];
  for (const file of readdirSync(root).sort()) {
    const metaPath = join(root, file, 'expected-metadata.json');
    if (!existsSync(metaPath)) continue;
    const stated = (JSON.parse(readFileSync(metaPath, 'utf8')) as { publishedTime?: string | null })
      .publishedTime;
    const day = stated ? /^\d{4}-\d{2}-\d{2}/.exec(stated)?.[0] : undefined;
    if (!day) continue;
    // Readability's tests read every page at this address.
    const label = { file, url: 'http://fakehost/test/page.html', date: day };
    pages.push({ label, bytes: readFileSync(join(root, file, 'source.html')) });
  }
  return pages;
}

/** One labelled set split into a tune half (misses may be read) and a check half (only its aggregate). */
export interface SplitDateSet {
  /** The eval's row name (`readability`, `fundus`) and tune-dates' short key (`RD`, `FUN`). */
  name: string;
  key: string;
  pages: { label: LabelledPage; bytes: Buffer }[];
  halfOf: (file: string) => 'tune' | 'check';
}

/**
 * Every split set that is present: Readability's dated pages (../shared) and the extra sets beyond it.
 * Each absent one is said so through `say`; the eval and tune-dates both walk the sets through this.
 */
export function splitDateSets(say: (line: string) => void): SplitDateSet[] {
  const sets: SplitDateSet[] = [];
  const readability = `${CORPORA}readability/test-pages`;
  if (existsSync(readability))
    sets.push({
      name: 'readability',
      key: 'RD',
      pages: loadReadabilityDatePages(readability),
      halfOf: readabilityHalfOf,
    });
  else say(`readability test pages are not available at ${readability}: skipped`);
  for (const { folder, key, halfOf } of SPLIT_EXTRA_SETS) {
    const root = `${EXTRA_DATE_SETS}${folder}`;
    if (existsSync(root)) sets.push({ name: folder, key, pages: loadDatePages(root), halfOf });
    else say(`extra set ${folder} is not available at ${root}: skipped (see docs/dates.md)`);
  }
  return sets;
}

// The labelled dates run to 2023; a reference after all of them keeps "no future dates" honest.
const REFERENCE = new Date('2025-01-01T00:00:00Z');

/**
 * The half a page belongs to, fixed by a hash of its file name before any tuning: rules were tuned by
 * reading failures of the "tune" half only, and the "held-out" half shows what that tuning is worth.
 */
export function halfOf(file: string): 'tune' | 'held-out' {
  const first = createHash('sha256').update(file).digest()[0] ?? 0;
  return first % 2 === 0 ? 'tune' : 'held-out';
}

/** The labels and raw bytes of every page of the corpus folder. */
export function loadDatePages(root: string): { label: LabelledPage; bytes: Buffer }[] {
  const labels = JSON.parse(readFileSync(join(root, 'labels.json'), 'utf8')) as LabelledPage[];
  return labels.map((label) => ({ label, bytes: readFileSync(join(root, 'pages', label.file)) }));
}

/** A page read the way ingestion reads it (decode, bounded nesting, parse), and the time date finding took. */
export function pageDates(label: LabelledPage, bytes: Buffer): { dates: PageDates; findingNs: bigint } {
  const document = parseDocument(leanHtml(decodeBody(bytes, 'text/html').text).html);
  const started = process.hrtime.bigint();
  const dates = findPageDates(document, {
    url: label.url,
    reference: label.fetched ? new Date(label.fetched) : REFERENCE,
  });
  return { dates, findingNs: process.hrtime.bigint() - started };
}
