import { describe, expect, it } from 'vitest';
import { figuresOf } from '../../../src/core/stories/figures.ts';

describe('figures of a report', () => {
  it('reads one amount however outlets write and round it', () => {
    const forms = ['€1.84 billion', '1.84 billion euros', 'EUR 1.8bn', 'over €1.8 billion'];
    for (const form of forms) expect(figuresOf(`a fine of ${form}`)).toContain('amt:1.8e+9');
    expect(figuresOf('The $400 million deal')).toContain('amt:4e+8');
    expect(figuresOf('A $400m purchase')).toContain('amt:4e+8');
    // Crore and billions of rupees meet: ₹1,337.76 crore is 13.38 billion rupees.
    expect(figuresOf('₹1,337.76 crore')).toContain('amt:1.3e+10');
    expect(figuresOf('13.38 billion rupees')).toContain('amt:1.3e+10');
  });

  it('keeps both amounts of a converted figure, and shares in either spelling', () => {
    const both = figuresOf('fined 1.84 billion euros ($2 billion)');
    expect(both).toContain('amt:1.8e+9');
    expect(both).toContain('amt:2e+9');
    expect(figuresOf('fell 4.7%')).toEqual(figuresOf('fell 4.7 percent'));
  });

  it('reads vote tallies and case numbers, but not dates, years or the digits inside a code', () => {
    const found = figuresOf(
      'voted 3-2 in WC Docket No. 23-320; case AT.40437, T-260/26 and No. 1:20-cv-03010 on 2026-03-04 in 2026',
    );
    expect([...found].sort()).toEqual(
      ['code:1:20-cv-03010', 'code:at.40437', 'code:t-260/26', 'tally:23-320', 'tally:3-2'].sort(),
    );
  });

  it('ignores small bare numbers and a bare "m" without a currency', () => {
    expect(figuresOf('within 30 days, 5 m away, 3b')).toEqual(new Set());
    expect(figuresOf('523 votes in favour')).toContain('n:523');
  });
});
