import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findPageDates } from '../../../src/ingest/dates/find-dates.ts';

const REFERENCE = new Date('2026-11-21T12:00:00Z');
const LONG =
  '<p>The regulator said the order would take effect at once, and the company said it would appeal.</p>';

function publishedDay(head: string) {
  const html = `<!doctype html><html lang="en"><head>${head}</head><body><article><h1>Chip rules</h1>${LONG}</article></body></html>`;
  const { document } = parseHTML(html);
  return findPageDates(document as unknown as Document, {
    url: 'https://news.example/story',
    reference: REFERENCE,
  }).published?.day;
}
const ld = (value: object) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const utc = ld({ '@type': 'NewsArticle', datePublished: '2026-11-08T02:25:54Z' });

describe('findPageDates: the publisher’s own day for a UTC instant', () => {
  it('takes the local day when the page writes the same instant with its offset', () => {
    const state = '<meta property="article:published_time" content="2026-11-07T21:25:54-05:00">';
    expect(publishedDay(utc + state)).toBe('2026-11-07');
  });

  it('takes the local day of a zoneless wall-clock time a whole number of hours away, to the second', () => {
    const local = ld({ '@type': 'WebPage', datePublished: '2026-11-07 19:25:54' });
    expect(publishedDay(utc + local)).toBe('2026-11-07');
  });

  it('keeps the UTC day when no other timestamp is the same instant', () => {
    expect(publishedDay(utc)).toBe('2026-11-08');
    const other = '<meta property="article:modified_time" content="2026-11-07 19:25:10">';
    expect(publishedDay(utc + other)).toBe('2026-11-08');
  });

  it('changes nothing when the page never writes the instant in UTC itself', () => {
    const zoneless = ld({ '@type': 'NewsArticle', datePublished: '2026-11-08 02:25:54' });
    const other = '<meta property="article:modified_time" content="2026-11-07 19:25:54">';
    expect(publishedDay(zoneless + other)).toBe('2026-11-08');
  });

  it('reads an hour-only offset and a long fraction as the same instant', () => {
    const hourOnly = ld({ '@type': 'NewsArticle', datePublished: '2026-11-08T02:25:54+00' });
    const local = '<meta property="article:published_time" content="2026-11-07T21:25:54-05">';
    expect(publishedDay(hourOnly + local)).toBe('2026-11-07');
    const dotNet = ld({ '@type': 'NewsArticle', datePublished: '2026-11-08T02:25:54.1234567Z' });
    const dotNetLocal =
      '<meta property="article:published_time" content="2026-11-07T21:25:54.1234567-05:00">';
    expect(publishedDay(dotNet + dotNetLocal)).toBe('2026-11-07');
  });

  it('moves no day for a date-only instant (:00 seconds) matched by some other zoneless clock', () => {
    const midnight = ld({ '@type': 'NewsArticle', datePublished: '2026-11-08T00:00:00Z' });
    const teaser = '<meta name="teaser-time" content="2026-11-07 18:00:00">';
    expect(publishedDay(midnight + teaser)).toBe('2026-11-08');
  });

  it('moves no day when a zoneless clock reads the instant itself (the page keeps UTC), nor past UTC-12', () => {
    const utcClock = '<meta property="article:modified_time" content="2026-11-08 02:25:54">';
    const other = '<meta name="x" content="2026-11-07 20:25:54">';
    expect(publishedDay(utc + utcClock + other)).toBe('2026-11-08');
    const morning = ld({ '@type': 'NewsArticle', datePublished: '2026-11-08T10:25:54Z' });
    const thirteenBehind = '<meta name="x" content="2026-11-07 21:25:54">';
    expect(publishedDay(morning + thirteenBehind)).toBe('2026-11-08');
  });
});
