import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findPageDates, urlDate } from '../../../src/ingest/dates/find-dates.ts';

const REFERENCE = new Date('2026-11-21T12:00:00Z');
const LONG =
  '<p>The regulator said the order would take effect at once, and the company said it would appeal.</p>';

function datesOf(html: string, url = 'https://news.example/story') {
  const { document } = parseHTML(`<!doctype html><html lang="en">${html}</html>`);
  return findPageDates(document as unknown as Document, { url, reference: REFERENCE });
}
const body = (inner: string, head = '') =>
  `<head>${head}</head><body><article><h1>Chip rules</h1>${inner}${LONG}</article></body>`;

describe('findPageDates: machine-readable claims', () => {
  it('reads every @type in a JSON-LD graph, preferring the article node over the WebPage listed first', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', datePublished: '2026-01-01T00:00:00Z' },
        {
          '@type': ['NewsArticle'],
          datePublished: '2026-11-20T10:30:00+01:00',
          dateModified: '2026-11-21T08:00:00Z',
        },
      ],
    };
    const dates = datesOf(body('', `<script type="application/ld+json">${JSON.stringify(ld)}</script>`));
    expect(dates.published).toMatchObject({
      iso: '2026-11-20T09:30:00.000Z',
      day: '2026-11-20',
      from: 'json-ld',
    });
    expect(dates.modified).toMatchObject({ iso: '2026-11-21T08:00:00.000Z', from: 'json-ld' });
  });

  it.each([
    ['a CDATA section', '<![CDATA[', ']]>'],
    ['a commented CDATA section', '//<![CDATA[', '//]]>'],
    ['an HTML comment', '<!--', '-->'],
  ])('reads JSON-LD wrapped in %s instead of a later script-state date', (_, open, close) => {
    const ld = { '@type': 'NewsArticle', datePublished: '2015-10-15T02:19:15Z' };
    const state = '<script>window.__STATE__={"latestPublishedAt":"2015-12-11T14:28:34Z"}</script>';
    const head = `<script type="application/ld+json">\n  ${open}\n  ${JSON.stringify(ld)}\n  ${close}\n</script>${state}`;
    expect(datesOf(body('', head)).published).toMatchObject({ day: '2015-10-15', from: 'json-ld' });
  });

  it.each([
    ['article:', '<meta property="article:published_time" content="2026-11-18T07:00:00Z">'],
    ['og:', '<meta property="og:published_time" content="2026-11-18T07:00:00Z">'],
    ['DC.', '<meta name="DC.date.issued" content="2026-11-18">'],
    ['parsely', '<meta name="parsely-pub-date" content="2026-11-18T07:00:00Z">'],
    ['sailthru', '<meta name="sailthru.date" content="2026-11-18 07:00:00">'],
    ['itemprop', '<meta itemprop="datePublished" content="2026-11-18T07:00:00Z">'],
  ])('reads the %s meta tag', (_family, meta) => {
    expect(datesOf(body('', meta)).published).toMatchObject({ day: '2026-11-18', from: 'meta' });
  });

  it('keeps a modified date apart from the published one', () => {
    const dates = datesOf(
      body(
        '',
        '<meta property="article:published_time" content="2026-11-10T09:00:00Z"><meta property="article:modified_time" content="2026-11-19T16:00:00Z">',
      ),
    );
    expect(dates.published?.iso).toBe('2026-11-10T09:00:00.000Z');
    expect(dates.modified?.iso).toBe('2026-11-19T16:00:00.000Z');
  });

  it('reads <time datetime>, skipping one marked as the update time', () => {
    const dates = datesOf(
      body(
        '<time class="updated" datetime="2026-11-20T08:00:00Z">Updated</time><time datetime="2026-11-19T08:00:00Z">Nov 19</time>',
      ),
    );
    expect(dates.published).toMatchObject({ day: '2026-11-19', from: 'time' });
  });

  it('settles JSON-LD and meta tags that disagree by the date the reader is shown', () => {
    const ld = { '@type': 'NewsArticle', datePublished: '2026-11-03T10:00:00Z' };
    const head = `<script type="application/ld+json">${JSON.stringify(ld)}</script><meta property="article:published_time" content="2026-11-06T14:25:00Z">`;
    expect(datesOf(body('<p class="date">6. November 2026</p>', head)).published).toMatchObject({
      day: '2026-11-06',
      from: 'meta',
    });
    expect(datesOf(body('<p class="date">3. November 2026</p>', head)).published?.from).toBe('json-ld');
  });

  it('lets a lone publication meta give way to the article’s own <time datetime> where they disagree', () => {
    const head = '<meta property="og:article:published_time" content="2026-11-05">';
    const time = '<time datetime="2026-11-15">15.11.2026</time>';
    expect(datesOf(body(time, head)).published).toMatchObject({ day: '2026-11-15', from: 'time' });
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', datePublished: '2026-11-05' })}</script>`;
    expect(datesOf(body(time, head + ld)).published?.day).toBe('2026-11-05');
  });

  it('lets a generic "date" meta give way to an earlier day the article shows, but not to a later one', () => {
    const head = '<meta name="date" content="2026-11-12">';
    expect(datesOf(body('<div class="news-date">05.11.2026</div>', head)).published).toMatchObject({
      day: '2026-11-05',
      from: 'byline',
    });
    expect(datesOf(body('<div class="news-date">15.11.2026</div>', head)).published).toMatchObject({
      day: '2026-11-12',
      from: 'meta',
    });
  });

  it('reads a full date in the URL path, but not a year and month alone', () => {
    expect(urlDate('https://news.example/2026/11/20/chip-rules/', REFERENCE)?.day).toBe('2026-11-20');
    expect(urlDate('https://news.example/2026-11-20-chip-rules', REFERENCE)?.day).toBe('2026-11-20');
    expect(urlDate('https://news.example/2026/11/chip-rules', REFERENCE)).toBeUndefined();
  });
});

describe('findPageDates: addresses', () => {
  it('reads a month written by name in the path, as in /2026/nov/20/', () => {
    expect(urlDate('https://www.theguardian.com/world/2026/nov/20/chip-rules', REFERENCE)?.day).toBe(
      '2026-11-20',
    );
  });

  it('takes the canonical address’s date when a syndicated copy’s own address has none', () => {
    const head = '<link rel="canonical" href="https://origin.example/2026/11/02/chip-rules">';
    const dates = datesOf(body('<p class="date">02/10/2026</p>', head), 'https://portal.example/ar-BB19');
    expect(dates.published).toMatchObject({ day: '2026-11-02', from: 'url' });
  });

  it('reads a slashed byline day first on a British English page, month first on an American one', () => {
    const page = (lang: string) =>
      parseHTML(`<!doctype html><html lang="${lang}">${body('<p class="date">02/10/2026</p>')}</html>`)
        .document as unknown as Document;
    const day = (lang: string) => findPageDates(page(lang), { reference: REFERENCE }).published?.day;
    expect(day('en-GB')).toBe('2026-10-02');
    expect(day('en-US')).toBe('2026-02-10');
  });
});

describe('findPageDates: visible bylines and datelines', () => {
  it.each([
    ['November 20, 2026 10:30 AM UTC', '2026-11-20T10:30:00.000Z'],
    ['Published 10.11.2026 at 16:20 CET', '2026-11-10T15:20:00.000Z'],
    ['11/18/2026 9:41 a.m. ET', '2026-11-18T14:41:00.000Z'],
    ['3 hours ago', '2026-11-21T09:00:00.000Z'],
  ])('reads "%s" with its time and zone', (byline, iso) => {
    expect(datesOf(body(`<div class="byline">By Jane Doe · ${byline}</div>`)).published?.iso).toBe(iso);
  });

  it.each([
    ['20 Nov 2026', '2026-11-20'],
    ['Tuesday 17 November 2026', '2026-11-17'],
    ['Veröffentlicht am 20. November 2026', '2026-11-20'],
    ['le 19 novembre 2026', '2026-11-19'],
  ])('reads the date of "%s"', (dateline, day) => {
    expect(datesOf(body(`<p class="meta">${dateline}</p>`)).published?.day).toBe(day);
  });

  it('finds a dateline with no class hint just under the headline', () => {
    expect(datesOf(body('<p><strong>(18.11.2026)</strong> Berlin.</p>')).published).toMatchObject({
      day: '2026-11-18',
      from: 'text',
    });
  });

  it('reads a date behind a publication label before a dated link that only looks like a byline', () => {
    const html = body(
      '<p><a class="publication-link" href="/letter.pdf">Informationsschreiben vom 14. November 2026</a></p>' +
        '<div class="docData"><span class="label">Datum:</span> <span class="value">18.11.2026</span></div>',
    );
    expect(datesOf(html).published).toMatchObject({ day: '2026-11-18', from: 'byline' });
  });

  it('reads a dateline standing alone before a date inside a caption sentence', () => {
    const html = body(
      '<p><span>Abbildung: Satellitenbild bei St. Moritz vom 31.05.2026 und die Schneeklassifizierung</span></p>' +
        '<div class="label_content">14.11.2026 um 09:25</div>',
    );
    expect(datesOf(html).published?.day).toBe('2026-11-14');
  });

  it('reads a Russian or Ukrainian dateline', () => {
    expect(datesOf(body('<p class="date">15 августа 2026, 13:43</p>')).published?.day).toBe('2026-08-15');
    expect(datesOf(body('<p class="date">15 серпня 2026</p>')).published?.day).toBe('2026-08-15');
  });

  it('reads Arabic, Japanese, Finnish, Indonesian and Vietnamese datelines, each by its own parser', () => {
    const arabic = '<meta property="article:published_time" content="الأربعاء، 07 أكتوبر 2026 - 12:09 م">';
    expect(datesOf(body('', arabic)).published).toMatchObject({ day: '2026-10-07', from: 'meta' });
    expect(datesOf(body('<span class="entry-info-time">2026年07月03日</span>')).published?.day).toBe(
      '2026-07-03',
    );
    expect(datesOf(body('<p class="date">7. lokakuuta 2026</p>')).published?.day).toBe('2026-10-07');
    expect(datesOf(body('<p class="date">Selasa, 7 Oktober 2026</p>')).published?.day).toBe('2026-10-07');
    expect(datesOf(body('<p class="date">ngày 7 tháng 10 năm 2026</p>')).published?.day).toBe('2026-10-07');
  });

  it('reads the dateline that opens a long paragraph, but not a date later in it', () => {
    const prose =
      'Die Behörde teilte mit, die Anordnung gelte sofort, und das Unternehmen kündigte Berufung an. '.repeat(
        3,
      );
    const opening = `<p class="bodytext">27.1.2026 - Bei der Erinnerung an die Verfolgten. ${prose}</p>`;
    expect(datesOf(body(opening)).published?.day).toBe('2026-01-27');
    const inside = `<p class="bodytext">Bei der Erinnerung am 27.1.2026 an die Verfolgten. ${prose}</p>`;
    expect(datesOf(body(inside)).published).toBeUndefined();
  });

  it('reads a numeric date written with bars, as in "26 | 01 | 2026"', () => {
    expect(datesOf(body('<div class="subline">26 | 01 | 2026</div>')).published?.day).toBe('2026-01-26');
  });

  it('reads a byline marked only by a calendar or clock icon class, as htmldate’s expressions do', () => {
    for (const hint of ['fa-calendar', 'icon-clock', 'subline']) {
      const html = body(`<p>Background reading</p><span class="${hint}">May 4, 2026</span>`);
      expect(datesOf(html).published).toMatchObject({ day: '2026-05-04', from: 'byline' });
    }
  });

  it('falls back to a publication key in the page’s inline script state, never to any timestamp there', () => {
    const state = (json: string) => body('', `<script>window.__STATE__ = ${json};</script>`);
    expect(
      datesOf(state('{"product":{"published_at":"2026-03-02T06:22:28+01:00"}}')).published,
    ).toMatchObject({
      day: '2026-03-02',
      from: 'script',
    });
    expect(datesOf(state('{"build":{"time":"2026-03-02T06:22:28+01:00"}}')).published).toBeUndefined();
  });

  it('never takes a copyright year, a comment’s date or a future date', () => {
    const html = `<head></head><body><article><h1>Chip rules</h1>${LONG}</article>
      <section id="comments"><div class="comment-meta">November 19, 2026 at 8:00 pm</div></section>
      <div class="date">Event on 3 December 2026</div>
      <footer><p class="info">© 2026 Example Media, 1 January 2026</p></footer></body>`;
    expect(datesOf(html).published).toBeUndefined();
  });

  it('skips a namespaced comment block (kb-comment) but not an article marked no-comments', () => {
    const comment = `<head></head><body><article><h1>Chip rules</h1>${LONG}</article>
      <div class="kb-comment"><time datetime="2026-11-19T20:00:00Z">19 Nov</time></div>
      <p>Filed 12 November 2026</p></body>`;
    expect(datesOf(comment).published?.day).toBe('2026-11-12');
    const open = `<head></head><body><article class="no-comments"><h1>Chip rules</h1>
      <time datetime="2026-11-19T20:00:00Z">19 Nov</time>${LONG}</article></body>`;
    expect(datesOf(open).published?.day).toBe('2026-11-19');
  });

  it('leaves a page with no findable date undated', () => {
    expect(datesOf(body('<p>No date anywhere on this page.</p>'))).toEqual({});
  });
});
