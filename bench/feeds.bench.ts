import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFromHtml } from '@extractus/article-extractor';
import RssParser from 'rss-parser';
import { CORPORA } from '../eval/lib/corpora.ts';
import { loadZytePages } from '../eval/zyte.eval.ts';
import { decodeBody } from '../src/ingest/charset.ts';
import { extractHtml } from '../src/ingest/extract-html.ts';
import { parseFeedText } from '../src/ingest/feeds/parse-feed.ts';

const CORPUS = `${CORPORA}feeds/`;
const OWN = fileURLToPath(new URL('../tests/fixtures/feeds/', import.meta.url));

/** Real-world XML feeds (rss-parser and feed-rs corpora); our small fixtures when the corpus is absent. */
function loadFeeds(): { name: string; text: string }[] {
  const dirs = [join(CORPUS, 'rss-parser/input'), join(CORPUS, 'feed-rs/rss2'), join(CORPUS, 'feed-rs/atom')];
  const files = dirs.filter(existsSync).flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)));
  const picked = files.filter((f) => /\.(xml|rss|atom)$/.test(f) && !f.includes('invalid'));
  const sources =
    picked.length > 0
      ? picked
      : readdirSync(OWN)
          .filter((n) => n.endsWith('.xml'))
          .map((n) => join(OWN, n));
  return sources.map((path) => ({ name: path, text: decodeBody(readFileSync(path)).text }));
}

async function timeIt(
  rounds: number,
  work: () => Promise<number>,
): Promise<{ perSecond: number; units: number }> {
  await work(); // warm-up
  let units = 0;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) units += await work();
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: units / seconds, units };
}

const fmt = (n: number) => n.toFixed(n >= 100 ? 0 : 1).padStart(9);

/** Feed items parsed per second against rss-parser, and pages extracted per second against @extractus/article-extractor. */
export async function run(): Promise<void> {
  const feeds = loadFeeds();
  // rss-parser rejects some real feeds outright; both parsers get the feeds rss-parser can read.
  const rss = new RssParser();
  const readable: typeof feeds = [];
  for (const feed of feeds) {
    try {
      await rss.parseString(feed.text);
      readable.push(feed);
    } catch {
      // left out of both sides
    }
  }
  const ours = await timeIt(20, async () => {
    let items = 0;
    for (const feed of readable) {
      const result = parseFeedText(feed.text);
      items += result.ok ? result.feed.items.length : 0;
    }
    return items;
  });
  const theirs = await timeIt(20, async () => {
    let items = 0;
    for (const feed of readable) items += (await rss.parseString(feed.text)).items.length;
    return items;
  });
  console.log(
    `feeds: ${readable.length} real-world feeds (${feeds.length - readable.length} that rss-parser refuses left out)`,
  );
  console.log(`  policywire (feedsmith)  ${fmt(ours.perSecond)} items/s`);
  console.log(`  rss-parser              ${fmt(theirs.perSecond)} items/s`);
  console.log(`  ratio                   ${(ours.perSecond / theirs.perSecond).toFixed(2)}x`);

  const pages = loadZytePages().slice(0, 40);
  if (pages.length === 0) {
    console.log('pages: zyte corpus absent; page extraction not measured');
    return;
  }
  const ourPages = await timeIt(2, async () => {
    for (const page of pages) extractHtml(page.html, page.url);
    return pages.length;
  });
  const theirPages = await timeIt(2, async () => {
    for (const page of pages) await extractFromHtml(page.html, page.url);
    return pages.length;
  });
  console.log(`pages: ${pages.length} news pages from the Zyte benchmark`);
  console.log(`  policywire (Readability + linkedom)  ${fmt(ourPages.perSecond)} pages/s`);
  console.log(`  @extractus/article-extractor         ${fmt(theirPages.perSecond)} pages/s`);
  console.log(
    `  ratio                                ${(ourPages.perSecond / theirPages.perSecond).toFixed(2)}x`,
  );
}
