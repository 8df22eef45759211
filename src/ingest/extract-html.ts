import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { boundNesting } from './bound-nesting.ts';
import { cleanArticleText } from './clean-text.ts';
import { findPageDates } from './dates/find-dates.ts';
import { removeFurniture } from './furniture-dom.ts';
import { jsonLdBlocks } from './json-ld.ts';
import { leanHtml } from './lean-html.ts';
import { pageIndex, withPageIndex } from './page-index.ts';
import { parseDocument } from './parse-document.ts';

/** What a page yields: the body text and whatever metadata the page states about itself. */
export interface ExtractedPage {
  title: string;
  text: string;
  siteName?: string;
  author?: string;
  publishedAt?: string;
  modifiedAt?: string;
  canonicalUrl?: string;
  language?: string;
  excerpt?: string;
  /** Set when the page nested too deep and was cut before reading: says how deep and what was kept. */
  cut?: string;
}

/** Result of extraction: a page, or the reason there is no article in it. */
export type ExtractResult = { ok: true; page: ExtractedPage } | { ok: false; reason: string };

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'LI',
  'UL',
  'OL',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'TR',
  'FIGURE',
  'FIGCAPTION',
  'HEADER',
  'FOOTER',
  'BR',
  'HR',
  'DL',
  'DT',
  'DD',
]);

/**
 * Extracts the article from an HTML page with Readability, and its metadata from the page head.
 * `fetchedAt` anchors relative dates ("3 hours ago") and rules out dates after it. Inert scripts and styles
 * are left out and nesting is bounded first (lean-html.ts), so no page makes the work grow quadratically.
 */
export function extractHtml(html: string, pageUrl?: string, fetchedAt = new Date()): ExtractResult {
  const bounded = leanHtml(html);
  const document = parseDocument(bounded.html);
  // Dates are read before furniture removal and Readability, which both change the DOM; both readers
  // share one index of the page's meta, script, itemprop and time elements.
  const { meta, dates } = withPageIndex(document, () => ({
    meta: readMetadata(document, pageUrl),
    dates: findPageDates(document, { url: pageUrl, reference: fetchedAt }),
  }));
  if (document.body) removeFurniture(document.body as unknown as Element, { byText: false });
  // A page without a `<math` tag has no MathML element: spare it the walk over the whole page.
  if (MATH_TAG.test(bounded.html)) keepFormulae(document);
  // Readability mutates the DOM, so metadata is read first. Its element comes back as is: no re-parse.
  const reader = new Readability<Element>(document as unknown as Document, {
    charThreshold: 500,
    // Class and id names are furniture hints for removeFurniture; Readability drops them otherwise.
    keepClasses: true,
    serializer: (el) => el as Element,
  });
  const parsed = reader.parse();
  const content = parsed?.content as unknown as Element | null | undefined;
  if (content) removeFurniture(content);
  const text = content
    ? cleanArticleText(nodeText(content as unknown as Node), undefined, { inlineChrome: false })
    : '';
  if (!hasArticleText(text)) {
    return { ok: false, reason: 'no article found on the page (too little readable text)' };
  }
  // Readability already weighs JSON-LD, og:title and <title>; our own reading is the fallback, and the
  // page's <h1> is looked for only when both are empty.
  const title =
    firstText(parsed?.title ?? undefined, meta.title) ??
    firstText(document.querySelector('h1')?.textContent, text.split('\n')[0]?.slice(0, 120)) ??
    '';
  return {
    ok: true,
    page: {
      ...meta,
      title,
      text,
      siteName: firstText(meta.siteName, parsed?.siteName ?? undefined),
      author: firstText(meta.author, parsed?.byline ?? undefined),
      publishedAt: dates.published?.iso,
      modifiedAt: dates.modified?.iso,
      language: meta.language ?? parsed?.lang ?? undefined,
      excerpt: parsed?.excerpt ?? undefined,
      ...(bounded.cut ? { cut: bounded.cut } : {}),
    },
  };
}

const MATH_TAG = /<math/i;

const UNLIKELY: RegExp = (Readability.prototype as unknown as { REGEXPS: { unlikelyCandidates: RegExp } })
  .REGEXPS.unlikelyCandidates;

/**
 * MathML is story content, never chrome, but formula renderers wrap it in elements whose class names
 * Readability reads as menus ("MathJax CtxtMenu_Attached_0"): those wrappers lose their class names.
 */
function keepFormulae(document: Document): void {
  for (const math of Array.from(document.getElementsByTagName('math'))) {
    for (let el = math.parentElement; el && el.tagName !== 'BODY'; el = el.parentElement) {
      if (UNLIKELY.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) {
        el.removeAttribute('class');
        el.removeAttribute('id');
      }
    }
  }
}

/** Enough prose to call it an article: 25 words, or 120 letters for scripts written without spaces. */
export function hasArticleText(text: string): boolean {
  return text.split(/\s+/).filter(Boolean).length >= 25 || text.replace(/\s+/g, '').length >= 120;
}

/** Turns an HTML fragment into text with paragraph breaks, the way a reader sees it. */
export function htmlToText(fragment: string): string {
  const { html } = boundNesting(fragment);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return nodeText(document.body as unknown as Node);
}

/** Leaving a table cell: the walk's marker to count one cell fewer open. */
const CELL_END = '\u0000cell';

/**
 * Text of a DOM subtree with paragraph breaks; iterative, so no nesting can overflow the stack. A table
 * row stays one line, even when its cells hold paragraphs: a header cell reading "Comment" or "Tags" is
 * part of a table, and on a line of its own the text cleaner would take it for the end of the story.
 */
function nodeText(root: Node): string {
  const parts: string[] = [];
  let openCells = 0;
  // A string on the stack is a closing break to emit once the element's children are done.
  const stack: (Node | string)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node | string;
    if (typeof node === 'string') {
      if (node === CELL_END) {
        openCells -= 1;
        continue;
      }
      parts.push(openCells > 0 ? ' ' : node);
      continue;
    }
    if (node.nodeType === 3) {
      parts.push((node.textContent ?? '').replace(/\s+/g, ' '));
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = (node as Element).tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT') continue;
    if (tag === 'TD' || tag === 'TH') {
      openCells += 1;
      stack.push(CELL_END, ' ');
    }
    if (BLOCK_TAGS.has(tag)) {
      parts.push(openCells > 0 ? ' ' : '\n\n');
      stack.push('\n\n');
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  }
  return parts
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface HeadMetadata {
  title?: string;
  siteName?: string;
  author?: string;
  canonicalUrl?: string;
  language?: string;
}

function readMetadata(document: Document, pageUrl?: string): HeadMetadata {
  // One walk for every name: a querySelector per name walked the whole page for each name it lacks.
  const { metas } = pageIndex(document);
  const metaContent = (...names: string[]): string | undefined => {
    for (const name of names) {
      // The first `meta[property="name"], meta[name="name"]`, as the selector would pick it.
      const el = metas.find(
        (meta) => meta.getAttribute('property') === name || meta.getAttribute('name') === name,
      );
      const value = el?.getAttribute('content')?.trim();
      if (value) return value;
    }
    return undefined;
  };
  const ld = readJsonLd(document);
  const canonicalHref = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined;
  return {
    title: firstText(
      ld.headline,
      metaContent('og:title', 'twitter:title'),
      document.querySelector('title')?.textContent ?? undefined,
    ),
    siteName: firstText(metaContent('og:site_name', 'application-name'), ld.publisher),
    author: firstText(ld.author, metaContent('author', 'article:author', 'parsely-author')),
    canonicalUrl: resolveUrl(firstText(canonicalHref, metaContent('og:url'), ld.url), pageUrl),
    language: document.documentElement?.getAttribute('lang')?.trim() || undefined,
  };
}

interface JsonLdArticle {
  headline?: string;
  author?: string;
  publisher?: string;
  url?: string;
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|WebPage|OpinionNewsArticle)$/;

function readJsonLd(document: Document): JsonLdArticle {
  for (const data of jsonLdBlocks(document)) {
    const found = findArticleNode(data);
    if (found) {
      return {
        headline: asText(found.headline) ?? asText(found.name),
        author: nameOf(found.author),
        publisher: nameOf(found.publisher),
        url:
          asText(found.url) ??
          asText((found.mainEntityOfPage as Record<string, unknown> | undefined)?.['@id']),
      };
    }
  }
  return {};
}

function findArticleNode(data: unknown, depth = 0): Record<string, unknown> | undefined {
  if (depth > 4 || data === null || typeof data !== 'object') return undefined;
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findArticleNode(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const node = data as Record<string, unknown>;
  const types = ([] as unknown[]).concat(node['@type'] ?? []);
  if (types.some((type) => typeof type === 'string' && ARTICLE_TYPES.test(type)) && types[0] !== 'WebPage')
    return node;
  return findArticleNode(node['@graph'], depth + 1);
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((name): name is string => Boolean(name));
    return names.length > 0 ? names.join(', ') : undefined;
  }
  if (value && typeof value === 'object') return asText((value as Record<string, unknown>).name);
  return undefined;
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function firstText(...values: (string | undefined | null)[]): string | undefined {
  for (const value of values) {
    const text = value?.replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return undefined;
}

function resolveUrl(href: string | undefined, base?: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
