import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFixedClock } from '../../src/core/clock.ts';
import { type Core, createCore } from '../../src/core/core.ts';
import { createStores } from '../../src/core/store/keyv-stores.ts';
import type { Stores } from '../../src/core/store/ports.ts';
import { createSilentLogger } from '../../src/logger.ts';

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'pw-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A core over a real SQLite file in a temporary directory. */
export async function createTestCore(now = '2026-11-30T12:00:00.000Z'): Promise<{
  core: Core;
  stores: Stores;
  dir: string;
  clock: ReturnType<typeof createFixedClock>;
  close: () => Promise<void>;
}> {
  const { dir, cleanup } = tempDir();
  const stores = await createStores({ url: `sqlite://${join(dir, 'store.sqlite')}` });
  const clock = createFixedClock(now);
  const core = await createCore({ stores, clock, logger: createSilentLogger() });
  return {
    core,
    stores,
    dir,
    clock,
    close: async () => {
      await stores.close();
      cleanup();
    },
  };
}

/** The repository's bundled copy of the seed article. */
export const SEED_SAMPLE = new URL('../../samples/china-slams-immoral-spying-claims.txt', import.meta.url)
  .pathname;

/** A test core that already holds the seed article, ingested the way `policywire ingest` does it. */
export async function createSeededCore(): Promise<Awaited<ReturnType<typeof createTestCore>>> {
  const { ingestInputs } = await import('../../src/ingest/ingest-inputs.ts');
  const t = await createTestCore();
  await ingestInputs([SEED_SAMPLE], {
    writer: t.core.writer,
    fetchLimits: { timeoutMs: 1000, maxBytes: 100_000, userAgent: 'test' },
    logger: createSilentLogger(),
  });
  return t;
}
