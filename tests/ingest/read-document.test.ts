import { describe, expect, it } from 'vitest';
import { readDocument, wideEncodingOf } from '../../src/ingest/read-document.ts';

const RSS = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title><link>/</link>
<item><title>History of the &lt;blink&gt; tag</title><link>/stories/blink</link><guid>b1</guid></item>
<item><title>Court backs &lt;em&gt;data&lt;/em&gt; rules</title><link>item/2</link><guid>b2</guid></item></channel></rss>`;

const utf16 = (text: string, littleEndian: boolean) => {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return littleEndian ? le : Buffer.from(le.swap16());
};

describe('readDocument: a feed, an article page, or a clear refusal', () => {
  it('keeps escaped markup in a feed title as text, and drops markup that is closed', () => {
    const reading = readDocument(
      Buffer.from(RSS),
      'application/rss+xml',
      'https://wire.example/feeds/main.xml',
    );
    expect(reading.kind).toBe('feed');
    if (reading.kind !== 'feed') return;
    expect(reading.feed.items.map((item) => item.title)).toEqual([
      'History of the <blink> tag',
      'Court backs data rules',
    ]);
  });

  it('resolves relative links against the document URL when no xml:base applies', () => {
    const reading = readDocument(Buffer.from(RSS), '', 'https://wire.example/feeds/main.xml');
    if (reading.kind !== 'feed') throw new Error(`expected a feed, got ${reading.kind}`);
    expect(reading.feed.link).toBe('https://wire.example/');
    expect(reading.feed.items.map((item) => item.url)).toEqual([
      'https://wire.example/stories/blink',
      'https://wire.example/feeds/item/2',
    ]);
  });

  it('resolves a JSON Feed item URL against the feed URL, not its home page', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      home_page_url: 'https://home.example/blog/',
      items: [{ id: '1', url: 'posts/1', title: 'One' }],
    });
    const reading = readDocument(Buffer.from(json), '', 'https://feeds.example/j/feed.json');
    expect(reading.kind === 'feed' && reading.feed.items[0]?.url).toBe('https://feeds.example/j/posts/1');
  });

  it('reads a UTF-16 feed, big- and little-endian', () => {
    for (const littleEndian of [true, false]) {
      const reading = readDocument(utf16(RSS.replace('utf-8', 'utf-16'), littleEndian));
      expect(reading.kind === 'feed' && reading.feed.items[0]?.title).toBe('History of the <blink> tag');
    }
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /the input is empty: not a feed or article page/],
    ['only whitespace', Buffer.from(' \n\t\r\n'), /the input is empty/],
    [
      'a UTF-32 feed',
      Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('<\0\0\0r\0\0\0s\0\0\0s\0\0\0')]),
      /UTF-32LE-encoded, which is not supported: not a feed or article page\. Re-encode it as UTF-8/,
    ],
    ['JSON that is not a feed', Buffer.from('{"name":"x","list":[1,2]}'), /JSON but not a JSON Feed/],
    ['a JSON array', Buffer.from('[1,2,3]'), /JSON but not a JSON Feed/],
    ['broken JSON', Buffer.from('{"items": [ '), /starts like JSON but does not parse/],
    [
      'plain text with no article',
      Buffer.from('just a line of text'),
      /no article found.*not a feed or article page/,
    ],
    [
      'binary data',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      /not a feed or article page/,
    ],
  ])('refuses %s with a reason', (_name, bytes, reason) => {
    const reading = readDocument(bytes);
    expect(reading).toEqual({ kind: 'refused', reason: expect.stringMatching(reason) });
  });

  it('tells UTF-16 and UTF-32 apart by BOM and by zero bytes around ASCII', () => {
    expect(wideEncodingOf(Buffer.from([0, 0, 0xfe, 0xff]))).toBe('UTF-32BE');
    expect(wideEncodingOf(Buffer.from('<\0\0\0', 'latin1'))).toBe('UTF-32LE');
    expect(wideEncodingOf(Buffer.from('\0<\0r', 'latin1'))).toBe('UTF-16BE');
    expect(wideEncodingOf(Buffer.from('<\0r\0', 'latin1'))).toBe('UTF-16LE');
    expect(wideEncodingOf(Buffer.from('<rss>'))).toBeUndefined();
  });
});
