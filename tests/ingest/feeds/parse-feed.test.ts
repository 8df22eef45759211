import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../src/ingest/feeds/feed-date.ts';
import { looksLikeFeed, parseFeedText } from '../../../src/ingest/feeds/parse-feed.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');

function parsed(name: string, url?: string) {
  const result = parseFeedText(fixture(name), url);
  if (!result.ok) throw new Error(`${name}: ${result.reason}`);
  return result;
}

describe('parseFeedText on our own fixtures', () => {
  it('reads RSS 2.0: entities, CDATA markup, guid, dc:creator, content:encoded, relative links against the feed URL', () => {
    const { feed } = parsed('rss2-full.xml', 'https://policy.example/feeds/main.xml');
    expect(feed).toMatchObject({
      format: 'rss',
      title: 'Policy Desk & Friends',
      link: 'https://policy.example/',
    });
    expect(feed.items[0]).toMatchObject({
      id: 'fine-2024',
      title: 'Regulator fines platform',
      url: 'https://policy.example/news/fine?utm_source=rss',
      publishedAt: '2024-03-05T14:30:00.000Z',
      author: 'Ada Reporter',
      summary: 'A short teaser …',
      contentHtml: '<p>The regulator fined the platform.</p>',
    });
    // a permalink guid stands in for a missing <link>; a zone-less date is read as UTC
    expect(feed.items[1]).toMatchObject({
      title: 'Second & escaped',
      url: 'https://policy.example/news/second',
      publishedAt: '2024-03-04T08:00:00.000Z',
    });
  });

  it('reads RSS 1.0 (RDF) with dc:date offsets', () => {
    const { feed } = parsed('rdf.xml');
    expect(feed).toMatchObject({ format: 'rdf', title: 'RDF Wire' });
    expect(feed.items).toEqual([
      expect.objectContaining({
        title: 'Spectrum auction',
        url: 'https://rdf.example/a',
        publishedAt: '2017-06-15T17:29:47.000Z',
      }),
    ]);
  });

  it('resolves Atom links through nested xml:base and decodes an html-typed title', () => {
    const { feed } = parsed('atom-xml-base.xml', 'https://atom.example/feed.xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Atom Policy', link: 'https://atom.example/blog/' });
    expect(feed.items[0]).toMatchObject({
      id: 'tag:atom.example,2024:1',
      url: 'https://atom.example/blog/2024/consultation.html',
      publishedAt: '2024-02-01T11:00:00.000Z',
      author: 'Grace',
    });
    expect(feed.items[1]?.publishedAt).toBe('2024-02-02T00:00:00.000Z');
  });

  it('reads Atom 0.3: issued dates and base64 titles', () => {
    const { feed } = parsed('atom03.xml');
    expect(feed.items[0]).toMatchObject({
      title: 'Encoded title',
      url: 'https://old.example/1',
      publishedAt: '2004-01-01T19:48:21.000Z',
    });
  });

  it('reads JSON Feed 1.1, and a version-less 1.0-style feed with numeric ids and relative URLs', () => {
    expect(parsed('jsonfeed-11.json').feed.items[0]).toMatchObject({
      id: '42',
      title: 'Data act agreed',
      url: 'https://json.example/posts/42',
      author: 'Lin',
      publishedAt: '2024-01-10T10:00:00.000Z',
    });
    const loose = parsed('jsonfeed-10-no-version.json', 'https://loose.example/feed.json');
    expect(loose.feed.items[0]).toMatchObject({ id: '7', url: 'https://loose.example/p/7' });
  });

  it('recovers the readable items of a feed with mismatched tags and a bare ampersand, and says it recovered', () => {
    const result = parsed('broken-mismatched.xml');
    expect(result.recovered).toBe(true);
    expect(result.feed.items).toEqual([
      expect.objectContaining({
        title: 'Still readable',
        url: 'https://broken.example/1',
        publishedAt: '2023-01-02T10:00:00.000Z',
      }),
    ]);
  });

  it('fails with a clear reason, never a throw, on things that are not feeds', () => {
    expect(parseFeedText(fixture('not-a-feed.html'))).toEqual({
      ok: false,
      reason: 'this is an HTML page, not a feed',
    });
    expect(parseFeedText(fixture('not-a-feed.json'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a JSON Feed/),
    });
    expect(parseFeedText('')).toEqual({ ok: false, reason: 'the feed is empty' });
    expect(parseFeedText('{"items": [')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not valid JSON/),
    });
    expect(parseFeedText('<<<>>>&&&')).toMatchObject({ ok: false });
  });

  it('tells feeds from pages', () => {
    expect(looksLikeFeed(fixture('rss2-full.xml'))).toBe(true);
    expect(looksLikeFeed(fixture('atom03.xml'))).toBe(true);
    expect(looksLikeFeed(fixture('jsonfeed-11.json'))).toBe(true);
    expect(looksLikeFeed(fixture('not-a-feed.html'))).toBe(false);
    expect(looksLikeFeed(fixture('not-a-feed.json'))).toBe(false);
  });
});

describe('parseFeedDate', () => {
  it.each([
    ['Sun, 06 Jul 2014 12:56:00 GMT', '2014-07-06T12:56:00.000Z'],
    ['Tue, 05 Mar 2024 09:30:00 CEST', '2024-03-05T07:30:00.000Z'],
    ['Seg, 24 Set 2018 19:18:49 -0300', '2018-09-24T22:18:49.000Z'],
    ['2017-06-13T03:18:00+00:0', '2017-06-13T03:18:00.000Z'],
    ['2024-01-02', '2024-01-02T00:00:00.000Z'],
    ['2024-01-02 10:11:12', '2024-01-02T10:11:12.000Z'],
    ['06 Jul 2014 12:56 +0100', '2014-07-06T11:56:00.000Z'],
  ])('reads %s', (input, iso) => {
    expect(parseFeedDate(input)).toBe(iso);
  });

  it('returns undefined for junk and for placeholder years', () => {
    expect(parseFeedDate('soon')).toBeUndefined();
    expect(parseFeedDate('')).toBeUndefined();
    expect(parseFeedDate('0001-01-01T00:00:00Z')).toBeUndefined();
  });
});
