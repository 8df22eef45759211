import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/core.ts';
import { createStores } from '../../src/core/store/open-stores.ts';
import { systemClock } from '../../src/core/system-clock.ts';
import { createSsrfGuard } from '../../src/ingest/ssrf-guard.ts';
import { createLogger } from '../../src/logger.ts';
import { saveStoryFixtures } from '../helpers/articles.ts';
import { BIN } from '../helpers/cli.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'pw-cli-news-'));
const storeUrl = `sqlite://${join(dir, 'store.sqlite')}`;

beforeAll(async () => {
  // The CLI opens the store with the default prefix, as a real install does.
  const stores = await createStores({ url: storeUrl, logger: createLogger('silent') });
  const core = await createCore({
    stores,
    clock: systemClock,
    logger: createLogger('silent'),
    sourceGuard: createSsrfGuard({ allowPrivate: false }),
  });
  await saveStoryFixtures(core.writer);
  await stores.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('policywire news --json', () => {
  it('prints one result per story, each carrying story id, article ids and outlet names', async () => {
    const { stdout } = await run('node', [BIN, 'news', '--json', 'ai', 'act', 'parliament'], {
      env: { ...process.env, STORE_URL: storeUrl, SEED_SAMPLES: 'false', LOG_LEVEL: 'silent' },
    });
    const out = JSON.parse(stdout) as {
      results: { id: string; story: { id: string; articles: string[]; sources: string[] } }[];
    };
    const top = out.results[0]!;
    expect(top.story.id).toBe(top.id);
    expect(top.story.articles).toHaveLength(3);
    expect(top.story.sources.sort()).toEqual(['Brussels Brief', 'Tech Ledger', 'Wire Daily']);
    const allIds = out.results.flatMap((r) => r.story.articles);
    expect(new Set(allIds).size).toBe(allIds.length);
  });
});
