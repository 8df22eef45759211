import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Article } from '../src/core/article.ts';
import { createCore } from '../src/core/core.ts';
import { createStores } from '../src/core/store/open-stores.ts';
import { systemClock } from '../src/core/system-clock.ts';
import { createSsrfGuard } from '../src/ingest/ssrf-guard.ts';
import { createLogger } from '../src/logger.ts';
import { memory } from './measure.ts';

/**
 * Fills a real SQLite store through createStores, then times createCore three ways: the first start (no
 * saved index: a full rebuild, which then saves one), a start from the saved index, and a start after
 * 1% of the articles were edited and 1% added behind the saved index's back (reconciled from stamps).
 */
export async function coldStart(articles: Article[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-'));
  const url = `sqlite://${join(dir, 'store.sqlite')}`;
  const logger = createLogger('silent');
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const extra = Math.floor(articles.length / 100);
  const stored = articles.slice(0, articles.length - extra);
  try {
    let stores = await createStores({ url, logger, prefix: 'bench' });
    let started = performance.now();
    for (let i = 0; i < stored.length; i += 500) {
      await Promise.all(stored.slice(i, i + 500).map((a) => stores.articles.put(a)));
    }
    const fill = performance.now() - started;
    await stores.close();

    stores = await createStores({ url, logger, prefix: 'bench' });
    started = performance.now();
    let count = 0;
    for await (const _ of stores.articles.all()) count++;
    const iterate = performance.now() - started;
    await stores.close();

    const start = async () => {
      const opened = await createStores({ url, logger, prefix: 'bench' });
      let phases = '';
      const capture = pino(
        { level: 'info' },
        {
          write(line: string) {
            const entry = JSON.parse(line) as Record<string, unknown>;
            if (entry.msg === 'search index ready')
              phases = `${entry.mode}: stamps ${entry.stampsMs} ms, saved index read ${entry.loadMs} ms, indexing ${entry.indexMs} ms for ${entry.reconciled} changed`;
          },
        },
      );
      const began = performance.now();
      const core = await createCore({
        stores: opened,
        clock: systemClock,
        logger: capture,
        sourceGuard: createSsrfGuard({ allowPrivate: false }),
      });
      const ms = performance.now() - began;
      const heap = await memory();
      const closing = performance.now();
      await core.close();
      const saveMs = performance.now() - closing;
      await opened.close();
      return { ms, saveMs, size: core.index.size, heap, phases };
    };
    const first = await start();
    const snapshotBytes = statSync(`${join(dir, 'store.sqlite')}.search-index`).size;
    const warm = await start();

    stores = await createStores({ url, logger, prefix: 'bench' });
    for (const article of stored.slice(0, extra)) {
      await stores.articles.put({ ...article, title: `${article.title} (updated)` });
    }
    for (const article of articles.slice(stored.length)) await stores.articles.put(article);
    await stores.close();
    const changed = await start();

    console.log(
      `  cold start from SQLite, ${warm.size} full-text articles (reading all ${count} through keyv alone: ${seconds(iterate)}; target 5 s):\n` +
        `    first start, no saved index (full rebuild): ${seconds(first.ms)}, then saving the index took ${seconds(first.saveMs)} (${(snapshotBytes / 1e6).toFixed(0)} MB file)\n` +
        `    start from the saved index:                 ${seconds(warm.ms)} (${warm.phases}; heap + buffers after start: ${(warm.heap / 1e6).toFixed(0)} MB)\n` +
        `    start after ${extra} edits + ${extra} new articles:   ${seconds(changed.ms)} (${changed.phases}; ${changed.size} articles)\n` +
        `    (filling the store took ${seconds(fill)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
