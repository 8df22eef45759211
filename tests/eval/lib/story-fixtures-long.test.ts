import { describe, expect, it } from 'vitest';
import {
  BLIND_2_FOLDER,
  BLIND_3_FOLDER,
  BLIND_FOLDER,
  loadBlindStoryFixtures,
  loadLongStoryFixtures,
  parseStoryFile,
} from '../../../eval/lib/story-fixtures-long.ts';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

// Each blind set's promised minimums; the second set was asked for more articles, hard negatives and a narrower length;
// the third was written under a short deadline, so its articles are shorter.
const BLIND_SETS = [
  {
    name: 'stories-blind',
    folder: BLIND_FOLDER,
    articles: 45,
    negatives: 15,
    minWords: 150,
    maxWords: 350,
    earlier: [] as URL[],
  },
  {
    name: 'stories-blind-2',
    folder: BLIND_2_FOLDER,
    articles: 50,
    negatives: 18,
    minWords: 170,
    maxWords: 330,
    earlier: [BLIND_FOLDER],
  },
  {
    name: 'stories-blind-3',
    folder: BLIND_3_FOLDER,
    articles: 41,
    negatives: 13,
    minWords: 100,
    maxWords: 330,
    earlier: [BLIND_FOLDER, BLIND_2_FOLDER],
  },
];

describe.each(BLIND_SETS)('blind story fixture loader on $name', (set) => {
  const blind = loadBlindStoryFixtures(set.folder);
  const reports = blind.filter((f) => f.kind === 'report');

  it(`reads at least 14 groups, ${set.articles} articles and ${set.negatives} hard negatives`, () => {
    expect(new Set(blind.map((f) => f.group)).size).toBeGreaterThanOrEqual(14);
    expect(blind.length).toBeGreaterThanOrEqual(set.articles);
    expect(blind.filter((f) => f.kind !== 'report').length).toBeGreaterThanOrEqual(set.negatives);
  });

  it('has hard negatives of all five kinds: follow-up, other-case, opinion, market and same-day', () => {
    expect([...new Set(blind.map((f) => f.kind))].sort()).toEqual([
      'follow-up',
      'market',
      'opinion',
      'other-case',
      'report',
      'same-day',
    ]);
  });

  it('gives every group one main event reported by two to four different outlets', () => {
    for (const group of new Set(blind.map((f) => f.group))) {
      const mine = reports.filter((f) => f.group === group);
      expect(new Set(mine.map((f) => f.event)).size, group).toBe(1);
      expect(new Set(mine.map((f) => f.source)).size, group).toBe(mine.length);
      expect(mine.length, group).toBeGreaterThanOrEqual(2);
      expect(mine.length, group).toBeLessThanOrEqual(4);
    }
  });

  it(`keeps every article full-length, ${set.minWords} to ${set.maxWords} words, with its paragraphs`, () => {
    for (const f of blind) {
      expect(words(f.text), f.key).toBeGreaterThanOrEqual(set.minWords);
      expect(words(f.text), f.key).toBeLessThanOrEqual(set.maxWords);
      expect(f.text, f.key).toContain('\n\n');
    }
  });

  it('shares no event with the tuned stories-long fixture or an earlier blind set', () => {
    const { tune, check } = loadLongStoryFixtures();
    const earlier = set.earlier.flatMap((folder) => loadBlindStoryFixtures(folder));
    const seen = new Set([...tune, ...check, ...earlier].map((f) => f.event));
    expect(blind.filter((f) => seen.has(f.event)).map((f) => f.key)).toEqual([]);
  });
});

describe('story fixture parser', () => {
  it('rejects an article whose kind is not one of the known kinds, naming the file and key', () => {
    const text = [
      '### bad-one',
      'event: some-event',
      'group: some-group',
      'outlet: Somewhere',
      'kind: rumour',
      'published: 2026-10-01T00:00:00Z',
      'title: A title',
      '',
      'Body.',
    ].join('\n');
    expect(() => parseStoryFile(text, 'bad.txt')).toThrow(/bad\.txt: article "bad-one" has a bad header/);
  });
});
