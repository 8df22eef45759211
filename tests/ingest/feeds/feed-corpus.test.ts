import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareFeed,
  FEEDS_CORPUS,
  loadFeedCases,
  loadUnpairedInputs,
} from '../../../eval/lib/feed-corpus.ts';
import { decodeBody } from '../../../src/ingest/charset.ts';
import { parseFeedText } from '../../../src/ingest/feeds/parse-feed.ts';

const present = existsSync(FEEDS_CORPUS);
if (!present)
  console.warn(
    `feed corpus suite skipped: ${FEEDS_CORPUS} is not here (it lives in ../shared/corpora/feeds)`,
  );

/** Share of fixtures whose titles, links, dates and item counts match; the floor guards against regressions. */
const FLOOR = { rss: 0.95, rdf: 0.95, atom: 0.95, json: 0.95 } as const;

describe.skipIf(!present)('shared feed corpus (gofeed, feed-rs, rss-parser)', () => {
  const cases = loadFeedCases();

  it('finds the corpus fixtures', () => {
    expect(cases.length).toBeGreaterThan(600);
  });

  it('parses every input in the corpus without throwing, paired or not', () => {
    const inputs = [...cases.map((c) => c.inputPath), ...loadUnpairedInputs()];
    for (const path of inputs) {
      const text = decodeBody(readFileSync(path)).text;
      expect(() => parseFeedText(text), path).not.toThrow();
    }
  });

  it('matches titles, links, dates and item counts in at least 95% of RSS, RDF, Atom and JSON Feed cases', () => {
    const tally: Record<string, { total: number; matched: number; misses: string[] }> = {};
    for (const c of cases) {
      const result = parseFeedText(decodeBody(readFileSync(c.inputPath)).text);
      const actual = result.ok
        ? {
            title: result.feed.title,
            link: result.feed.link,
            items: result.feed.items.map((i) => ({ title: i.title, link: i.url, date: i.publishedAt })),
          }
        : { items: [] };
      const diffs = result.ok ? compareFeed(c.expected, actual) : [`failed: ${result.reason}`];
      const group = tally[c.format] ?? { total: 0, matched: 0, misses: [] };
      tally[c.format] = group;
      group.total += 1;
      if (diffs.length === 0) group.matched += 1;
      else group.misses.push(`${c.corpus}/${c.name}: ${diffs[0]}`);
    }
    const summary = Object.entries(tally).map(
      ([format, t]) => `${format} ${t.matched}/${t.total} (${((100 * t.matched) / t.total).toFixed(1)}%)`,
    );
    console.log(`feed corpus match: ${summary.join(', ')}`);
    for (const [format, t] of Object.entries(tally)) {
      expect(t.matched / t.total, `${format} misses:\n${t.misses.join('\n')}`).toBeGreaterThanOrEqual(
        FLOOR[format as keyof typeof FLOOR],
      );
    }
  });
});
