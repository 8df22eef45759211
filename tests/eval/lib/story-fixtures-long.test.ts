import { describe, expect, it } from 'vitest';
import {
  loadBlindStoryFixtures,
  loadLongStoryFixtures,
  parseStoryFile,
} from '../../../eval/lib/story-fixtures-long.ts';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('blind story fixture loader', () => {
  const blind = loadBlindStoryFixtures();
  const reports = blind.filter((f) => f.kind === 'report');

  it('reads at least 14 groups, 45 articles and 15 hard negatives from tests/fixtures/stories-blind', () => {
    expect(new Set(blind.map((f) => f.group)).size).toBeGreaterThanOrEqual(14);
    expect(blind.length).toBeGreaterThanOrEqual(45);
    expect(blind.filter((f) => f.kind !== 'report').length).toBeGreaterThanOrEqual(15);
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

  it('keeps every article full-length, 150 to 350 words, with its paragraphs', () => {
    for (const f of blind) {
      expect(words(f.text), f.key).toBeGreaterThanOrEqual(150);
      expect(words(f.text), f.key).toBeLessThanOrEqual(350);
      expect(f.text, f.key).toContain('\n\n');
    }
  });

  it('shares no event with the tuned stories-long fixture', () => {
    const { tune, check } = loadLongStoryFixtures();
    const tuned = new Set([...tune, ...check].map((f) => f.event));
    expect(blind.filter((f) => tuned.has(f.event)).map((f) => f.key)).toEqual([]);
  });

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
