/**
 * What recognising policy feeds costs the poller on ordinary news feeds, as a ratio to parsing the feed
 * (which the poller does anyway): with the publisher pre-check, and without it (every feed parsed a second
 * time and offered to the EUR-Lex, OEIL and legislation.gov.uk readers), as the first version did.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeedText } from '../src/ingest/feeds/parse-feed.ts';
import { readEuOeil } from '../src/ingest/policy/eu-oeil.ts';
import { readEurLex } from '../src/ingest/policy/eur-lex.ts';
import { readLegislationGovUk } from '../src/ingest/policy/legislation-gov-uk.ts';
import { recognisePolicyResponse } from '../src/ingest/policy/recognise-policy.ts';

const FEEDS = fileURLToPath(new URL('../tests/fixtures/feeds/', import.meta.url));
const ROUNDS = 200;

/** Median milliseconds of each variant, timed in turn round after round so a busy machine slows all alike. */
function interleaved(variants: (() => void)[]): number[] {
  const samples = variants.map(() => [] as number[]);
  for (const work of variants) work();
  for (let i = 0; i < ROUNDS; i++) {
    variants.forEach((work, index) => {
      const started = performance.now();
      work();
      samples[index]?.push(performance.now() - started);
    });
  }
  return samples.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0);
}

/** Milliseconds per round over the news fixtures, and the two ratios. */
export async function run(): Promise<void> {
  const feeds = readdirSync(FEEDS)
    .filter((name) => name.endsWith('.xml'))
    .map((name) => readFileSync(join(FEEDS, name), 'utf8'));
  const parse = () => {
    for (const text of feeds) parseFeedText(text, 'https://news.example/feed');
  };
  const withCheck = () => {
    for (const text of feeds) {
      recognisePolicyResponse(text, 'https://news.example/feed');
      parseFeedText(text, 'https://news.example/feed');
    }
  };
  const withoutCheck = () => {
    for (const text of feeds) {
      const parsed = parseFeedText(text, 'https://news.example/feed');
      if (parsed.ok) for (const read of [readEurLex, readEuOeil]) read(parsed.feed);
      if (parsed.ok) readLegislationGovUk(parsed.feed, text);
      parseFeedText(text, 'https://news.example/feed');
    }
  };
  const [base = 1, now = 0, before = 0] = interleaved([parse, withCheck, withoutCheck]);
  console.log(`${feeds.length} news feeds, ${ROUNDS} rounds`);
  console.log(`parse only (the peer):            ${base.toFixed(2)} ms a round (median)`);
  console.log(
    `parse + policy check, pre-check:  ${now.toFixed(2)} ms a round, ${(now / base).toFixed(2)}× the peer`,
  );
  console.log(
    `parse + policy check, no pre-check: ${before.toFixed(2)} ms a round, ${(before / base).toFixed(2)}× the peer`,
  );
}
