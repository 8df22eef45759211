import { parseFeedDate } from './feed-date.ts';
import type { FeedFormat, FeedItem, ParsedFeed } from './feed-model.ts';
import { plainText, resolveLink, titleText } from './feed-text.ts';

type Node = Record<string, unknown>;

const obj = (value: unknown): Node | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
const list = (value: unknown): Node[] =>
  Array.isArray(value) ? value.filter((v): v is Node => Boolean(obj(v))) : obj(value) ? [value as Node] : [];
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

/** A feedsmith text construct: a plain string, or `{ value, type }` for Atom. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const node = obj(value);
  return typeof node?.value === 'string' ? node.value : undefined;
}

/**
 * An Atom text construct as a string. RFC 4287 says content of a non-text, non-XML MIME type is base64;
 * Atom 0.3 said so with mode="base64", which feedsmith drops, hence the document-wide hint.
 */
function atomText(value: unknown, base64Hint: boolean): string | undefined {
  const raw = textOf(value);
  if (!raw) return raw;
  const type = obj(value)?.type;
  const binaryType = typeof type === 'string' && type.includes('/') && !/^text\/|xml/.test(type);
  const looksBase64 = /^[A-Za-z0-9+/\s]+={0,2}$/.test(raw.trim()) && raw.trim().length % 4 === 0;
  if ((binaryType || base64Hint) && looksBase64) {
    const decoded = Buffer.from(raw, 'base64').toString('utf8');
    if (!decoded.includes('\uFFFD')) return decoded;
  }
  return raw;
}

function xmlBase(node: Node | undefined): string | undefined {
  const base = obj(node?.xml)?.base;
  return typeof base === 'string' ? base : undefined;
}

function pickAtomLink(links: unknown): string | undefined {
  const all = list(links).filter((l) => typeof l.href === 'string');
  const alternate = all.find((l) => !l.rel || l.rel === 'alternate');
  return alternate?.href as string | undefined;
}

function personName(people: unknown): string | undefined {
  const names = list(people)
    .map((p) => (typeof p.name === 'string' ? p.name : typeof p.email === 'string' ? p.email : undefined))
    .filter((n): n is string => Boolean(n?.trim()));
  return names.length > 0 ? names.join(', ') : undefined;
}

function dcValue(node: Node, singular: string, plural: string): string | undefined {
  const dc = obj(node.dc);
  if (!dc) return undefined;
  return strings(dc[singular])[0] ?? strings(dc[plural])[0];
}

function finishItem(partial: Omit<FeedItem, 'id'> & { id?: string }): FeedItem {
  const id = partial.id?.trim() || partial.url || partial.title || '';
  return { ...partial, id };
}

/** Maps feedsmith's RSS and RDF output. */
export function mapRss(feed: Node, format: FeedFormat, feedUrl?: string): ParsedFeed {
  const atomLinks = obj(feed.atom)?.links;
  const channelLink =
    resolveLink(textOf(feed.link), feedUrl) ?? resolveLink(pickAtomLink(atomLinks), feedUrl) ?? undefined;
  // Item links resolve against the feed's own URL: the channel link is a home page, not a base.
  const base = feedUrl;
  const items = list(feed.items).map((item) => {
    const guid = obj(item.guid);
    const guidValue = textOf(guid) ?? (typeof item.guid === 'string' ? item.guid : undefined);
    const permalink = guid && guid.isPermaLink !== false ? guidValue : undefined;
    const rdfAbout = obj(item.rdf)?.about;
    const url =
      resolveLink(textOf(item.link), base) ??
      resolveLink(pickAtomLink(obj(item.atom)?.links), base) ??
      resolveLink(permalink, base) ??
      (typeof rdfAbout === 'string' ? resolveLink(rdfAbout, base) : undefined);
    const content = obj(item.content)?.encoded;
    const published =
      parseFeedDate(textOf(item.pubDate)) ??
      parseFeedDate(dcValue(item, 'date', 'dates')) ??
      parseFeedDate(textOf(obj(item.atom)?.published)) ??
      parseFeedDate(textOf(obj(item.dcterms)?.issued)) ??
      parseFeedDate(textOf(obj(item.dcterms)?.created));
    const updated =
      parseFeedDate(textOf(obj(item.atom)?.updated)) ?? parseFeedDate(textOf(obj(item.dcterms)?.modified));
    const description = textOf(item.description);
    return finishItem({
      id: guidValue ?? (typeof rdfAbout === 'string' ? rdfAbout : undefined),
      title: titleText(textOf(item.title)) ?? titleText(dcValue(item, 'title', 'titles')),
      url,
      publishedAt: published ?? updated,
      updatedAt: updated,
      summary: plainText(description) ?? plainText(textOf(obj(item.itunes)?.summary)),
      contentHtml: typeof content === 'string' ? content : description,
      author: plainText(
        personName(item.authors) ??
          dcValue(item, 'creator', 'creators') ??
          (typeof item.author === 'string' ? item.author : undefined),
      ),
    });
  });
  return {
    format,
    title: titleText(textOf(feed.title)) ?? titleText(dcValue(feed, 'title', 'titles')),
    link: channelLink,
    items,
  };
}

/** Maps feedsmith's Atom 0.3 / 1.0 output, honouring xml:base on the feed and each entry. */
export function mapAtom(feed: Node, feedUrl?: string, base64Hint = false): ParsedFeed {
  const feedBase = xmlBase(feed);
  const link = resolveLink(pickAtomLink(feed.links), feedBase, feedUrl);
  const items = list(feed.entries).map((entry) => {
    const entryBase = xmlBase(entry);
    const content = obj(entry.content);
    const summary = atomText(entry.summary, base64Hint);
    const published =
      parseFeedDate(textOf(entry.published)) ?? parseFeedDate(dcValue(entry, 'date', 'dates'));
    const updated = parseFeedDate(textOf(entry.updated));
    return finishItem({
      id: typeof entry.id === 'string' ? entry.id : undefined,
      title: titleText(atomText(entry.title, base64Hint), obj(entry.title)?.type),
      url: resolveLink(pickAtomLink(entry.links), entryBase, feedBase, feedUrl),
      publishedAt: published ?? updated,
      updatedAt: updated,
      summary: plainText(summary),
      contentHtml: atomText(content, base64Hint) ?? summary,
      author: plainText(personName(entry.authors) ?? personName(obj(entry.source)?.authors)),
    });
  });
  return {
    format: 'atom',
    title: titleText(atomText(feed.title, base64Hint), obj(feed.title)?.type),
    link,
    items,
  };
}

/** Maps a JSON Feed 1.0 / 1.1 object (feedsmith's, or JSON.parse's when feedsmith refuses it). */
export function mapJson(feed: Node, feedUrl?: string): ParsedFeed {
  const link = resolveLink(textOf(feed.home_page_url), feedUrl);
  const items = list(feed.items).map((item) => {
    const html = textOf(item.content_html);
    const text = textOf(item.content_text);
    const updated = parseFeedDate(textOf(item.date_modified));
    const author = personName(item.authors) ?? personName(item.author) ?? personName(feed.authors);
    return finishItem({
      id: typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : undefined,
      title: titleText(textOf(item.title)),
      // No xml:base in JSON: a relative item URL is relative to the feed document itself.
      url: resolveLink(textOf(item.url), feedUrl) ?? resolveLink(textOf(item.external_url), feedUrl),
      publishedAt: parseFeedDate(textOf(item.date_published)) ?? updated,
      updatedAt: updated,
      summary: plainText(textOf(item.summary)),
      contentHtml: html ?? (text ? text.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;')) : undefined),
      author: plainText(author),
    });
  });
  return { format: 'json', title: titleText(textOf(feed.title)), link, items };
}
