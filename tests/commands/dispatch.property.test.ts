import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchLine } from '../../commands/dispatch.ts';
import { commands } from '../../commands/index.ts';
import { contextFor } from '../helpers/context.ts';
import { createSeededCore, type createTestCore } from '../helpers/temp-store.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

describe('dispatcher under random input', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await createSeededCore();
  });
  afterAll(async () => t.close());

  it('answers each of 10,000 random command lines with a reply and never throws', async () => {
    const names = [...commands.map((c) => c.name), 'nope', ''];
    const word = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom(
        'huawei',
        'page:2',
        'page:-1',
        'page:abc',
        'add',
        'remove',
        'list',
        'https://example.org/feed',
        '"quoted',
        '.*+?^$' + '{}()|[]\\',
        '🙂',
        '\u0000',
        '/',
      ),
    );
    const line = fc
      .tuple(fc.constantFrom(...names), fc.array(word, { maxLength: 8 }), fc.boolean())
      .map(([name, words, slash]) => `${slash ? '/' : ''}${name} ${words.join(' ')}`);
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(line, async (input) => {
        // A non-admin, so no random line can add or remove sources.
        const reply = await dispatchLine(input, contextFor(t, { isAdmin: false }));
        expect(['stories', 'notice', 'list', 'digest']).toContain(reply.kind);
        answered++;
      }),
      { numRuns: 10_000 },
    );
    expect(answered).toBe(10_000);
  }, 120_000);
});
