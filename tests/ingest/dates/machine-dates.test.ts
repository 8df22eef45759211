import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseDateValue } from '../../../src/ingest/dates/date-value.ts';
import { findPageDates } from '../../../src/ingest/dates/find-dates.ts';

const REFERENCE = new Date('2026-11-21T12:00:00Z');
const LONG =
  '<p>The regulator said the order would take effect at once, and the company said it would appeal.</p>';

function datesOf(html: string) {
  const { document } = parseHTML(`<!doctype html><html lang="en">${html}</html>`);
  return findPageDates(document as unknown as Document, {
    url: 'https://news.example/story',
    reference: REFERENCE,
  });
}
const body = (inner: string, head = '') =>
  `<head>${head}</head><body><article><h1>Chip rules</h1>${inner}${LONG}</article></body>`;

describe('parseDateValue: machine-written forms', () => {
  it('reads Unix seconds and milliseconds, and a day written without separators', () => {
    expect(parseDateValue('1794038400', 'meta', REFERENCE)?.day).toBe('2026-11-07');
    expect(parseDateValue('1794038400000', 'meta', REFERENCE)?.day).toBe('2026-11-07');
    expect(parseDateValue('20261107', 'meta', REFERENCE)?.day).toBe('2026-11-07');
  });

  it('reads an hour-only zone offset (+01) as an offset, keeping the day as written', () => {
    expect(parseDateValue('2026-11-07T23:30:00+01', 'meta', REFERENCE)).toMatchObject({
      iso: '2026-11-07T22:30:00.000Z',
      day: '2026-11-07',
    });
  });

  it('refuses a compact number that is no calendar day', () => {
    expect(parseDateValue('20261342', 'meta', REFERENCE)).toBeUndefined();
    expect(parseDateValue('20260231', 'meta', REFERENCE)).toBeUndefined();
  });
});

describe('findPageDates: meta names beyond the common ones', () => {
  it.each([
    ['og:publish_date', '<meta property="og:publish_date" content="2026-11-07T08:00:00Z">'],
    ['article:published_date', '<meta property="article:published_date" content="2026-11-07">'],
    ['publish_time', '<meta name="publish_time" content="2026-11-07 08:00:00">'],
    ['RDFa dc:date', '<meta property="dc:date" content="2026-11-07">'],
    ['dcterms:created', '<meta property="dcterms:created" content="2026-11-07">'],
    ['itemprop uploadDate', '<meta itemprop="uploadDate" content="2026-11-07T08:00:00Z">'],
  ])('reads %s as the publication date', (_name, meta) => {
    expect(datesOf(body('', meta)).published).toMatchObject({ day: '2026-11-07', from: 'meta' });
  });

  it('reads og:modified_time and updated_time as the last edit, not the publication', () => {
    const head =
      '<meta property="og:modified_time" content="2026-11-19T08:00:00Z"><meta name="pdate" content="20261107">';
    const dates = datesOf(body('', head));
    expect(dates.published?.day).toBe('2026-11-07');
    expect(dates.modified?.day).toBe('2026-11-19');
  });
});

describe('findPageDates: JSON-LD as templates break it', () => {
  it('reads a block with a raw line break inside a string and a trailing comma', () => {
    const block =
      '{"@type": "BlogPosting", "description": "Line one\nline two", "datePublished": "2026-11-07T08:00:00Z",}';
    const head = `<script type="application/ld+json">${block}</script>`;
    expect(datesOf(body('', head)).published).toMatchObject({ day: '2026-11-07', from: 'json-ld' });
  });

  it('reads a datePublished written as a number of Unix seconds or milliseconds', () => {
    for (const value of ['1794038400', '1794038400000']) {
      const head = `<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": ${value}}</script>`;
      expect(datesOf(body('', head)).published).toMatchObject({ day: '2026-11-07', from: 'json-ld' });
    }
  });
});

describe('findPageDates: machine values in the article markup', () => {
  it('reads a publication-named data attribute in seconds or milliseconds', () => {
    expect(datesOf(body('<div class="story" data-publishtime="1794038400"></div>')).published).toMatchObject({
      day: '2026-11-07',
      from: 'attribute',
    });
    expect(datesOf(body('<span data-published-at="1794038400000">Saturday</span>')).published?.day).toBe(
      '2026-11-07',
    );
  });

  it('reads Facebook’s abbr data-utime', () => {
    expect(datesOf(body('<abbr data-utime="1794038400">Saturday</abbr>')).published?.day).toBe('2026-11-07');
  });

  it('never reads a bare data-timestamp, nor a publication attribute in a comment block', () => {
    expect(
      datesOf(body('<div class="shariff" data-timestamp="1794038400"></div>')).published,
    ).toBeUndefined();
    const comment = '<div class="comments"><span data-publishtime="1794038400">Reply</span></div>';
    expect(datesOf(body(comment)).published).toBeUndefined();
  });

  it('reads hAtom’s published title and h-entry’s dt-published over the text they show', () => {
    const hatom = '<abbr class="published" title="2026-11-07T08:00:00+01:00">Saturday</abbr>';
    expect(datesOf(body(hatom)).published).toMatchObject({ day: '2026-11-07', from: 'attribute' });
    const valueTitle =
      '<span class="published"><span class="value-title" title="2026-11-07"></span>Sat</span>';
    expect(datesOf(body(valueTitle)).published?.day).toBe('2026-11-07');
    const hentry = '<data class="dt-published" datetime="2026-11-07 08:00">7 Nov</data>';
    expect(datesOf(body(hentry)).published?.day).toBe('2026-11-07');
  });

  it('reads a video’s itemprop uploadDate on a page without an article date', () => {
    const video =
      '<div itemscope itemtype="https://schema.org/VideoObject"><span itemprop="uploadDate" content="2026-11-07T08:00:00Z"></span></div>';
    expect(datesOf(body(video)).published).toMatchObject({ day: '2026-11-07', from: 'itemprop' });
  });
});

describe('findPageDates: the page language, where the page states it', () => {
  const slashedDay = (html: string, head = '') => {
    const page = `<!doctype html>${html}<head>${head}</head><body><article><h1>Chip rules</h1><p class="date">02/10/2026</p>${LONG}</article></body></html>`;
    const { document } = parseHTML(page);
    return findPageDates(document as unknown as Document, { reference: REFERENCE }).published?.day;
  };

  it('reads XHTML’s xml:lang when there is no lang', () => {
    expect(slashedDay('<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en-GB">')).toBe('2026-10-02');
  });

  it('reads og:locale or a content-language meta when the root states no language', () => {
    expect(slashedDay('<html>', '<meta property="og:locale" content="en_GB">')).toBe('2026-10-02');
    expect(slashedDay('<html>', '<meta http-equiv="content-language" content="en-us">')).toBe('2026-02-10');
  });
});
