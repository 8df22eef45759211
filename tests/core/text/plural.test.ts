import { describe, expect, it } from 'vitest';
import { countOf, plural } from '../../../src/core/text/plural.ts';

describe('plural and countOf', () => {
  it('use the singular for exactly one and the plural for every other count, zero included', () => {
    expect(countOf(1, 'item')).toBe('1 item');
    expect(countOf(0, 'item')).toBe('0 items');
    expect(countOf(2, 'matching article')).toBe('2 matching articles');
    expect(countOf(1, 'story', 'stories')).toBe('1 story');
    expect(countOf(3, 'story', 'stories')).toBe('3 stories');
    expect(plural(1, 'day')).toBe('day');
    expect(plural(7, 'day')).toBe('days');
  });
});
