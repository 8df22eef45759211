import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { loadZytePages } from '../eval/zyte.eval.ts';
import { extractHtml } from '../src/ingest/extract-html.ts';

function pagesPerSecond(count: number, work: () => void, rounds = 2): number {
  work(); // warm-up
  const started = performance.now();
  for (let i = 0; i < rounds; i++) work();
  return (count * rounds * 1000) / (performance.now() - started);
}

/** Zyte pages extracted per second by our extractor and by plain Readability on linkedom, in one run. */
export async function run(): Promise<void> {
  const pages = loadZytePages();
  if (pages.length === 0) {
    console.log('extract: zyte corpus absent; page extraction not measured');
    return;
  }
  const ours = pagesPerSecond(pages.length, () => {
    for (const page of pages) extractHtml(page.html, page.url);
  });
  const readability = pagesPerSecond(pages.length, () => {
    for (const page of pages) {
      const { document } = parseHTML(page.html);
      new Readability(document as unknown as Document).parse();
    }
  });
  console.log(`extract: ${pages.length} Zyte benchmark pages, same process, one after the other`);
  console.log(`  policywire extractHtml          ${ours.toFixed(1).padStart(7)} pages/s (goal >= 60)`);
  console.log(`  Readability.js on linkedom      ${readability.toFixed(1).padStart(7)} pages/s`);
  console.log(`  ratio                           ${(ours / readability).toFixed(2)}x`);
}
