import { summarizeExtractive } from '../src/core/summarize/extractive.ts';
import { parseScrapedText } from '../src/ingest/clean-text.ts';
import { extractHtml } from '../src/ingest/extract-html.ts';
import { learnRepeatedLines } from '../src/ingest/source-furniture.ts';
import { type FurniturePage, furniturePages } from '../tests/fixtures/furniture/pages.ts';
import { loadLedeSample, scoreLedes } from './lib/scrape-chrome.ts';
import { textTokens, tokenF1 } from './lib/token-f1.ts';

/** The body text our ingest path stores for a fixture page. */
export function storedText(page: FurniturePage): string {
  if (page.kind === 'text') return parseScrapedText(page.input).text;
  const result = extractHtml(
    page.input,
    `https://${page.site.toLowerCase().replace(/\W+/g, '')}.example/story`,
  );
  return result.ok ? result.page.text : '';
}

/** Per half: mean token F1 against the expected body, and the pages whose text or summary keeps furniture. */
export function scoreHalf(pages: FurniturePage[], textOf: (page: FurniturePage) => string) {
  let f1 = 0;
  const inText: string[] = [];
  const inSummary: string[] = [];
  for (const page of pages) {
    const text = textOf(page);
    f1 += tokenF1(textTokens(text), textTokens(page.expected)).f1;
    const summary = summarizeExtractive({ title: page.headline, text });
    const left = page.furniture.filter((line) => text.includes(line));
    if (left.length > 0) inText.push(`${page.id}: ${left.map((l) => JSON.stringify(l)).join(', ')}`);
    if (page.furniture.some((line) => summary.includes(line))) inSummary.push(page.id);
  }
  return { pages: pages.length, f1: f1 / pages.length, inText, inSummary };
}

/** A scrape cleaned with the lines its source repeats across its other articles. */
function withSourceLines(pages: FurniturePage[]): (page: FurniturePage) => string {
  return (page) => {
    const others = pages.filter((p) => p.site === page.site && p.id !== page.id).map((p) => p.input);
    return parseScrapedText(page.input, learnRepeatedLines(others, 1)).text;
  };
}

/** Prints both halves of the furniture fixture set: tuned-on and held back. */
export async function run(): Promise<void> {
  const pages = furniturePages();
  console.log(
    `furniture fixtures: ${pages.length} pages (${pages.filter((p) => p.kind === 'text').length} plain-text scrapes), split by outlet`,
  );
  for (const half of ['tune', 'check'] as const) {
    const score = scoreHalf(
      pages.filter((p) => p.half === half),
      storedText,
    );
    console.log(
      `  ${half === 'tune' ? 'tuning half  ' : 'checking half'} ${score.pages} pages: mean token F1 ${score.f1.toFixed(3)}` +
        `${half === 'check' ? ' (goal >= 0.95)' : ''}; furniture left in text of ${score.inText.length} pages, in summary of ${score.inSummary.length} (goal 0)`,
    );
    for (const line of score.inText.slice(0, 12)) console.log(`    ${line}`);
    const scrapes = pages.filter((p) => p.half === half && p.kind === 'text');
    const alone = scoreHalf(scrapes, storedText);
    const learned = scoreHalf(scrapes, withSourceLines(pages));
    console.log(
      `    its ${scrapes.length} plain-text scrapes: F1 ${alone.f1.toFixed(3)} page by page, ${learned.f1.toFixed(3)} with the lines each source repeats across its other articles`,
    );
  }
  runLedeSample();
}

/** Single raw tech scrapes (no other page of the source to learn from): chrome before the lede. */
export function runLedeSample(): void {
  const sample = loadLedeSample();
  if (typeof sample === 'string') {
    console.log(`single-page scrapes: skipped (${sample})`);
    return;
  }
  console.log('single raw tech scrapes (eval/tech-chrome-ledes.json), cleaned page by page:');
  for (const half of ['tune', 'check'] as const) {
    const s = scoreLedes(
      sample.filter((p) => p.label.half === half),
      (raw) => parseScrapedText(raw),
    );
    const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
    console.log(
      `  ${half === 'tune' ? 'tuning half  ' : 'checking half'} ${s.pages} pages: summary starts off the story ${pct(s.startsOff)}, holds text from off the story ${pct(s.holdsOff)}; lede kept ${pct(s.ledeKept)}, ${s.wordsBefore.toFixed(1)} words kept before it`,
    );
  }
}
