import { afterEach, describe, expect, it } from 'vitest';
import { createOffThreadExtractor, type OffThreadExtractor } from '../../src/ingest/extract-off-thread.ts';

const PROSE =
  'The regulator said on Tuesday that it would examine the merger in depth because it could raise prices for cloud customers across the bloc. ';
const page = (n: number, paragraphs: number) =>
  `<!doctype html><html><head><title>Story ${n}</title></head><body><article><h1>Story ${n}</h1>${`<p>${PROSE.repeat(3)}</p>`.repeat(paragraphs)}</article></body></html>`;

let extractor: OffThreadExtractor | undefined;
afterEach(async () => {
  await extractor?.close();
  extractor = undefined;
});

describe('off-thread extraction', () => {
  it('refuses a page whose extraction outlasts the time limit, saying why', async () => {
    extractor = createOffThreadExtractor({ timeLimitMs: 1 });
    const result = await extractor.extract(page(1, 3_000));
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? '' : result.reason).toMatch(/took over 1 ms to extract/);
  });

  it('counts each page from when a warm worker takes it, so a queue and a cold start fail no page', async () => {
    // Twenty small pages on one cold worker: together well past the limit, each far inside it.
    extractor = createOffThreadExtractor({ threads: 1, timeLimitMs: 400 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => extractor!.extract(page(n, 20))));
    expect(results.map((r) => r.ok)).toEqual(Array(20).fill(true));
    expect(results.map((r) => (r.ok ? r.page.title : ''))).toEqual(
      Array.from({ length: 20 }, (_, n) => `Story ${n}`),
    );
  });

  it('refuses a page cut off by shutdown as shutdown, not as a page too slow to read', async () => {
    extractor = createOffThreadExtractor({ timeLimitMs: 30_000 });
    const pending = extractor.extract(page(1, 3_000));
    // Let the worker start on the page, then close the pool under it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await extractor.close();
    const result = await pending;
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? '' : result.reason).toMatch(/shutting down/);
    expect(await extractor.extract(page(2, 1))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/shutting down/),
    });
  });
});
