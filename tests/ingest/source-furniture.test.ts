import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanArticleText } from '../../src/ingest/clean-text.ts';
import { ingestInputs } from '../../src/ingest/ingest-inputs.ts';
import { learnRepeatedLines, withoutRepeatedSentences } from '../../src/ingest/source-furniture.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { createTestCore } from '../helpers/temp-store.ts';

const story = (n: number) =>
  [
    `Regulator opens inquiry number ${n}`,
    'The Quarterly Wire — independent reporting on the digital economy',
    `The regulator opened inquiry number ${n} on Tuesday into the licensing terms of cloud providers, officials said.`,
    'Tap here for the Quarterly Wire daily brief',
    `Officials said inquiry ${n} would examine fees for moving data between platforms and discounts tied to long contracts.`,
    `The providers said they would cooperate with inquiry ${n} and that their prices had fallen for several years.`,
  ].join('\n');

describe('lines a source repeats across its articles', () => {
  it('are learned only when they recur in enough articles, and only when short', () => {
    const long =
      'This sentence is long enough to be prose and it is repeated word for word in both of the texts here today, as a standard disclosure.';
    const repeated = learnRepeatedLines([`A menu\nUnique one\n${long}`, `a  menu\nUnique two\n${long}`]);
    expect([...repeated]).toEqual(['a menu']);
    expect(learnRepeatedLines(['A menu', 'A menu'], 3).size).toBe(0);
  });

  it('takes a repeated sentence for chrome only when most of the source’s articles carry it', () => {
    const stock = 'The company did not respond to a request for comment.';
    const texts = [`${stock}\nOne`, `${stock}\nTwo`, 'Three', 'Four', 'Five'];
    expect(learnRepeatedLines(texts).has(stock.toLowerCase())).toBe(false);
    expect(learnRepeatedLines([...texts.slice(0, 2), `${stock}\nSix`, 'Four']).has(stock.toLowerCase())).toBe(
      true,
    );
  });

  it('learns a promo sentence glued into paragraphs once three articles and a tenth of them carry it', () => {
    const promo = 'Join us at the Summit in Lisbon this fall to meet leaders.';
    const texts = [1, 2, 3].map((n) => `Story ${n} opened on Tuesday with news. ${promo} More facts ${n}.`);
    const quiet = Array.from({ length: 38 }, (_, n) => `Other story ${n} says little.`);
    expect(learnRepeatedLines([...texts, ...quiet.slice(0, 27)]).has(promo.toLowerCase())).toBe(true);
    expect(learnRepeatedLines([...texts.slice(0, 2), ...quiet.slice(0, 27)]).has(promo.toLowerCase())).toBe(
      false,
    );
    // Three of forty-one is under a tenth: a sentence that rare may be a source's own recap, so it stays.
    expect(learnRepeatedLines([...texts, ...quiet]).has(promo.toLowerCase())).toBe(false);
  });

  it('cuts only the repeated sentences out of a paragraph and drops a line made of them', () => {
    const promo = 'Join us at the Summit in Lisbon this fall to meet leaders.';
    const repeated = new Set([promo.toLowerCase()]);
    expect(withoutRepeatedSentences(`The rule passed. ${promo} Critics objected.`, repeated)).toBe(
      'The rule passed. Critics objected.',
    );
    const text = `The regulator approved the rule on Tuesday after a long review.\n${promo}\nCritics said it was weak.`;
    expect(cleanArticleText(text, repeated)).toBe(
      'The regulator approved the rule on Tuesday after a long review.\nCritics said it was weak.',
    );
  });

  it('counts a page saved twice once, so its own lines are not taken for the source’s', () => {
    const copies = [story(1), `${story(1)}\n`, story(1).replace(/ /g, '  ')];
    expect(learnRepeatedLines(copies).size).toBe(0);
    // Two different stories beside the copies: only what they share is learned.
    const learned = learnRepeatedLines([...copies, story(2)]);
    expect(learned.has('tap here for the quarterly wire daily brief')).toBe(true);
    expect([...learned].some((line) => line.includes('inquiry number 1'))).toBe(false);
  });

  describe('ingesting a folder of scrapes from one source', () => {
    let dir: string;
    let t: Awaited<ReturnType<typeof createTestCore>>;
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pw-source-'));
      t = await createTestCore();
    });
    afterEach(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('drops the slogan and sign-up line every article carries, and keeps each story whole', async () => {
      for (const n of [1, 2, 3]) writeFileSync(join(dir, `story-${n}.txt`), story(n));
      const report = await ingestInputs([dir], {
        writer: t.core.writer,
        fetchLimits: { timeoutMs: 2000, maxBytes: 1_000_000, userAgent: 'test' },
        logger: createSilentLogger(),
      });
      expect(report.added).toBe(3);
      for (const item of report.items) {
        const text = (await t.core.articles.get(item.id as string))?.text ?? '';
        expect(text).not.toContain('independent reporting on the digital economy');
        expect(text).not.toContain('daily brief');
        expect(text.split('\n').filter(Boolean)).toHaveLength(3);
      }
    });

    it('cuts the site name its headlines end with, learned from the folder, and keeps a suffix only two carry', async () => {
      const titled = (n: number, suffix: string) =>
        story(n).replace(/^[^\n]*/, `Regulator opens inquiry number ${n} | ${suffix}`);
      for (const n of [1, 2, 3]) writeFileSync(join(dir, `story-${n}.txt`), titled(n, 'QWIRE'));
      for (const n of [4, 5]) writeFileSync(join(dir, `story-${n}.txt`), titled(n, 'Analysis'));
      const report = await ingestInputs([dir], {
        writer: t.core.writer,
        fetchLimits: { timeoutMs: 2000, maxBytes: 1_000_000, userAgent: 'test' },
        logger: createSilentLogger(),
      });
      const titles = report.items.map((item) => item.title).sort();
      expect(titles).toEqual([
        'Regulator opens inquiry number 1',
        'Regulator opens inquiry number 2',
        'Regulator opens inquiry number 3',
        'Regulator opens inquiry number 4 | Analysis',
        'Regulator opens inquiry number 5 | Analysis',
      ]);
    });

    it('learns nothing from one story saved three times, and keeps its lines', async () => {
      for (const n of [1, 2, 3]) writeFileSync(join(dir, `copy-${n}.txt`), story(1));
      const report = await ingestInputs([dir], {
        writer: t.core.writer,
        fetchLimits: { timeoutMs: 2000, maxBytes: 1_000_000, userAgent: 'test' },
        logger: createSilentLogger(),
      });
      const id = report.items.find((item) => item.id)?.id as string;
      const text = (await t.core.articles.get(id))?.text ?? '';
      expect(text).toContain('The regulator opened inquiry number 1 on Tuesday');
      expect(text).toContain('would examine fees for moving data');
    });
  });
});
