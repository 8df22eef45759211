import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { loadZytePages } from '../eval/zyte.eval.ts';
import { extractHtml } from '../src/ingest/extract-html.ts';

/** Runs both sides in alternating rounds, so a load spike on a shared machine hits both alike. */
function interleaved(count: number, sides: (() => void)[], rounds = 3): number[] {
  for (const side of sides) side(); // warm-up
  const ms = sides.map(() => 0);
  for (let round = 0; round < rounds; round++)
    sides.forEach((side, index) => {
      const started = performance.now();
      side();
      ms[index] = (ms[index] as number) + performance.now() - started;
    });
  return ms.map((total) => (count * rounds * 1000) / total);
}

/** Zyte pages extracted per second by our extractor and by plain Readability on linkedom, in one run. */
export async function run(): Promise<void> {
  const pages = loadZytePages();
  if (pages.length === 0) {
    console.log('extract: zyte corpus absent; page extraction not measured');
    return;
  }
  const [ours = 0, readability = 0] = interleaved(pages.length, [
    () => {
      for (const page of pages) extractHtml(page.html, page.url);
    },
    () => {
      for (const page of pages) {
        const { document } = parseHTML(page.html);
        new Readability(document as unknown as Document).parse();
      }
    },
  ]);
  console.log(`extract: ${pages.length} Zyte benchmark pages, same process, alternating rounds`);
  console.log(`  policywire extractHtml          ${ours.toFixed(1).padStart(7)} pages/s (goal >= 60)`);
  console.log(`  Readability.js on linkedom      ${readability.toFixed(1).padStart(7)} pages/s`);
  console.log(`  ratio                           ${(ours / readability).toFixed(2)}x`);
}
