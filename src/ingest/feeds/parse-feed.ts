import { parseFeed } from 'feedsmith';
import type { FeedFormat, FeedParseResult, ParsedFeed } from './feed-model.ts';
import { isHttpUrl } from './feed-text.ts';
import { mapAtom, mapJson, mapRss } from './map-feedsmith.ts';
import { salvageFeed } from './salvage-feed.ts';

export type { FeedItem, FeedParseResult, ParsedFeed } from './feed-model.ts';

/** True when text looks like a feed (RSS, RDF, Atom or JSON Feed) rather than a web page. */
export function looksLikeFeed(text: string): boolean {
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 20000);
  if (head.startsWith('{')) return /"version"\s*:\s*"https?:\/\/jsonfeed\.org|"items"\s*:/.test(head);
  // A DOCTYPE may carry an internal subset of entity declarations (`<!DOCTYPE rss [ <!ENTITY …> ]>`), whose
  // `>`s must not end it early. The parsers bound entity expansion and never read external entities.
  const body = head
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/gi, '')
    .trimStart();
  return /^<(rss|feed|channel|([\w-]+:)?RDF)[\s>/]/i.test(body);
}

/**
 * Parses RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1 with feedsmith; relative links
 * are resolved against xml:base and `feedUrl`. Markup feedsmith refuses is salvaged tag by tag.
 * Never throws: a feed nothing can be read from comes back as `{ ok: false, reason }`.
 */
export function parseFeedText(input: string, feedUrl?: string): FeedParseResult {
  const text = input.replace(/^\uFEFF/, '').trimStart();
  if (!text) return { ok: false, reason: 'the feed is empty' };
  if (text.startsWith('{') || text.startsWith('[')) return parseJson(text, feedUrl);
  try {
    const { format, feed } = parseFeed(text) as { format: string; feed: Record<string, unknown> };
    const parsed = mapFeedsmith(format, feed, feedUrl, /\bmode\s*=\s*["']base64/.test(text));
    if (format !== 'atom' && /xml:base\s*=/.test(text)) applyXmlBase(parsed, text, feedUrl);
    return { ok: true, feed: parsed, recovered: false };
  } catch {
    // fall through to salvage
  }
  try {
    const salvaged = salvageFeed(text, feedUrl);
    if (salvaged) return { ok: true, feed: salvaged, recovered: true };
  } catch {
    // fall through to the refusal
  }
  return {
    ok: false,
    reason: /^<(!doctype\s+)?html/i.test(text)
      ? 'this is an HTML page, not a feed'
      : 'not a feed: no RSS, Atom, RDF or JSON Feed document could be read',
  };
}

/** feedsmith keeps xml:base for Atom only; for RSS the DOM walk knows every element's base. */
function applyXmlBase(parsed: ParsedFeed, text: string, feedUrl?: string): void {
  const walked = salvageFeed(text, feedUrl);
  if (!walked || walked.items.length !== parsed.items.length) return;
  parsed.items.forEach((item, index) => {
    const url = walked.items[index]?.url;
    if (url && isHttpUrl(url)) item.url = url;
  });
  if (walked.link && isHttpUrl(walked.link)) parsed.link = walked.link;
}

function mapFeedsmith(
  format: string,
  feed: Record<string, unknown>,
  feedUrl?: string,
  base64Hint = false,
): ParsedFeed {
  if (format === 'atom') return mapAtom(feed, feedUrl, base64Hint);
  if (format === 'json') return mapJson(feed, feedUrl);
  return mapRss(feed, format as FeedFormat, feedUrl);
}

function parseJson(text: string, feedUrl?: string): FeedParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `the JSON feed is not valid JSON: ${(error as Error).message}` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, reason: 'the JSON document is not a JSON Feed (expected an object with "items")' };
  }
  const record = data as Record<string, unknown>;
  try {
    const { format, feed } = parseFeed(record) as { format: string; feed: Record<string, unknown> };
    if (format === 'json') return { ok: true, feed: mapJson(feed, feedUrl), recovered: false };
  } catch {
    // feedsmith wants the version URL; older and sloppier feeds still carry readable items
  }
  if (!Array.isArray(record.items) && typeof record.title !== 'string') {
    return { ok: false, reason: 'the JSON document is not a JSON Feed (expected an object with "items")' };
  }
  return { ok: true, feed: mapJson(record, feedUrl), recovered: true };
}
