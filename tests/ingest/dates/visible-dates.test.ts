import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findPageDates } from '../../../src/ingest/dates/find-dates.ts';

const REFERENCE = new Date('2026-11-21T12:00:00Z');
const LONG =
  '<p>The regulator said the order would take effect at once, and the company said it would appeal.</p>';

function dayOf(html: string, lang = 'en') {
  const { document } = parseHTML(`<!doctype html><html lang="${lang}"><body>${html}</body></html>`);
  return findPageDates(document as unknown as Document, {
    url: 'https://news.example/story',
    reference: REFERENCE,
  }).published?.day;
}

describe('findPageDates: dates a reader is shown', () => {
  it('reads a <time> without datetime in the page’s language (02/11 is 2 November in French)', () => {
    const html = `<article><h1>Loi</h1><time>Publié le 02/11/2026 à 15h57</time>${LONG}</article>`;
    expect(dayOf(html, 'fr')).toBe('2026-11-02');
  });

  it('reads a <time> without datetime whose date and clock sit in spans without spaces', () => {
    // Glued, "2 minute readNovember 6, 20262:26 PM GMT+2" hid the year; the next <time> is a teaser's.
    const html =
      '<article><h1>Chip rules</h1><time><span>2 minute read</span><span>November 6, 2026</span>' +
      `<span>2:26 PM GMT+2</span></time>${LONG}<ul><li><time datetime="2026-11-05T20:15:21Z">November 5, 2026</time></li></ul></article>`;
    expect(dayOf(html)).toBe('2026-11-06');
  });

  it('reads no day from a relative phrase in months or years ("4 months ago")', () => {
    const html = `<article><h1>Rom Con</h1><span>Published <time>4 months ago</time></span>${LONG}<p>Sunday 28 June 2026</p></article>`;
    expect(dayOf(html)).toBe('2026-06-28');
  });

  it('reads a <time> whose date carries inline markup as written, not split at it', () => {
    // Spaced between its nodes, "1 er mars 2024" or "12 .03.2024" no longer parse; the teaser's would win.
    const teaser = '<ul><li><time datetime="2024-02-01T10:00:00Z">1 Feb</time></li></ul>';
    const page = (time: string) => `<article><h1>Chip rules</h1>${time}${LONG}${teaser}</article>`;
    expect(dayOf(page('<time>1<sup>er</sup> mars 2024</time>'), 'fr')).toBe('2024-03-01');
    expect(dayOf(page('<time><b>12</b>.03.2024</time>'), 'de')).toBe('2024-03-12');
    expect(dayOf(page('<time>March 12<sup>th</sup>, 2024</time>'))).toBe('2024-03-12');
  });

  it('keeps a published and an updated <time> written side by side apart', () => {
    // No space between the two: read as one text, "2026Samstag" hid the first date.
    const html =
      '<article><h1>Wahl</h1><div class="entry-meta"><span>Posted on <a href="/p">' +
      '<time>Freitag, 6. November 2026</time><time>Samstag, 14. November 2026</time></a></span></div>' +
      `${LONG}</article>`;
    expect(dayOf(html, 'de')).toBe('2026-11-06');
  });

  it('skips the date a site header’s clock or a news ticker shows', () => {
    const html =
      '<header class="site"><div class="today-date">Friday, November 20, 2026</div></header>' +
      '<div class="mh-ticker-item"><span class="date">November 19, 2026</span> Other story</div>' +
      `<article><h1>Chip rules</h1><p>November 2, 2026</p>${LONG}</article>`;
    expect(dayOf(html)).toBe('2026-11-02');
  });

  it('skips a header bar named by its class, not a tag, but not a header inside the article', () => {
    const html =
      '<div class="mh-subheader"><div class="mh-header-date">20. November 2026</div></div>' +
      `<div class="post"><h1>Wahl</h1><p>2. November 2026</p>${LONG}</div>`;
    expect(dayOf(html, 'de')).toBe('2026-11-02');
    const inside = `<article><div class="entry-header-date">2. November 2026</div><h1>Wahl</h1>${LONG}</article>`;
    expect(dayOf(inside, 'de')).toBe('2026-11-02');
  });

  it('reads a German date written without the ordinal dot, as in "14 Januar 2026" and "3 März 2026"', () => {
    const page = (date: string) =>
      `<article><h1>Wahl</h1><span class="news-date">${date}</span>${LONG}</article>`;
    expect(dayOf(page('14 Januar 2026'), 'de')).toBe('2026-01-14');
    expect(dayOf(page('3 März 2026'), 'de')).toBe('2026-03-03');
    expect(dayOf(page('le 14 mai 2026'), 'fr')).toBe('2026-05-14');
  });

  it('reads the date inside a "sidebar-included" layout wrapper that holds the headline', () => {
    const html =
      '<div class="content-wrapper sidebar-included"><h1>Studie</h1><span class="info">10 Feb 2026</span>' +
      `${LONG}</div><div class="box">Am 15. Januar 2026 hat das Parlament beschlossen</div>` +
      '<div class="sidebar-widget"><span class="date">1 March 2026</span></div>';
    expect(dayOf(html, 'de')).toBe('2026-02-10');
  });

  it.each([
    ['fr', 'Publié le 14/02/2026'],
    ['nl', 'Gepubliceerd op 14 februari 2026'],
    ['sv', 'Publicerad 14 februari 2026'],
    ['pl', 'Opublikowano: 14 lutego 2026'],
  ])('reads a %s publication label before a byline-looking block: "%s"', (lang, label) => {
    const html = `<article><h1>Titre</h1><div class="card-date">01/10/2026</div><p>${label}</p>${LONG}</article>`;
    expect(dayOf(html, lang)).toBe('2026-02-14');
  });

  it('skips a site header whose <h1> is only the logo linking home', () => {
    const html =
      '<header><h1><a href="/" class="logo">Radio</a></h1><span class="site-date">Mittwoch, 26.02.2026</span></header>' +
      `<div id="content"><h1>Die Zukunft der Arbeit</h1><p>01.05.2026</p>${LONG}</div>`;
    expect(dayOf(html, 'de')).toBe('2026-05-01');
  });

  it('skips related and most-read lists named inside a namespaced class', () => {
    const html =
      '<article><h1>Chip rules</h1>' +
      '<div class="pane-blog-related-stories"><span class="date">August 31, 2026</span></div>' +
      '<div class="article-mostviewed"><span class="timestamp">01.11.2026</span></div>' +
      `<p class="info">Filed November 4, 2026</p>${LONG}</article>`;
    expect(dayOf(html)).toBe('2026-11-04');
  });

  it('reads hAtom’s bare "updated" beside a publication class as the post’s date, not an edit', () => {
    const html =
      '<article><h1>Chip rules</h1><p>Hearing: 1 October 2026</p>' +
      `<time class="entry-date updated td-module-date">4 November 2026</time>${LONG}</article>`;
    expect(dayOf(html)).toBe('2026-11-04');
    const edit =
      '<article><h1>Chip rules</h1><time class="date--update">9 November 2026</time>' +
      `<time class="date">4 November 2026</time>${LONG}</article>`;
    expect(dayOf(edit)).toBe('2026-11-04');
  });

  it('still reads the date in an article header, and in an article whose class names a ticker feature', () => {
    const inHeader = `<header><h1>Chip rules</h1><span class="date">November 3, 2026</span></header>${LONG}`;
    expect(dayOf(inHeader)).toBe('2026-11-03');
    const featured = `<article class="post feature-ticker"><h1>Chip rules</h1><span class="date">November 4, 2026</span>${LONG}</article>`;
    expect(dayOf(featured)).toBe('2026-11-04');
  });

  it('reads the text of a <time> whose datetime is left empty', () => {
    const html =
      `<article><h1>Sanktionen</h1><time datetime="">15.06.2026, 12.11</time>${LONG}` +
      '<time datetime="2026-05-04T04:00:00.000Z">04.05.2026</time></article>';
    expect(dayOf(html, 'de')).toBe('2026-06-15');
  });

  it('skips the date of an embedded post or a quotation in a blockquote', () => {
    const html =
      '<article><h1>Star</h1><blockquote class="instagram-media"><p><time datetime="2026-04-21T23:47:18+00:00">' +
      `Apr 21, 2026</time></p></blockquote><p>November 5, 2026</p>${LONG}</article>`;
    expect(dayOf(html)).toBe('2026-11-05');
  });

  it('skips a teaser’s date: it links to another article', () => {
    const html =
      '<article><h1>Fragen</h1><div class="camp-teaser"><a href="/old"><time datetime="2019-10-21T10:03:38+02:00">' +
      `21.10.2019</time></a></div><p>31.10.2026</p>${LONG}</article>`;
    expect(dayOf(html, 'de')).toBe('2026-10-31');
  });

  it('leaves a page undated rather than take a quoted tweet’s date', () => {
    const tweet =
      '<blockquote class="twitter-tweet"><p>Launch day</p>— Desk (@desk) <a href="/t">September 27, 2026</a></blockquote>';
    expect(dayOf(`<article><h1>Chip rules</h1>${LONG}${tweet}</article>`)).toBeUndefined();
  });

  it('leaves a page undated rather than take the date of a legal notice in the site footer', () => {
    const footer = '<footer><p>Media licence No. 77-78200 issued on 6 April 2026.</p></footer>';
    expect(dayOf(`<article><h1>Chip rules</h1>${LONG}</article>${footer}`)).toBeUndefined();
  });

  it('takes no date from a publication word that ends a sentence', () => {
    const html =
      '<article><h1>Sorgfalt</h1><p class="post-meta">7. Juni 2026, 11:19</p>' +
      '<p><em>Dieser Beitrag ist am 1. Juni 2026 in der <a href="/f">Zeitung</a> erschienen.</em></p>' +
      `${LONG}</article>`;
    expect(dayOf(html, 'de')).toBe('2026-06-07');
  });
});
