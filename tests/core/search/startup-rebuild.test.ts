import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../helpers/temp-store.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('search index and the store', () => {
  it('ingest updates the index at once, and a restart rebuilds it from the SQLite store', async () => {
    const test = await createTestCore({ now: '2026-11-01T12:00:00Z' });
    cleanup = test.close;
    const draft = {
      url: 'https://policy.example/ftc-merger',
      title: 'FTC challenges chip merger',
      source: 'Policy Post',
      publishedAt: '2026-10-30T10:00:00Z',
      text: 'The Federal Trade Commission sued to block the semiconductor merger, citing harm to competition.',
    };
    const saved = await test.core.writer.save(draft);
    expect(saved.article.topics).toEqual(expect.arrayContaining(['agency:ftc', 'jurisdiction:us']));
    expect(test.core.index.search('semiconductor', { owner: '*', limit: 5 }).total).toBe(1);

    const restarted = await test.reopen();
    expect(restarted.index.size).toBe(1);
    const after = restarted.index.search('ftc merger agency:ftc', { owner: 'console:local', limit: 5 });
    expect(after.hits.map((h) => h.id)).toEqual([saved.article.id]);
  });

  it('after a clean shutdown, a restart loads the saved index and finds what was ingested', async () => {
    const test = await createTestCore({ now: '2026-11-01T12:00:00Z' });
    cleanup = test.close;
    const saved = await test.core.writer.save({
      url: 'https://policy.example/spectrum',
      title: 'FCC opens spectrum auction',
      source: 'Policy Post',
      text: 'The Federal Communications Commission opened the C-band spectrum auction.',
    });
    await test.core.close();
    expect(existsSync(test.stores.indexSnapshotPath!)).toBe(true);
    const restarted = await test.reopen();
    expect(
      restarted.index.search('"spectrum auction"', { owner: '*', limit: 5 }).hits.map((h) => h.id),
    ).toEqual([saved.article.id]);
  });

  it('an edited article is re-indexed: old words stop matching, new ones match', async () => {
    const test = await createTestCore({ now: '2026-11-01T12:00:00Z' });
    cleanup = test.close;
    const base = {
      url: 'https://policy.example/edit',
      title: 'Draft on tariffs',
      source: 'Policy Post',
      text: 'Tariffs text.',
    };
    await test.core.writer.save(base);
    await test.core.writer.save({ ...base, title: 'Final on spectrum', text: 'Spectrum text.' });
    expect(test.core.index.search('tariffs', { owner: '*', limit: 5 }).total).toBe(0);
    expect(test.core.index.search('spectrum', { owner: '*', limit: 5 }).total).toBe(1);
  });
});
