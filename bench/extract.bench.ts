import { availableParallelism } from 'node:os';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { Tinypool } from 'tinypool';
import { loadZytePages } from '../eval/zyte.eval.ts';
import { extractHtml } from '../src/ingest/extract-html.ts';
import { createOffThreadExtractor } from '../src/ingest/extract-off-thread.ts';

/** Pages per second of each side, by the clock and by this process's own CPU time. */
interface Rates {
  wall: number[];
  cpu: number[];
}

/**
 * Runs both sides in alternating rounds, so a load spike on a shared machine hits both alike. CPU time is
 * counted too: with other processes on the cores, the clock mostly measures waiting for a core, and its
 * ratio swung from 0.87x to 1.84x between two runs of the same code.
 */
function interleaved(count: number, sides: (() => void)[], rounds = 3): Rates {
  for (const side of sides) side(); // warm-up
  const wall = sides.map(() => 0);
  const cpu = sides.map(() => 0);
  for (let round = 0; round < rounds; round++)
    sides.forEach((side, index) => {
      const started = performance.now();
      const startedCpu = process.cpuUsage();
      side();
      const used = process.cpuUsage(startedCpu);
      wall[index] = (wall[index] as number) + performance.now() - started;
      cpu[index] = (cpu[index] as number) + (used.user + used.system) / 1000;
    });
  const rate = (ms: number) => (count * rounds * 1000) / ms;
  return { wall: wall.map(rate), cpu: cpu.map(rate) };
}

/** Zyte pages extracted per second by our extractor and by plain Readability on linkedom, in one run. */
export async function run(): Promise<void> {
  const pages = loadZytePages();
  if (pages.length === 0) {
    console.log('extract: zyte corpus absent; page extraction not measured');
    return;
  }
  const rates = interleaved(pages.length, [
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
  console.log('                                  by clock   by CPU time');
  const row = (label: string, side: number, note = '') =>
    console.log(
      `  ${label.padEnd(30)} ${(rates.wall[side] ?? 0).toFixed(1).padStart(7)}   ${(rates.cpu[side] ?? 0).toFixed(1).padStart(7)} pages/s${note}`,
    );
  row('policywire extractHtml', 0, ' (goal >= 60)');
  row('Readability.js on linkedom', 1);
  const ratio = (list: number[]) => ((list[0] ?? 0) / (list[1] ?? 1)).toFixed(2);
  console.log(`  ratio                             ${ratio(rates.wall)}x      ${ratio(rates.cpu)}x`);
  await poolRows(pages);
}

/** Every page handed to a pool of `threads` workers at once; pages per second by the clock. */
async function poolRate(
  pages: { html: string; url: string }[],
  extract: (page: { html: string; url: string }) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  await Promise.all(pages.map(extract));
  return (pages.length * 1000) / (performance.now() - started);
}

/**
 * The product's own path: extraction runs on worker threads (extract-off-thread.ts), one per core here,
 * beside Readability in a pool of the same size. HTML is copied to a worker on both sides alike.
 */
async function poolRows(pages: { html: string; url: string }[]): Promise<void> {
  const threads = availableParallelism();
  const ours = createOffThreadExtractor({ threads, timeLimitMs: 60_000 });
  const peer = new Tinypool({
    filename: new URL('./readability-worker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  try {
    const sides = [
      (page: { html: string; url: string }) => ours.extract(page.html, page.url),
      (page: { html: string; url: string }) => peer.run({ html: page.html }),
    ];
    for (const side of sides) await poolRate(pages, side); // warm-up: workers start and compile
    const rates = [0, 0];
    for (let round = 0; round < 3; round++)
      for (const [index, side] of sides.entries())
        rates[index] = (rates[index] ?? 0) + (await poolRate(pages, side)) / 3;
    console.log(`  on a pool of ${threads} worker threads (the product's path), by clock:`);
    console.log(
      `    policywire off-thread extractor ${(rates[0] ?? 0).toFixed(1).padStart(7)} pages/s (goal >= 60)`,
    );
    console.log(`    Readability.js on linkedom      ${(rates[1] ?? 0).toFixed(1).padStart(7)} pages/s`);
    console.log(`    ratio                           ${((rates[0] ?? 0) / (rates[1] ?? 1)).toFixed(2)}x`);
  } finally {
    await ours.close();
    await peer.destroy();
  }
}
