import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truncate } from '../../../src/core/text/truncate.ts';
import { cutCheck, graphemeBoundaries, HARD_TO_CUT } from '../../helpers/graphemes.ts';

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    expect(truncate('short', 5)).toBe('short');
  });

  it('cuts at a word break near the end and adds an ellipsis', () => {
    expect(truncate('The regulator fined the company again', 28)).toBe('The regulator fined the…');
  });

  it('cuts inside a long word when no word break is near the end', () => {
    expect(truncate('Supercalifragilistic', 10)).toBe('Supercali…');
  });

  it('never splits a surrogate pair: a cut that would, stops before the pair', () => {
    const text = `abc${'😀'.repeat(5)}`;
    expect(truncate(text, 5)).toBe('abc…');
    expect(truncate(text, 6)).toBe('abc😀…');
  });

  it('keeps a ZWJ family emoji, a flag and an accented letter whole or drops them whole', () => {
    expect(truncate('ab👨‍👩‍👧‍👦cd', 8)).toBe('ab…');
    expect(truncate('ab🇪🇺🇬🇧', 5)).toBe('ab…');
    expect(truncate('ab🇪🇺🇬🇧', 7)).toBe('ab🇪🇺…');
    // Not 'cafe…': that would drop the accent from the e.
    expect(truncate('cafe\u0301 noir', 5)).toBe('caf…');
  });

  it('given any text and any limit, stays within the limit and ends at a character boundary', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'grapheme-composite', maxLength: 60 }),
      fc.nat({ max: 40 }).map((n) => HARD_TO_CUT.repeat(n + 1)),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 200 }), (original, max) => {
        const shown = truncate(original, max);
        expect(shown.length).toBeLessThanOrEqual(Math.max(max, 0));
        if (shown === original) return;
        expect(shown.endsWith('…') || max < 1).toBe(true);
        const kept = shown.slice(0, -1);
        expect(original.startsWith(kept)).toBe(true);
        expect(graphemeBoundaries(original).has(kept.length)).toBe(true);
        expect(cutCheck(original, kept).broken).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
