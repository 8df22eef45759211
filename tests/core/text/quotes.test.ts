import { describe, expect, it } from 'vitest';
import { stripQuotes } from '../../../src/core/text/quotes.ts';

describe('stripQuotes', () => {
  it.each([
    ['"open banking"', 'open banking'],
    ['“open banking”', 'open banking'],
    ['  "open banking"  ', 'open banking'],
    ['"open banking', 'open banking'],
    ['open banking"', 'open banking'],
    ['huawei "9:00"', 'huawei "9:00"'],
    ['"5G" rollout', '"5G" rollout'],
    ['plain words', 'plain words'],
    ['"', ''],
  ])('reads %j as %j', (typed, expected) => {
    expect(stripQuotes(typed)).toBe(expected);
  });
});
