import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Stores } from '../../../src/core/ports/stores.ts';
import { openFollowedIndex } from '../../../src/core/search/followed-index.ts';
import { createStores } from '../../../src/core/store/open-stores.ts';
import { makeArticle } from '../../helpers/articles.ts';
import { dropRedisPrefix, waitUntil } from '../../helpers/bot-instances.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { tempDir } from '../../helpers/temp-store.ts';

const REDIS_URL = process.env.REDIS_URL;

describe.runIf(REDIS_URL)('a search index that follows the change log (Redis)', () => {
  const prefix = `fi${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const temp = tempDir();
  const opened: Stores[] = [];
  const open = async (retention = 10) => {
    const stores = await createStores({
      url: REDIS_URL!,
      prefix,
      snapshotDir: join(temp.dir, 'snapshots'),
      changeLogRetention: retention,
    });
    opened.push(stores);
    return stores;
  };
  afterAll(async () => {
    for (const stores of opened) await stores.close().catch(() => undefined);
    await dropRedisPrefix(REDIS_URL!, prefix);
    temp.cleanup();
  });

  it('restarts from its snapshot plus the tail, rebuilds when the tail was trimmed, and warms in the background', async () => {
    const writer = await open();
    for (let i = 0; i < 20; i++)
      await writer.articles.put(makeArticle(`first-${i}`, { title: `Zither story ${i}` }));

    const first = await open();
    const { logger, lines } = captureLogger('info');
    let index = await openFollowedIndex({
      articles: first.articles,
      log: first.changeLog,
      logger,
      snapshotPath: first.indexSnapshotPath,
    });
    expect(index.index.size).toBe(20);
    await index.close(); // saves the snapshot at position 20

    // While it is away: two more, one removed. It comes back from its snapshot and replays just those.
    await writer.articles.put(makeArticle('tail-a'));
    await writer.articles.put(makeArticle('tail-b'));
    await writer.articles.delete(makeArticle('first-0').id);
    index = await openFollowedIndex({
      articles: first.articles,
      log: first.changeLog,
      logger,
      snapshotPath: first.indexSnapshotPath,
    });
    expect(index.report.mode).toBe('loaded');
    expect(index.index.size).toBe(21);
    expect(index.index.stampOf(makeArticle('first-0').id)).toBeUndefined();
    expect(await index.progress()).toMatchObject({ state: 'ready', sequence: 23, head: 23, lag: 0 });
    await index.close();

    // Away for longer than the log keeps: its position falls off the trimmed log, so it rebuilds.
    for (let i = 0; i < 300; i++) await writer.articles.put(makeArticle(`late-${i}`));
    await writer.changeLog.trim();
    index = await openFollowedIndex({
      articles: first.articles,
      log: first.changeLog,
      logger,
      snapshotPath: first.indexSnapshotPath,
    });
    expect(
      lines.some((line) => line.msg === 'fell behind the trimmed change log: rebuilding the search index'),
    ).toBe(true);
    expect(index.index.size).toBe(321);
    expect((await index.progress()).lag).toBe(0);
    await index.close();

    // A brand-new instance (no snapshot) answers at once and says it is warming until it has caught up.
    const fresh = await open();
    const warm = await openFollowedIndex({
      articles: fresh.articles,
      log: fresh.changeLog,
      logger,
      background: true,
    });
    expect(warm.warming).toBe(true);
    expect((await warm.progress()).state).toBe('warming');
    await waitUntil(() => !warm.warming, 20_000, 'the background build');
    expect(warm.index.size).toBe(321);
    // And it follows a write made elsewhere, without being asked.
    await writer.articles.put(makeArticle('after-warm'));
    await waitUntil(() => warm.index.size === 322, 5_000, 'the new article');
    await warm.close();
  }, 60_000);
});
