import { jsonLdBlocks } from '../json-ld.ts';
import { pageIndex } from '../page-index.ts';
import { type FoundDate, parseDateValue } from './date-value.ts';
import { outsideArticle } from './visible-dates.ts';

/** A page's publication and last-modified dates, kept apart; either may be missing. */
export interface PageDates {
  published?: FoundDate;
  modified?: FoundDate;
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
  // Names htmldate's catalogue reads that the tuning pages never used: CMS, Open Graph and vendor variants.
  'article:published_date',
  'article:publicationdate',
  'article:post_date',
  'article.created',
  'og:article:published',
  'og:datepublished',
  'og:pubdate',
  'og:publish_date',
  'og:question:published_time',
  'published_date',
  'publisheddate',
  'publish_time',
  'date_created',
  'dateposted',
  'dc.created',
  'dc.date.publication',
  'dcsext.articlefirstpublished',
  'content_create_date',
  'doc_date',
  'release_date',
  'video:release_date',
  'uploaddate',
  'bt:pubdate',
  'rbpubdate',
  'pdate',
  'ptime',
  'cxenseparse:recs:publishtime',
  'mediator_published_time',
  'shareaholic:article_published_time',
  'twt-published-at',
  'vr:published_time',
  'analyticsattributes.articledate',
  'timestamp',
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
  'article:modified',
  'article:modified_date',
  'article:post_modified',
  'og:modified_time',
  'og:article:modified_time',
  'updated_time',
  'dc.modified',
  'lastmodified',
  'modified',
  'modificationdate',
  'revision_date',
  'dateupdate',
  'bt:moddate',
  'utime',
]);

/** Dates of the JSON-LD nodes: an article node's before a page's or a site's. */
export function jsonLdDates(document: Document, reference: Date): PageDates {
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
  // Some CMSs write the Unix time as a JSON number, which parseDateValue reads as its digits.
  if (typeof text === 'number' && Number.isInteger(text))
    return parseDateValue(String(text), 'json-ld', reference);
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

/**
 * Meta names that say only "a date" of the page: many CMSs fill them with the time the page was
 * generated or last saved, so they are the weakest publication claim.
 */
const GENERIC_META = new Set(['date', 'dc.date', 'dcterms.date', 'timestamp']);

/** The meta tags' dates; `generic` when the publication date came from a bare "date" name. */
export interface MetaDates extends PageDates {
  generic?: boolean;
}

/** Dates of the meta tags, first published and first modified in document order. */
export function metaDates(document: Document, reference: Date): MetaDates {
  const dates: MetaDates = {};
  for (const meta of pageIndex(document).metaLike) {
    const name = (
      meta.getAttribute('property') ??
      meta.getAttribute('name') ??
      meta.getAttribute('itemprop') ??
      meta.getAttribute('http-equiv') ??
      ''
    )
      .toLowerCase()
      .replace(/^(?:schema|rnews|sioc):/, '')
      // Dublin Core written as RDFa prefixes (dc:date, dcterms:created) means what the dotted names do.
      .replace(/^(dc|dcterms):/, '$1.');
    const content = meta.getAttribute('content') ?? undefined;
    if (!dates.published && PUBLISHED_META.has(name)) {
      dates.published = parseDateValue(content, 'meta', reference);
      dates.generic = GENERIC_META.has(name);
    } else if (!dates.modified && MODIFIED_META.has(name))
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

/** The first `itemprop` element of that name outside comments and sidebars. */
export function itempropDate(document: Document, prop: string, reference: Date): FoundDate | undefined {
  for (const element of pageIndex(document).itemprops) {
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

/**
 * Attributes that name publication and hold a machine value (`data-publishtime="1605000000"`, seconds or
 * milliseconds, or ISO), and Facebook's `abbr data-utime`. A bare `data-timestamp`, `data-date` or
 * `data-time` is not read: on the tuning pages those stamp share widgets, feeds and other articles' teasers.
 */
const PUBLISHED_ATTRIBUTES = [
  'data-publishtime',
  'data-publish-time',
  'data-publish_time',
  'data-published',
  'data-published-at',
  'data-published-time',
  'data-publish-date',
  'data-publishdate',
  'data-published-date',
  'data-pubdate',
  'data-pub-date',
  'data-pubtime',
  'data-post-date',
  'data-utime',
];

const PUBLISHED_ATTRIBUTE_SET = new Set(PUBLISHED_ATTRIBUTES);
/** hAtom's `published` and h-entry's `dt-published` class words. */
const MICROFORMAT_CLASS = /(?:^|\s)(?:dt-)?published(?:\s|$)/;

/**
 * The first machine-written publication value in the article's markup that is neither a meta tag nor an
 * itemprop: a publication-named data attribute, or hAtom's `published` and h-entry's `dt-published`, whose
 * machine value is a `datetime`, a `title` or a value-title's. One walk over the elements and their few
 * attributes: a selector list of every name costs several times that.
 */
export function attributeDate(document: Document, reference: Date): FoundDate | undefined {
  const root = document.body;
  if (!root) return undefined;
  const walker = document.createTreeWalker(root, 1);
  let tried = 0;
  for (let node = walker.nextNode(); node && tried < 50; node = walker.nextNode()) {
    const value = machineValue(node as Element);
    if (value === undefined || outsideArticle(node as Element)) continue;
    tried++;
    const date = parseDateValue(value, 'attribute', reference);
    if (date) return date;
  }
  return undefined;
}

function machineValue(element: Element): string | undefined {
  for (const name of element.getAttributeNames())
    if (PUBLISHED_ATTRIBUTE_SET.has(name)) return element.getAttribute(name) ?? undefined;
  if (!MICROFORMAT_CLASS.test(element.getAttribute('class') ?? '')) return undefined;
  return (
    element.getAttribute('datetime') ??
    element.getAttribute('title') ??
    element.querySelector('.value-title[title]')?.getAttribute('title') ??
    undefined
  );
}

/** A publication-time key in a page's inline state ("published_at", "createdAt"), with an ISO timestamp. */
const SCRIPT_PUBLISHED =
  /"(?:published_?at|publishedAt|publish_?date|publishDate|date_?published|datePublished|first_?published(?:_?at)?|created_?at|createdAt)"\s*:\s*"(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}[^"]{0,20})"/i;

/** Whether a script body holds the publication key `scriptDate` reads, so the script must reach the DOM. */
export function carriesPublishedKey(scriptBody: string): boolean {
  return SCRIPT_PUBLISHED.test(scriptBody);
}

/**
 * A publication timestamp in the page's inline script state (shop and app pages that
 * render their text from JSON). Only a key that names publication or creation counts, never a bare date.
 */
export function scriptDate(document: Document, reference: Date): FoundDate | undefined {
  for (const script of pageIndex(document).inlineScripts.slice(0, 100)) {
    const match = SCRIPT_PUBLISHED.exec(script.textContent ?? '');
    const date = match ? parseDateValue(match[1], 'script', reference) : undefined;
    if (date) return date;
  }
  return undefined;
}
