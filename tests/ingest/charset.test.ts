import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, sniffWideCharset } from '../../src/ingest/charset.ts';

const QUOTED = '“Quoted” – 5€ café';
const page = (head: string) => `<html><head>${head}<title>${QUOTED}</title></head><body></body></html>`;
const bytes = (text: string, charset: string, bom = false) => iconv.encode(text, charset, { addBOM: bom });

describe('decodeBody', () => {
  it.each([
    ['utf-8', 'utf-8'],
    ['utf-16le', 'utf-16le'],
    ['utf-16be', 'utf-16be'],
    ['utf-32le', 'utf-32le'],
    ['utf-32be', 'utf-32be'],
  ])('reads a %s byte order mark before anything the page or header says', (charset, expected) => {
    const decoded = decodeBody(
      bytes(page('<meta charset="windows-1252">'), charset, true),
      'text/html; charset=iso-8859-2',
    );
    expect(decoded).toMatchObject({ charset: expected, from: 'bom' });
    expect(decoded.text).toContain(`<title>${QUOTED}</title>`);
    expect(decoded.text.startsWith('\uFEFF')).toBe(false);
  });

  it('follows the HTTP header when there is no BOM', () => {
    const decoded = decodeBody(bytes(page(''), 'windows-1252'), 'text/html; charset=Windows-1252');
    expect(decoded).toMatchObject({ charset: 'windows-1252', from: 'header' });
    expect(decoded.text).toContain(QUOTED);
  });

  it.each([
    ['<meta charset>', '<meta charset="windows-1252">'],
    [
      '<meta http-equiv=Content-Type>',
      '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    ],
  ])('reads the page’s own %s when the header names no charset', (_name, head) => {
    const decoded = decodeBody(bytes(page(head), 'windows-1252'), 'text/html');
    expect(decoded).toMatchObject({ charset: 'windows-1252', from: 'meta' });
    expect(decoded.text).toContain(QUOTED);
  });

  it('reads ISO-8859-1 labels as windows-1252, as browsers do, so 0x93 is a curly quote', () => {
    const decoded = decodeBody(bytes(page('<meta charset="ISO-8859-1">'), 'windows-1252'));
    expect(decoded.charset).toBe('windows-1252');
    expect(decoded.text).toContain(QUOTED);
  });

  it('reads an XML prolog’s encoding, in a feed and in other charsets such as KOI8-R', () => {
    const feed =
      '<?xml version="1.0" encoding="koi8-r"?><rss><channel><title>Новости</title></channel></rss>';
    const decoded = decodeBody(bytes(feed, 'koi8-r'), 'application/rss+xml');
    expect(decoded).toMatchObject({ charset: 'koi8-r', from: 'xml-prolog' });
    expect(decoded.text).toContain('<title>Новости</title>');
  });

  it('lets the document’s claim win over a header that says UTF-8 for bytes that are not UTF-8', () => {
    const decoded = decodeBody(
      bytes(page('<meta charset="windows-1252">'), 'windows-1252'),
      'text/html; charset=utf-8',
    );
    expect(decoded).toMatchObject({ charset: 'windows-1252', from: 'meta' });
  });

  it('sniffs undeclared windows-1252 from bytes that are not valid UTF-8', () => {
    const decoded = decodeBody(bytes(page(''), 'windows-1252'));
    expect(decoded).toMatchObject({ charset: 'windows-1252', from: 'sniffed' });
    expect(decoded.text).toContain(QUOTED);
  });

  it.each(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'])(
    'sniffs %s without a BOM or declaration',
    (charset) => {
      const decoded = decodeBody(bytes(page(''), charset), 'text/html');
      expect(decoded).toMatchObject({ charset, from: 'sniffed' });
      expect(decoded.text).toContain(QUOTED);
    },
  );

  it('reads undeclared UTF-8 as UTF-8, and an unknown charset name as UTF-8 rather than failing', () => {
    expect(decodeBody(bytes(page(''), 'utf-8'))).toMatchObject({ charset: 'utf-8', from: 'default' });
    const unknown = decodeBody(bytes(page(''), 'utf-8'), 'text/html; charset=x-no-such-charset');
    expect(unknown.charset).toBe('utf-8');
    expect(unknown.text).toContain(QUOTED);
  });
});

describe('sniffWideCharset', () => {
  it('leaves ordinary 8-bit text alone, however short', () => {
    expect(sniffWideCharset(bytes(page(''), 'windows-1252'))).toBeUndefined();
    expect(sniffWideCharset(Buffer.from('<a'))).toBeUndefined();
  });
});
