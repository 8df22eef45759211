import { jsonLdBlocks } from '../json-ld.ts';
import {
  type DateSource,
  type FoundDate,
  parseDateValue,
  parseHumanDate,
  plausible,
  WORTH_PARSING,
} from './date-value.ts';

/** A page's publication and last-modified dates, kept apart; either may be missing. */
export interface PageDates {
  published?: FoundDate;
  modified?: FoundDate;
}

/** What the finder needs besides the document: the page's URL and the time it was fetched. */
export interface FindDatesOptions {
  url?: string;
  /** The fetch time: relative dates count back from it, and nothing after it is a publication date. */
  reference: Date;
}

const PUBLISHED_META = new Set([
  'article:published_time',
  'og:published_time',
  'og:article:published_time',
  'article:published',
  'published_time',
  'published-date',
  'publish-date',
  'publish_date',
  'publishdate',
  'publication_date',
  'publication-date',
  'pubdate',
  'pub_date',
  'date',
  'dc.date',
  'dc.date.issued',
  'dc.date.created',
  'dcterms.date',
  'dcterms.issued',
  'dcterms.created',
  'citation_publication_date',
  'citation_date',
  'parsely-pub-date',
  'sailthru.date',
  'datepublished',
  'datecreated',
  'date_published',
  'originalpublicationdate',
  'article_date_original',
  'article.published',
  'displaydate',
  'rnews:datepublished',
  'created',
]);

const MODIFIED_META = new Set([
  'article:modified_time',
  'og:updated_time',
  'article:updated_time',
  'modified_time',
  'dc.date.modified',
  'dcterms.modified',
  'datemodified',
  'date_modified',
  'last-modified',
  'lastmod',
  'revised',
  'article.updated',
]);

/** Class or id words of comment blocks: a comment's date is never the article's. */
const COMMENTS = /^(?:comment|respond|repl(?:y|ies)|disqus|kommentar)/i;
/** Class or id words of sidebars and related-link lists, whose dates belong to other articles. */
const ASIDES = /^(?:sidebar|related)/i;
const NOT_ARTICLE_TAGS = new Set(['NAV', 'ASIDE']);
/** Class, id or itemprop hints of a byline or dateline. */
const BYLINE_HINT =
  /date|datum|time|zeit|byline|posted|publi|veroeffentlicht|meta|info|submitted|created|authored|release|fecha|autor|author|stamp|stand/i;
const COPYRIGHT = /©|\bcopyright\b|\(c\)\s*\d{4}|alle rechte|all rights/i;
const UPDATED = /updat|modif|aktualisiert|geändert|mis à jour/i;

/**
 * Finds the publication and modification dates of a page the way htmldate does: the page's own
 * machine-readable claims first (JSON-LD, meta tags, itemprop, `<time datetime>`), then the URL path, then
 * visible bylines and datelines. Comments, footers and copyright lines never count.
 */
export function findPageDates(document: Document, options: FindDatesOptions): PageDates {
  const { reference } = options;
  const language = document.documentElement?.getAttribute('lang') ?? undefined;
  const fromLd = jsonLdDates(document, reference);
  const fromMeta = metaDates(document, reference);
  const modified = fromLd.modified ?? fromMeta.modified ?? itempropDate(document, 'datemodified', reference);
  // A full date in the URL path is fixed when the article is first published; meta dates get rewritten
  // on edits and are often in UTC, a day off the date the outlet printed.
  let published =
    urlDate(options.url, reference) ??
    fromLd.published ??
    fromMeta.published ??
    itempropDate(document, 'datepublished', reference) ??
    timeElementDate(document, reference) ??
    bylineDate(document, reference, language) ??
    headDate(document, reference, language) ??
    textDate(document, reference, language);
  // A blog's /2018/08/ path fixes the month: a date outside it is another post's, so look for one inside.
  const month = urlMonth(options.url);
  if (month && published && !published.day.startsWith(month)) {
    const inMonth = (date: FoundDate) => date.day.startsWith(month);
    const better =
      bylineDate(document, reference, language, inMonth) ?? textDate(document, reference, language, inMonth);
    if (better) published = better;
  }
  return {
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
  };
}

function jsonLdDates(document: Document, reference: Date): PageDates {
  const article: PageDates = {};
  const other: PageDates = {};
  for (const data of jsonLdBlocks(document)) {
    for (const node of jsonLdNodes(data)) {
      const types = ([] as unknown[]).concat(node['@type'] ?? []).map(String);
      if (types.some((type) => /comment|review|event|person/i.test(type))) continue;
      // An article node's dates beat a WebPage's or a site's, whatever order the graph lists them in.
      const target = types.some((type) => /article|posting|report|blog/i.test(type)) ? article : other;
      target.published ??= ldDate(node.datePublished ?? node.dateCreated ?? node.uploadDate, reference);
      target.modified ??= ldDate(node.dateModified, reference);
    }
  }
  return { published: article.published ?? other.published, modified: article.modified ?? other.modified };
}

function ldDate(value: unknown, reference: Date): FoundDate | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? parseDateValue(text, 'json-ld', reference) : undefined;
}

/** Every object in a JSON-LD document, `@graph` members and nested ones included, to a bounded depth. */
function jsonLdNodes(data: unknown): Record<string, unknown>[] {
  const nodes: Record<string, unknown>[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || typeof value !== 'object' || nodes.length > 200) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = value as Record<string, unknown>;
    nodes.push(node);
    for (const [key, child] of Object.entries(node)) {
      if (key === '@graph' || key === 'mainEntity' || key === 'mainEntityOfPage') visit(child, depth + 1);
    }
  };
  visit(data, 0);
  return nodes;
}

function metaDates(document: Document, reference: Date): PageDates {
  const dates: PageDates = {};
  for (const meta of Array.from(document.querySelectorAll('meta, [property][content]'))) {
    const name = (
      meta.getAttribute('property') ??
      meta.getAttribute('name') ??
      meta.getAttribute('itemprop') ??
      meta.getAttribute('http-equiv') ??
      ''
    )
      .toLowerCase()
      .replace(/^(?:schema|rnews|sioc):/, '');
    const content = meta.getAttribute('content') ?? undefined;
    if (!dates.published && PUBLISHED_META.has(name))
      dates.published = parseDateValue(content, 'meta', reference);
    else if (!dates.modified && MODIFIED_META.has(name))
      dates.modified = parseDateValue(content, 'meta', reference);
    else if (!dates.published && name === 'parsely-page') dates.published = parselyPage(content, reference);
  }
  return dates;
}

function parselyPage(content: string | undefined, reference: Date): FoundDate | undefined {
  try {
    const page = JSON.parse(content ?? '') as { pub_date?: unknown };
    return typeof page.pub_date === 'string' ? parseDateValue(page.pub_date, 'meta', reference) : undefined;
  } catch {
    return undefined;
  }
}

function itempropDate(document: Document, prop: string, reference: Date): FoundDate | undefined {
  for (const element of Array.from(document.querySelectorAll('[itemprop]'))) {
    if (element.getAttribute('itemprop')?.toLowerCase() !== prop || outsideArticle(element)) continue;
    const value =
      element.getAttribute('datetime') ??
      element.getAttribute('content') ??
      element.getAttribute('title') ??
      element.textContent ??
      undefined;
    const date = parseDateValue(value, 'itemprop', reference);
    if (date) return date;
  }
  return undefined;
}

/** A full date in the URL path: /2026/11/20/, /2026-11-20-, /20261120/. */
export function urlDate(url: string | undefined, reference: Date): FoundDate | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  // A one-digit day must end its path segment: /2023/10/3-fragen-an is a title starting with a number.
  const match =
    /(?:^|[/_-])((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-]((?:0[1-9]|[12]\d|3[01])(?=$|[/_.-])|[1-9](?=$|\/))/.exec(
      path,
    ) ?? /(?:^|[/_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=$|[/_.-])/.exec(path);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const time = Date.parse(`${day}T00:00:00Z`);
  return plausible(time, reference) ? { iso: new Date(time).toISOString(), day, from: 'url' } : undefined;
}

/** The YYYY-MM of a URL path that holds a year and month but no day (/2018/08/slug). */
function urlMonth(url: string | undefined): string | undefined {
  const match = /\/((?:19|20)\d{2})\/(0[1-9]|1[0-2])\/(?!\d)/.exec(url ?? '');
  return match ? `${match[1]}-${match[2]}` : undefined;
}

function timeElementDate(document: Document, reference: Date): FoundDate | undefined {
  let first: FoundDate | undefined;
  for (const time of Array.from(document.querySelectorAll('time')).slice(0, 50)) {
    if (outsideArticle(time)) continue;
    const hints = `${time.getAttribute('class') ?? ''} ${time.getAttribute('itemprop') ?? ''}`;
    if (/updat|modif/i.test(hints)) continue;
    const value = time.getAttribute('datetime') ?? time.textContent ?? undefined;
    const date = time.getAttribute('datetime')
      ? parseDateValue(value, 'time', reference)
      : parseHumanDate(value ?? '', 'time', reference);
    if (!date) continue;
    // A <time pubdate> or one marked as the publication time is the one; otherwise the first in the article.
    if (time.hasAttribute('pubdate') || /publish|entry-date|posted/i.test(hints)) return date;
    first ??= date;
  }
  return first;
}

function bylineDate(
  document: Document,
  reference: Date,
  language?: string,
  accept: (date: FoundDate) => boolean = () => true,
): FoundDate | undefined {
  let checked = 0;
  for (const element of Array.from(document.querySelectorAll('[class], [id], abbr[title]'))) {
    const hint = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    if (!BYLINE_HINT.test(hint) || UPDATED.test(hint)) continue;
    // A byline is a small block; reading the text of a "main-info" wrapper would read the whole page.
    if (element.childElementCount > 8) continue;
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text || text.length > 160 || COPYRIGHT.test(text) || outsideArticle(element)) continue;
    if (++checked > 80) break;
    // "3 hours ago" is a byline's whole text; inside longer text a relative word is prose ("today's vote").
    const date = parseHumanDate(text, 'byline', reference, { language, allowRelative: text.length <= 40 });
    if (date && accept(date)) return date;
  }
  return undefined;
}

/** A date the page's title or description states ("Fachmeldung vom 18.10.2021", "08.11.2021 | Fachtag"). */
function headDate(document: Document, reference: Date, language?: string): FoundDate | undefined {
  const description = document.querySelector('meta[name="description" i]')?.getAttribute('content');
  for (const text of [document.querySelector('title')?.textContent, description]) {
    const date = text
      ? parseHumanDate(text, 'text', reference, { language, allowRelative: false })
      : undefined;
    if (date) return date;
  }
  return undefined;
}

/**
 * The last resort: the first short text in reading order that holds a full date, skipping comments,
 * navigation, sidebars, copyright lines and "updated" notes. The headline's own block is read first.
 */
function textDate(
  document: Document,
  reference: Date,
  language?: string,
  accept: (date: FoundDate) => boolean = () => true,
): FoundDate | undefined {
  const body = document.body;
  if (!body) return undefined;
  const headline = document.querySelector('h1, .entry-title, [itemprop="headline"]');
  const walker = document.createTreeWalker(body, 4);
  const texts: { node: Node; text: string }[] = [];
  for (let node = walker.nextNode(); node && texts.length < 400; node = walker.nextNode()) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length < 6 || text.length > 200 || !WORTH_PARSING.test(text)) continue;
    const parent = node.parentElement;
    if (!parent || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(parent.tagName)) continue;
    texts.push({ node, text });
  }
  const afterHeadline = headline
    ? texts.filter(({ node }) => headline.compareDocumentPosition(node) & 4)
    : [];
  // Sidebars are skipped at first; some themes put the article's own date in a "sidebar" column, so a
  // second pass lets them in (comments never).
  const passes: [typeof texts, boolean][] = [
    [afterHeadline.slice(0, 15), true],
    [texts, true],
    [texts, false],
  ];
  const parsed = new Map<Node, FoundDate | undefined>();
  for (const [candidates, strict] of passes) {
    for (const { node, text } of candidates) {
      if (COPYRIGHT.test(text) || UPDATED.test(text)) continue;
      if (outsideArticle(node.parentElement as Element, strict)) continue;
      if (!parsed.has(node))
        parsed.set(node, parseHumanDate(text, 'text', reference, { language, allowRelative: false }));
      const date = parsed.get(node);
      if (date && accept(date)) return date;
    }
  }
  return undefined;
}

/** True inside comments, and (when strict) navigation and sidebars, whose dates are not the article's. */
function outsideArticle(element: Element, strict = true): boolean {
  let node: Element | null = element;
  for (let depth = 0; node && depth < 30; depth++, node = node.parentElement) {
    if (node.tagName === 'BODY') return false;
    if (strict && NOT_ARTICLE_TAGS.has(node.tagName)) return true;
    const words = `${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`.split(/[\s_]+/);
    if (words.some((word) => COMMENTS.test(word) || (strict && ASIDES.test(word)))) return true;
  }
  return false;
}

/** The source names a stored date may carry, re-exported for callers that label their own. */
export type { DateSource, FoundDate };
