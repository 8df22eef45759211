import { decodeBody } from './charset.ts';
import { type ExtractedPage, extractHtml } from './extract-html.ts';
import type { ParsedFeed } from './feeds/feed-model.ts';
import { looksLikeFeed, parseFeedText } from './feeds/parse-feed.ts';

/** What a fetched or local document is to us: a feed, an article page, or a refusal saying why not. */
export type DocumentReading =
  | { kind: 'feed'; feed: ParsedFeed; recovered: boolean }
  | { kind: 'article'; page: ExtractedPage }
  | { kind: 'refused'; reason: string };

const NOT_SUPPORTED = 'not a feed or article page';

/** UTF-16/32 by BOM, or by the zero bytes an undeclared wide encoding puts around ASCII markup. */
export function wideEncodingOf(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return 'UTF-32BE';
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return 'UTF-32LE';
  if (a === 0x00 && b === 0x00 && c === 0x00 && d !== 0x00 && d !== undefined) return 'UTF-32BE';
  if (a !== 0x00 && a !== undefined && b === 0x00 && c === 0x00 && d === 0x00) return 'UTF-32LE';
  if ((a === 0xfe && b === 0xff) || (a === 0x00 && b !== 0x00 && b !== undefined)) return 'UTF-16BE';
  if ((a === 0xff && b === 0xfe) || (a !== 0x00 && a !== undefined && b === 0x00)) return 'UTF-16LE';
  return undefined;
}

/** Why a JSON document is not a JSON Feed (1.x marker, or an object with an items list), or undefined. */
function notAJsonFeed(text: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `the input starts like JSON but does not parse (${(error as Error).message})`;
  }
  const record =
    data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const marked = typeof record.version === 'string' && record.version.includes('jsonfeed.org');
  if (marked || Array.isArray(record.items)) return undefined;
  return 'the input is JSON but not a JSON Feed (no "version": "https://jsonfeed.org/…" and no "items" list)';
}

/** A document read as far as telling a feed from a page: the page's text is not yet extracted. */
export type DocumentSniff = Exclude<DocumentReading, { kind: 'article' }> | { kind: 'page'; text: string };

/**
 * Reads bytes as a feed or an article page, the way the poller and `preview` do. Never throws on bad
 * input: empty, UTF-32, JSON that is not a JSON Feed, or text with no article become a refusal.
 * UTF-16 is decoded when the charset module can; UTF-32 (unsupported by TextDecoder) is refused.
 */
export function readDocument(bytes: Uint8Array, contentType = '', url?: string): DocumentReading {
  const sniffed = sniffDocument(bytes, contentType, url);
  return sniffed.kind === 'page' ? readPage(sniffed.text, url) : sniffed;
}

/**
 * {@link readDocument} up to its one costly step: a feed or a refusal as it would say, or the text to
 * extract a page from, so a caller that reads pages its own way (preview of a local file) extracts once.
 */
export function sniffDocument(bytes: Uint8Array, contentType = '', url?: string): DocumentSniff {
  if (isBlank(bytes)) return { kind: 'refused', reason: `the input is empty: ${NOT_SUPPORTED}` };
  const wide = wideEncodingOf(bytes);
  if (wide?.startsWith('UTF-32'))
    return {
      kind: 'refused',
      reason: `the input is ${wide}-encoded, which is not supported: ${NOT_SUPPORTED}. Re-encode it as UTF-8.`,
    };
  const decoded = wide ? decodeWide(bytes, wide) : decodeBody(bytes, contentType).text;
  const text = decoded.replace(/^\uFEFF/, '');
  if (!text.trim()) return { kind: 'refused', reason: `the input is empty: ${NOT_SUPPORTED}` };
  if (text.includes('\u0000'))
    return { kind: 'refused', reason: `the input is binary data, not text: ${NOT_SUPPORTED}` };
  const httpUrl = url?.startsWith('http') ? url : undefined;
  const head = text.trimStart();
  const jsonProblem = /^[[{]/.test(head) ? notAJsonFeed(head) : undefined;
  if (jsonProblem) return { kind: 'refused', reason: `${jsonProblem}: ${NOT_SUPPORTED}` };
  if (looksLikeFeed(text) || head.startsWith('{')) {
    const parsed = parseFeedText(text, httpUrl);
    return parsed.ok
      ? { kind: 'feed', feed: parsed.feed, recovered: parsed.recovered }
      : { kind: 'refused', reason: `${parsed.reason}: ${NOT_SUPPORTED}` };
  }
  return { kind: 'page', text };
}

/** The article page in text that {@link sniffDocument} found is no feed, or the refusal saying why not. */
export function readPage(text: string, url?: string): DocumentReading {
  const extracted = extractHtml(text, url);
  return extracted.ok
    ? { kind: 'article', page: extracted.page }
    : { kind: 'refused', reason: `${extracted.reason}: ${NOT_SUPPORTED}` };
}

function isBlank(bytes: Uint8Array): boolean {
  for (const byte of bytes)
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  return true;
}

function decodeWide(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding.toLowerCase()).decode(bytes);
  } catch {
    return '';
  }
}
