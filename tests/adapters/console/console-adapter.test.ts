import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../src/adapters/console/console-adapter.ts';
import { renderText } from '../../../src/adapters/console/render-text.ts';
import type { StoryCard } from '../../../src/core/reply.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { createSeededCore, type createTestCore } from '../../helpers/temp-store.ts';
import { chatOnConsole } from './harness.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

describe('console adapter', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await createSeededCore();
  });
  afterAll(async () => t.close());

  it('answers lines in the order they arrive and finishes when input ends', async () => {
    const printed = await chatOnConsole(t, '/news huawei\n\n/nothing\n');
    const storyAt = printed.indexOf('China slams ‘immoral’ spying claims');
    const errorAt = printed.indexOf('Unknown command /nothing.');
    expect(storyAt).toBeGreaterThanOrEqual(0);
    expect(errorAt).toBeGreaterThan(storyAt);
  });

  it('given a failure while answering one line, apologises and keeps answering the next ones', async () => {
    const input = new PassThrough();
    let printed = '';
    // A terminal whose first write throws (a synchronous EIO/EAGAIN on a tty or file); later ones succeed.
    const output = new PassThrough();
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const realWrite = output.write.bind(output);
    let failNext = true;
    output.write = ((...args: Parameters<typeof realWrite>) => {
      if (failNext) {
        failNext = false;
        throw Object.assign(new Error('write EIO'), { code: 'EIO' });
      }
      return realWrite(...args);
    }) as typeof output.write;
    const { logger, lines } = captureLogger('error');
    const adapter = createConsoleAdapter({
      core: t.core,
      digests: t.digests,
      settings: t.settings,
      stores: t.stores,
      logger,
      input,
      output,
      interactive: false,
    });
    await adapter.start();
    input.end('/news huawei\n/nothing\n');
    const finished = await Promise.race([
      adapter.done.then(() => 'done'),
      new Promise((resolve) => setTimeout(() => resolve('hung'), 5000)),
    ]);
    expect(finished).toBe('done');
    expect(printed).toMatch(/\[only you\] ✗ Sorry, something went wrong on our side \(ref [\w-]+\)/);
    expect(printed).toContain('Unknown command /nothing.');
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'console line failed' }));
  });

  const card = (over: Partial<StoryCard> = {}): StoryCard => ({
    id: '1',
    title: 'T',
    url: 'https://e.org/a',
    source: 'Outlet',
    publishedAt: '2026-11-29T08:00:00Z',
    summary: 'S.',
    topics: [],
    alsoCoveredBy: [{ source: 'Other', url: 'https://o.org' }],
    articleIds: ['1'],
    ...over,
  });

  it('renders a story with outlet, summary and link on their own lines', () => {
    const text = renderText({ kind: 'stories', title: 'News for "x"', stories: [card()] });
    expect(text).toBe(
      'News for "x"\n\n1. T\n   Outlet · 2026-11-29\n   S.\n   https://e.org/a\n   Also covered by: Other\n',
    );
  });

  it('says "undated" where a story with no publication date would show its date', () => {
    const text = renderText({
      kind: 'stories',
      title: 'News for "x"',
      stories: [card({ publishedAt: undefined })],
    });
    expect(text).toContain('   Outlet · undated\n');
  });
});
