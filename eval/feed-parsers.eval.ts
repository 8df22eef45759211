import { readFileSync } from 'node:fs';
import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { parseFeed as feedsmithParse } from 'feedsmith';
import RssParser from 'rss-parser';
import { decodeBody } from '../src/ingest/charset.ts';
import { parseFeedText } from '../src/ingest/feeds/parse-feed.ts';
import { readDocument } from '../src/ingest/read-document.ts';
import {
  type ComparableFeed,
  compareFeed,
  FEEDS_CORPUS,
  type FeedCase,
  loadFeedCases,
} from './lib/feed-corpus.ts';
import { countCorpus, printCorpusCount } from './lib/feed-corpus-count.ts';

type Candidate = { name: string; parse: (text: string) => Promise<ComparableFeed> };

// biome-ignore lint/suspicious/noExplicitAny: each library's output is read loosely, as a user of it would
type Any = Record<string, any>;
const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Any).value === 'string')
    return (value as Any).value;
  return undefined;
};
const atomHref = (links: unknown): string | undefined =>
  (Array.isArray(links) ? links : []).find((l: Any) => !l.rel || l.rel === 'alternate')?.href;

/** feedsmith's own output, mapped as plainly as its types allow (no xml:base, dates as given). */
function feedsmithPlain(input: string): ComparableFeed {
  const { format, feed } = feedsmithParse(input) as { format: string; feed: Any };
  if (format === 'atom') {
    return {
      title: text(feed.title),
      link: atomHref(feed.links),
      items: (feed.entries ?? []).map((e: Any) => ({
        title: text(e.title),
        link: atomHref(e.links),
        date: e.published ?? e.updated,
      })),
    };
  }
  if (format === 'json') {
    return {
      title: feed.title,
      link: feed.home_page_url,
      items: (feed.items ?? []).map((i: Any) => ({
        title: i.title,
        link: i.url,
        date: i.date_published ?? i.date_modified,
      })),
    };
  }
  return {
    title: text(feed.title),
    link: feed.link,
    items: (feed.items ?? []).map((i: Any) => ({
      title: text(i.title),
      link: i.link,
      date: i.pubDate ?? i.dc?.date ?? i.dc?.dates?.[0],
    })),
  };
}

const rssParser = new RssParser();

const CANDIDATES: Candidate[] = [
  { name: 'feedsmith 3 (plain mapping)', parse: async (t) => feedsmithPlain(t) },
  {
    name: '@extractus/feed-extractor 8',
    parse: async (t) => {
      const data = /^\s*[[{]/.test(t) ? extractFromJson(t) : extractFromXml(t, { descriptionMaxLen: 0 });
      return {
        title: data.title,
        link: data.link,
        items: (data.entries ?? []).map((e) => ({ title: e.title, link: e.link, date: e.published })),
      };
    },
  },
  {
    name: 'rss-parser 3',
    parse: async (t) => {
      const out = await rssParser.parseString(t);
      return {
        title: out.title,
        link: out.link,
        items: (out.items ?? []).map((i) => ({ title: i.title, link: i.link, date: i.isoDate })),
      };
    },
  },
  {
    name: 'policywire (feedsmith + our normalisation)',
    parse: async (t) => {
      const result = parseFeedText(t);
      if (!result.ok) throw new Error(result.reason);
      return {
        title: result.feed.title,
        link: result.feed.link,
        items: result.feed.items.map((i) => ({ title: i.title, link: i.url, date: i.publishedAt })),
      };
    },
  },
];

/** Match rates of every candidate per corpus and per format, so docs/feeds.md can quote them. */
export async function measureFeedParsers(cases: FeedCase[]) {
  const inputs = cases.map((c) => ({ c, text: decodeBody(readFileSync(c.inputPath)).text }));
  const rows: { candidate: string; group: string; matched: number; total: number; crashed: number }[] = [];
  for (const candidate of CANDIDATES) {
    const tally = new Map<string, { matched: number; total: number; crashed: number }>();
    const bump = (group: string, ok: boolean, crashed: boolean) => {
      const t = tally.get(group) ?? { matched: 0, total: 0, crashed: 0 };
      t.total += 1;
      if (ok) t.matched += 1;
      if (crashed) t.crashed += 1;
      tally.set(group, t);
    };
    for (const { c, text: input } of inputs) {
      let ok = false;
      let crashed = false;
      try {
        // The fixtures have no URL of their own, as in the libraries' own test suites.
        ok = compareFeed(c.expected, await candidate.parse(input)).length === 0;
      } catch {
        crashed = true;
      }
      for (const group of [
        'all',
        c.corpus,
        c.format === 'rdf' ? 'rss' : c.format,
        c.format === 'rdf' ? 'rdf' : '',
      ])
        if (group) bump(group, ok, crashed);
    }
    for (const [group, t] of tally) rows.push({ candidate: candidate.name, group, ...t });
  }
  return rows;
}

/** Prints the comparison table. */
export async function run(): Promise<void> {
  const cases = loadFeedCases();
  if (cases.length === 0) {
    console.log(`feed parsers: corpus not found at ${FEEDS_CORPUS}; nothing to compare.`);
    return;
  }
  console.log(`feed parsers: ${cases.length} fixtures with expected JSON`);
  const rows = await measureFeedParsers(cases);
  const groups = ['all', 'gofeed', 'feed-rs', 'rss-parser', 'rss', 'rdf', 'atom', 'json'];
  console.log(`${'candidate'.padEnd(44)}${groups.map((g) => g.padStart(12)).join('')}   errors`);
  for (const name of CANDIDATES.map((c) => c.name)) {
    const cells = groups.map((g) => {
      const row = rows.find((r) => r.candidate === name && r.group === g);
      return (row ? `${((100 * row.matched) / row.total).toFixed(1)}%` : '-').padStart(12);
    });
    const crashed = rows.find((r) => r.candidate === name && r.group === 'all')?.crashed ?? 0;
    console.log(`${name.padEnd(44)}${cells.join('')}   ${crashed}`);
  }
  const counts = groups.map((g) => String(rows.find((r) => r.group === g)?.total ?? 0).padStart(12));
  console.log(`${'(fixtures)'.padEnd(44)}${counts.join('')}`);
  // Every file, expected JSON and licences included, as `preview` would read it.
  printCorpusCount(
    'feeds corpus, every file through preview',
    countCorpus(FEEDS_CORPUS, (b) => readDocument(b)),
  );
}
