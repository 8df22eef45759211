import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findPageDates } from '../../../src/ingest/dates/find-dates.ts';

const REFERENCE = new Date('2026-11-21T12:00:00Z');
const LONG =
  '<p>The regulator said the order would take effect at once, and the company said it would appeal.</p>';

function dayOf(page: string) {
  const { document } = parseHTML(`<!doctype html>${page}`);
  return findPageDates(document as unknown as Document, {
    url: 'https://news.example/story',
    reference: REFERENCE,
  }).published?.day;
}
const META = '<meta property="article:published_time" content="2026-11-05T09:00:00+01:00">';

describe('findPageDates: a lone publication meta against the article’s <time>', () => {
  it.each([
    [
      'an edit labelled in English',
      '<p>Updated <time datetime="2026-11-19T10:00+01:00">19 Nov</time></p>',
      'en',
    ],
    ['an edit labelled in German', '<p>Aktualisiert am <time datetime="2026-11-19">19.11.</time></p>', 'de'],
    [
      'a date the text quotes, years away',
      '<p>The pact, signed on <time datetime="2019-03-01">1 March 2019</time>, …</p>',
      'en',
    ],
  ])('keeps the meta date over %s', (_, time, lang) => {
    const page = `<html lang="${lang}"><head>${META}</head><body><article><h1>Chip rules</h1>${time}${LONG}</article></body></html>`;
    expect(dayOf(page)).toBe('2026-11-05');
  });
});

describe('findPageDates: blocks that are the article’s own', () => {
  it('reads an "entry-header-date" byline beside the headline on a page with no <article>', () => {
    const page =
      '<html lang="de"><body><div id="content"><h1>Wahl</h1><div class="entry-header-date">2. November 2026</div>' +
      `<p>Die Sitzung vom 15. Oktober 2026 wurde vertagt.</p>${LONG}</div></body></html>`;
    expect(dayOf(page)).toBe('2026-11-02');
  });

  it('skips an hAtom "updated" byline whose text says it was edited', () => {
    const page =
      '<html lang="en"><body><div class="post"><h1>Rules</h1><div class="meta-date updated">Last updated: 19 November 2026</div>' +
      `<p>Filed 4 November 2026</p>${LONG}</div></body></html>`;
    expect(dayOf(page)).toBe('2026-11-04');
  });

  it('reads the post’s date when its WordPress classes name a category such as "recommended"', () => {
    const page =
      '<html lang="en"><body><h1>Rules</h1><article class="post category-recommended tag-most-read"><p class="date">4 November 2026</p>' +
      `${LONG}</article><div class="x"><p>Hearing 1 October 2026</p></div></body></html>`;
    expect(dayOf(page)).toBe('2026-11-04');
  });

  it('reads Norwegian month names when only og:locale names the language, written nn_NO', () => {
    const page =
      '<html><head><meta property="og:locale" content="nn_NO"></head><body><article><h1>Valg</h1>' +
      `<p class="dato">Publisert 14. desember 2025</p>${LONG}</article></body></html>`;
    expect(dayOf(page)).toBe('2025-12-14');
  });
});
