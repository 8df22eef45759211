import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { CORPORA } from './corpora.ts';

/** Where the third-party feed fixtures live (read-only, beside the repo). */
export const FEEDS_CORPUS = `${CORPORA}feeds/`;

/** The part of a parsed feed the fixtures are compared on; undefined = the expectation says nothing. */
export interface ComparableFeed {
  title?: string;
  link?: string;
  items: { title?: string; link?: string; date?: string }[];
}

/** One fixture: its input file and what its expected JSON says. */
export interface FeedCase {
  corpus: 'gofeed' | 'feed-rs' | 'rss-parser';
  name: string;
  format: 'rss' | 'rdf' | 'atom' | 'json';
  inputPath: string;
  expected: ComparableFeed;
}

/** Every fixture that has an expected JSON beside it; empty when the corpus folder is absent. */
export function loadFeedCases(root = FEEDS_CORPUS): FeedCase[] {
  if (!existsSync(root)) return [];
  return [
    ...goFeedCases(join(root, 'gofeed')),
    ...feedRsCases(join(root, 'feed-rs')),
    ...rssParserCases(root),
  ];
}

/** Fixture inputs that have no expectation: they must only not crash the parser. */
export function loadUnpairedInputs(root = FEEDS_CORPUS): string[] {
  if (!existsSync(root)) return [];
  const paired = new Set(loadFeedCases(root).map((c) => c.inputPath));
  return walk(root).filter(
    (file) =>
      !paired.has(file) &&
      /\.(xml|rss|atom|json)$/.test(file) &&
      !/(_expected|\.serde)\.json$/.test(file) &&
      !file.includes('/rss-parser/output/') &&
      !(file.endsWith('.json') && existsSync(file.replace(/\.json$/, '.xml'))),
  );
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function sniffFormat(path: string): FeedCase['format'] {
  const head = readFileSync(path, 'utf8').slice(0, 4000);
  if (/^\s*[[{]/.test(head.replace(/^\uFEFF/, ''))) return 'json';
  if (/<(\w+:)?RDF[\s>]/.test(head)) return 'rdf';
  if (/<feed[\s>]/.test(head)) return 'atom';
  return 'rss';
}

type Json = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const arr = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

function atomLink(links: unknown): string | undefined {
  const list = arr(links);
  const alternate = list.find((l) => !l.rel || l.rel === 'alternate');
  return str(alternate?.href);
}

function goFeedCases(root: string): FeedCase[] {
  const cases: FeedCase[] = [];
  for (const file of walk(root)) {
    let input: string | undefined;
    if (file.endsWith('_expected.json')) input = file.replace(/_expected\.json$/, '.json');
    else if (file.endsWith('.json') && existsSync(file.replace(/\.json$/, '.xml')))
      input = file.replace(/\.json$/, '.xml');
    if (!input || !existsSync(input)) continue;
    const json = readJson(file);
    if (!json) continue;
    const format = sniffFormat(input);
    const layer = relative(root, file).split('/')[0];
    let expected: ComparableFeed;
    if (format === 'json' && layer === 'parser') {
      expected = {
        title: str(json.title),
        link: str(json.home_page_url),
        items: arr(json.items).map((i) => ({
          title: str(i.title),
          link: str(i.url),
          date: str(i.date_published) ?? str(i.date_modified),
        })),
      };
    } else if (format === 'atom' && layer === 'parser') {
      expected = {
        title: str(json.title),
        link: atomLink(json.links),
        items: arr(json.entries).map((e) => ({
          title: str(e.title),
          link: atomLink(e.links),
          date: str(e.publishedParsed) ?? str(e.updatedParsed),
        })),
      };
    } else if (layer === 'parser') {
      expected = {
        title: str(json.title),
        link: str(json.link),
        items: arr(json.items).map((i) => ({
          title: str(i.title),
          link: str(i.link),
          date: str(i.pubDateParsed),
        })),
      };
    } else {
      // translator/ and extensions/ hold gofeed's universal shape.
      expected = {
        title: str(json.title),
        link: str(json.link),
        items: arr(json.items).map((i) => ({
          title: str(i.title),
          link: str(i.link),
          date: str(i.publishedParsed) ?? str(i.updatedParsed),
        })),
      };
    }
    cases.push({ corpus: 'gofeed', name: relative(root, input), format, inputPath: input, expected });
  }
  return cases;
}

function feedRsCases(root: string): FeedCase[] {
  const cases: FeedCase[] = [];
  for (const file of walk(root).filter((f) => f.endsWith('.serde.json'))) {
    const stem = file.replace(/\.serde\.json$/, '');
    const input = [`${stem}.xml`, `${stem}.json`].find((p) => existsSync(p));
    const json = readJson(file);
    if (!input || !json) continue;
    const title = json.title as Json | null | undefined;
    const firstLink = (links: unknown) =>
      str(arr(links).find((l) => !l.rel || l.rel === 'alternate')?.href) ?? undefined;
    cases.push({
      corpus: 'feed-rs',
      name: relative(root, input),
      format: sniffFormat(input),
      inputPath: input,
      expected: {
        title: str(title?.content),
        link: firstLink(json.links),
        items: arr(json.entries).map((e) => ({
          title: str((e.title as Json | null)?.content),
          link: firstLink(e.links),
          date: str(e.published) ?? str(e.updated),
        })),
      },
    });
  }
  return cases;
}

function rssParserCases(root: string): FeedCase[] {
  const out = join(root, 'rss-parser', 'output');
  const cases: FeedCase[] = [];
  for (const file of walk(out)) {
    const stem = basename(file, '.json');
    const dir = join(dirname(out), 'input');
    const input = [`${stem}.rss`, `${stem}.atom`].map((n) => join(dir, n)).find((p) => existsSync(p));
    const json = readJson(file);
    const feed = json?.feed as Json | undefined;
    if (!input || !feed) continue;
    cases.push({
      corpus: 'rss-parser',
      name: basename(input),
      format: sniffFormat(input),
      inputPath: input,
      expected: {
        title: str(feed.title),
        link: str(feed.link),
        items: arr(feed.items).map((i) => ({
          title: str(i.title),
          link: str(i.link),
          date: str(i.isoDate),
        })),
      },
    });
  }
  return cases;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Text as a reader sees it: tags dropped, entities decoded, whitespace collapsed. */
export function comparableText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let text = value.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  for (let i = 0; i < 2; i++) {
    text = text
      .replace(/<[^>]*>/g, ' ')
      .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
      .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
      .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '');
  }
  // Whitespace is ignored: `1930ft<sup>2</sup>` reads the same with or without a space before the 2.
  const out = text.replace(/\s+/g, '');
  return out || undefined;
}

function comparableLink(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed).href;
  } catch {
    return trimmed;
  }
}

function comparableDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** Differences between what a fixture expects and what a parser produced; empty when they match. */
export function compareFeed(expected: ComparableFeed, actual: ComparableFeed): string[] {
  const diffs: string[] = [];
  const check = (field: string, want: unknown, got: unknown) => {
    if (want !== undefined && want !== got) diffs.push(`${field}: want ${String(want)}, got ${String(got)}`);
  };
  check('title', comparableText(expected.title), comparableText(actual.title));
  check('link', comparableLink(expected.link), comparableLink(actual.link));
  if (expected.items.length !== actual.items.length) {
    diffs.push(`items: want ${expected.items.length}, got ${actual.items.length}`);
    return diffs;
  }
  expected.items.forEach((want, index) => {
    const got = actual.items[index];
    check(`items[${index}].title`, comparableText(want.title), comparableText(got?.title));
    check(`items[${index}].link`, comparableLink(want.link), comparableLink(got?.link));
    check(`items[${index}].date`, comparableDate(want.date), comparableDate(got?.date));
  });
  return diffs;
}
