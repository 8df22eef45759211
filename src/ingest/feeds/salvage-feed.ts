import { DOMParser } from 'linkedom';
import { parseFeedDate } from './feed-date.ts';
import type { FeedFormat, FeedItem, ParsedFeed } from './feed-model.ts';
import { plainText, resolveLink, titleText } from './feed-text.ts';

type El = Element;

const local = (el: El): string => (el.localName || el.tagName).replace(/^.*:/, '').toLowerCase();
const children = (el: El, ...names: string[]): El[] =>
  Array.from(el.children).filter((c) => names.includes(local(c as El))) as El[];
const child = (el: El, ...names: string[]): El | undefined => {
  for (const name of names) {
    const found = children(el, name)[0];
    if (found) return found;
  }
  return undefined;
};
const text = (el: El | undefined): string | undefined => el?.textContent ?? undefined;

function baseOf(el: El | null): (string | undefined)[] {
  const bases: (string | undefined)[] = [];
  for (let node: El | null = el; node; node = node.parentElement) {
    const base = node.getAttribute?.('xml:base');
    if (base) bases.push(base);
  }
  return bases;
}

function linkOf(el: El, fallbackBase?: string): string | undefined {
  const links = children(el, 'link');
  const alternate =
    links.find((l) => l.getAttribute('href') && (l.getAttribute('rel') ?? 'alternate') === 'alternate') ??
    links.find((l) => !l.getAttribute('href') && text(l)?.trim());
  if (!alternate) return undefined;
  const href = alternate.getAttribute('href') ?? text(alternate);
  return resolveLink(href, ...baseOf(alternate), fallbackBase);
}

function authorOf(el: El): string | undefined {
  const author = child(el, 'author', 'creator');
  if (!author) return undefined;
  return plainText(text(child(author, 'name')) ?? text(author));
}

/**
 * Reads what it can from a feed whose markup a strict parser refuses (mismatched tags, stray
 * ampersands): linkedom's XML mode is htmlparser2, which never gives up on bad markup.
 */
export function salvageFeed(xml: string, feedUrl?: string): ParsedFeed | undefined {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement as unknown as El | null;
  if (!root) return undefined;
  const rootName = local(root);
  const format: FeedFormat | undefined =
    rootName === 'rss' || rootName === 'channel'
      ? 'rss'
      : rootName === 'rdf'
        ? 'rdf'
        : rootName === 'feed' || rootName === 'entry'
          ? 'atom'
          : undefined;
  if (!format) return undefined;
  const channel = format === 'atom' ? root : (child(root, 'channel') ?? root);
  const feedLink = linkOf(channel, feedUrl);
  const base = feedUrl;
  // A bare Atom <entry> document is a feed of one.
  const itemEls =
    rootName === 'entry'
      ? [root]
      : (Array.from(doc.querySelectorAll('*')).filter((el) =>
          ['item', 'entry'].includes(local(el as El)),
        ) as El[]);
  const items: FeedItem[] = itemEls.map((el) => {
    const guid = child(el, 'guid', 'id');
    const published = parseFeedDate(text(child(el, 'pubdate', 'published', 'issued', 'date', 'created')));
    const updated = parseFeedDate(text(child(el, 'updated', 'modified')));
    const content = text(child(el, 'encoded', 'content'));
    const summary = text(child(el, 'description', 'summary'));
    const url =
      linkOf(el, base) ??
      (guid && guid.getAttribute('ispermalink') !== 'false' && guid.getAttribute('isPermaLink') !== 'false'
        ? resolveLink(text(guid), base)
        : undefined);
    const title = titleText(text(child(el, 'title')), child(el, 'title')?.getAttribute('type') ?? undefined);
    return {
      id: text(guid)?.trim() || url || title || '',
      title,
      url,
      publishedAt: published ?? updated,
      updatedAt: updated,
      summary: plainText(summary),
      contentHtml: content ?? summary,
      author: authorOf(el),
    };
  });
  return {
    format,
    title: rootName === 'entry' ? undefined : titleText(text(child(channel, 'title'))),
    link: rootName === 'entry' ? undefined : feedLink,
    items,
  };
}
