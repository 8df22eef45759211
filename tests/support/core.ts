import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../../src/core/article.ts';
import { createFixedClock } from '../../src/core/clock.ts';
import { type Core, createCore } from '../../src/core/core.ts';
import type { SourceUrlGuard } from '../../src/core/sources.ts';
import { createStores } from '../../src/core/store/keyv-stores.ts';
import { createFetcher } from '../../src/ingest/fetch.ts';
import { createPoller, type Poller } from '../../src/ingest/poll.ts';
import { createSilentLogger } from '../../src/logger.ts';

/** A core on a fresh SQLite file in a temp dir, with a clock the test moves. */
export async function createTestCore(
  options: { sourceGuard?: SourceUrlGuard; pollIntervalMinutes?: number } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'pw-feeds-'));
  const stores = await createStores({
    url: `sqlite://${join(dir, 'test.sqlite')}`,
    prefix: `t${Date.now()}`,
  });
  const clock = createFixedClock('2024-03-01T12:00:00Z');
  const core: Core = await createCore({ stores, clock, logger: createSilentLogger(), ...options });
  return {
    core,
    clock,
    async articles(): Promise<Article[]> {
      const out: Article[] = [];
      for await (const article of core.articles.all()) out.push(article);
      return out.sort((a, b) => a.url.localeCompare(b.url));
    },
    async close() {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A poller over a test core with a fetcher that may reach the fake web on 127.0.0.1. */
export function createTestPoller(
  t: Awaited<ReturnType<typeof createTestCore>>,
  options: { fetchTeasers?: boolean } = {},
): Poller {
  const fetcher = createFetcher({
    limits: { timeoutMs: 2000, maxBytes: 2_000_000, userAgent: 'PolicyWireTest', allowPrivateNetworks: true },
  });
  return createPoller({
    sources: t.core.sources,
    writer: t.core.writer,
    articles: t.core.articles,
    fetcher,
    clock: t.clock,
    logger: createSilentLogger(),
    ...options,
  });
}
