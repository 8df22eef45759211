import { pageIndex } from '../page-index.ts';
import { type FoundDate, parseDateValue, parseHumanDate, WORTH_PARSING } from './date-value.ts';

/** Class or id words of comment blocks: a comment's date is never the article's. */
const COMMENTS = /^(?:comment|respond|repl(?:y|ies)|disqus|kommentar)/i;
/**
 * Class or id words of sidebars, related-link and most-read lists, whose dates belong to other articles, also
 * as a segment of a namespaced name ("pane-aclu-blog-related-stories", "article-mostviewed").
 */
const ASIDES =
  /^(?:sidebar|related)|(?:^|-)(?:related|most-?(?:viewed|read|popular|commented)|recommended)(?:-|$)/i;
/** A theme's namespaced comment or related block ("kb-comment", "post-related"), prefixed as BEM writes it. */
const PREFIXED_BLOCK = /^[a-z]+-(?:comments?|comment-list|related(?:-\w+)?)$/i;
/** A state word on the article itself ("no-comments", "has-comments") names no comment block. */
const STATE_PREFIX = /^(?:no|has|show|open)-/i;
const NOT_ARTICLE_TAGS = new Set(['NAV', 'ASIDE']);
/** A news ticker, the bar above the site's header (a clock shows today's date) or a teaser linking to another post. */
const SITE_BAR = /(?:^|-)(?:ticker|top-?bar|top-?menu|teaser)(?:-|$)/i;
/** Class or id words of the site's header and its bars (a clock shows today's date there). */
const HEADER_WORD = /^(?:masthead|(?:[a-z]+-)?(?:site-?header|header-?(?:bar|top|date))(?:-[a-z]+)*)$/i;
/** Class, id or itemprop hints of a byline or dateline. */
const BYLINE_HINT =
  /date|datum|time|zeit|byline|subline|posted|publi|parution|veroeffentlicht|meta|info|submitted|created|authored|release|fecha|autor|author|stamp|stand|calendar|clock/i;
const COPYRIGHT = /©|\bcopyright\b|\(c\)\s*\d{4}|alle rechte|all rights/i;
const UPDATED = /updat|modif|aktualisiert|geändert|mis à jour/i;

/**
 * Whether class and id words mark a last-edit date. hAtom's bare `updated` beside a publication word
 * ("entry-date published updated", "entry-meta-date updated", as WordPress themes write the post's date)
 * marks the publication date, whose hAtom entry needs both; "updated-date" or "date--update" alone does not.
 */
function namesUpdate(hint: string): boolean {
  if (!UPDATED.test(hint)) return false;
  const words = hint.split(/\s+/).filter(Boolean);
  const others = words.filter((word) => word.toLowerCase() !== 'updated');
  const hAtom = others.length < words.length && others.some((word) => /date|publi|posted/i.test(word));
  return !hAtom || others.some((word) => UPDATED.test(word));
}

/** The first `<time>` in the article, or the one marked as the publication time. */
export function timeElementDate(
  document: Document,
  reference: Date,
  language?: string,
): FoundDate | undefined {
  let first: FoundDate | undefined;
  for (const time of pageIndex(document).times.slice(0, 50)) {
    if (outsideArticle(time)) continue;
    const hints = `${time.getAttribute('class') ?? ''} ${time.getAttribute('itemprop') ?? ''}`;
    if (namesUpdate(hints) || labelledUpdate(time)) continue;
    // An empty datetime="" (a script fills it in later) leaves the shown text to read: as written first
    // ("1<sup>er</sup> mars 2024", "<b>12</b>.03.2024" must stay whole), then spaced between its nodes,
    // for a date and a clock in side-by-side spans ("April 25, 2023" "2:26 PM" glue into "20232:26").
    const machine = time.getAttribute('datetime')?.trim();
    // Read in the page's language: "02/11/2023" in a French <time> is 2 November, not February 11.
    const shown = (text: string) => parseHumanDate(text, 'time', reference, { language });
    const date = machine
      ? parseDateValue(machine, 'time', reference)
      : (shown(time.textContent ?? '') ?? shown(spacedText(time)));
    if (!date) continue;
    // A <time pubdate> or one marked as the publication time is the one; otherwise the first in the article.
    if (time.hasAttribute('pubdate') || /publish|entry-date|posted/i.test(hints)) return date;
    first ??= date;
  }
  return first;
}

/** Whether the text right before a `<time>` (up to the previous element) labels it an edit ("Updated", "Aktualisiert am"). */
function labelledUpdate(time: Element): boolean {
  let before = '';
  for (
    let node = time.previousSibling;
    node && node.nodeType === 3 && before.length < 40;
    node = node.previousSibling
  )
    before = `${node.textContent ?? ''}${before}`;
  return UPDATED.test(before.slice(-40));
}

/** The first full date in a small block whose class or id names a byline or date. */
export function bylineDate(
  document: Document,
  reference: Date,
  language?: string,
  accept: (date: FoundDate) => boolean = () => true,
): FoundDate | undefined {
  let checked = 0;
  for (const element of Array.from(document.querySelectorAll('[class], [id], abbr[title]'))) {
    const hint = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    if (!BYLINE_HINT.test(hint) || namesUpdate(hint)) continue;
    // A byline is a small block; reading the text of a "main-info" wrapper would read the whole page.
    if (element.childElementCount > 8) continue;
    const text = spacedText(element);
    if (!text || text.length > 160 || COPYRIGHT.test(text) || outsideArticle(element)) continue;
    // hAtom's "updated" beside a date class marks a publication date, unless the byline itself says edited.
    if (/\bupdated\b/i.test(hint) && UPDATED.test(text)) continue;
    if (++checked > 80) break;
    // "3 hours ago" is a byline's whole text; inside longer text a relative word is prose ("today's vote").
    const date = parseHumanDate(text, 'byline', reference, { language, allowRelative: text.length <= 40 });
    if (date && accept(date)) return date;
  }
  return undefined;
}

/**
 * An element's text with a space between its text nodes: `textContent` glues a published and an updated
 * `<time>` side by side into "15. April 2016Samstag, 4. März 2017", which reads as neither date.
 */
function spacedText(element: Element): string {
  const walker = element.ownerDocument.createTreeWalker(element, 4);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/**
 * Words that introduce a publication date on a page ("Datum:", "Stand:", "Erstellt am", "Published",
 * "Pressemitteilung vom", and the same words in Dutch, Scandinavian, Polish, Czech, Romanian and Turkish):
 * a date behind one is the page's own, where a date in running text may be any.
 */
const PUBLICATION_LABEL =
  /^[[(]?\s*(?:published|posted|date|datum|stand|veröffentlicht|erstellt|publiziert|erschienen|publié|publicado|pubblicato|(?:presse|fach)?(?:mitteilung|meldung)|artikel|beitrag|fecha|gepubliceerd|geplaatst|publicerad|publiceret|publisert|opublikowano|publikováno|publicat|yayınlanma(?: tarihi)?)(?![\p{L}])(?:\s+(?:am|on|le|el|il|vom|em|op|den|dne))?\s*:?/iu;

/** The first date behind a publication label, in the article (not comments, navigation or sidebars). */
export function labelledDate(document: Document, reference: Date, language?: string): FoundDate | undefined {
  const body = document.body;
  if (!body) return undefined;
  const walker = document.createTreeWalker(body, 4);
  let seen = 0;
  for (let node = walker.nextNode(); node && seen < 3000; node = walker.nextNode(), seen++) {
    const raw = node.textContent ?? '';
    if (raw.length > 400) continue;
    const text = raw.replace(/\s+/g, ' ').trim();
    if (text.length > 80 || !PUBLICATION_LABEL.test(text)) continue;
    const parent = node.parentElement;
    if (!parent || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(parent.tagName) || outsideArticle(parent))
      continue;
    const dated = WORTH_PARSING.test(text);
    // A label word that ends a sentence ("... in der Zeitung erschienen.") introduces no date.
    if (!dated && text.endsWith('.')) continue;
    // A bare label ("Datum:") has its date in the next element: read the label's block instead.
    const block = dated ? text : parent.parentElement ? spacedText(parent.parentElement) : '';
    if (block.length > 120 || COPYRIGHT.test(block)) continue;
    const date = parseHumanDate(block, 'byline', reference, { language, allowRelative: block.length <= 40 });
    if (date) return date;
  }
  return undefined;
}

/** A date the page's title or description states ("Fachmeldung vom 18.10.2021", "08.11.2021 | Fachtag"). */
export function headDate(document: Document, reference: Date, language?: string): FoundDate | undefined {
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
export function textDate(
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
    const whole = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    // A long paragraph counts only by its dateline: "27.1.2022 - Bei der Erinnerung ...".
    const text = whole.length > 200 ? (DATELINE.exec(whole.slice(0, 80))?.[1] ?? '') : whole;
    if (text.length < 6 || !WORTH_PARSING.test(text)) continue;
    const parent = node.parentElement;
    if (!parent || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(parent.tagName)) continue;
    texts.push({ node, text });
  }
  // linkedom's compareDocumentPosition calls a text before an element "following" it, so this keeps every
  // text in practice: the rules were tuned on that, and reading only texts after the headline let a caption
  // below it beat the kicker's date above it (docs/dates.md, round 7, reverted).
  const afterHeadline = headline
    ? texts.filter(({ node }) => headline.compareDocumentPosition(node) & 4)
    : [];
  // Sidebars are skipped at first; some themes put the article's own date in a "sidebar" column, so a
  // second pass lets them in (comments never).
  // A date standing alone (a dateline) is read before one inside a sentence, which may be any event's.
  const isShort = ({ text }: { text: string }) => text.length <= SHORT_TEXT;
  const short = texts.filter(isShort);
  const passes: [typeof texts, boolean][] = [
    [afterHeadline.slice(0, 15).filter(isShort), true],
    [afterHeadline.slice(0, 15), true],
    [short, true],
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

/** The head of a paragraph set off by a dash or colon, where news agencies put place and date. */
const DATELINE = /^(.{6,60}?)\s[-–—:]\s/;

/** The longest text that is read as a dateline rather than a sentence (htmldate's segment bound). */
const SHORT_TEXT = 52;

/**
 * True inside comments and quotations (a blockquote holds an embedded tweet or Instagram post: its date is
 * the quoted item's), and (when strict) navigation, the site's header bars and sidebars, whose dates are
 * not the article's.
 */
export function outsideArticle(element: Element, strict = true): boolean {
  let node: Element | null = element;
  for (let depth = 0; node && depth < 30; depth++, node = node.parentElement) {
    if (node.tagName === 'BODY') return false;
    if (node.tagName === 'BLOCKQUOTE' || siteBlock(node, 'FOOTER')) return true;
    if (strict && (NOT_ARTICLE_TAGS.has(node.tagName) || siteBlock(node, 'HEADER'))) return true;
    const words = `${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`.split(/[\s_]+/);
    // An article's own classes name features, not blocks ("feature-ticker" on a WordPress post).
    const bar = strict && node.tagName !== 'ARTICLE';
    if (words.some((word) => COMMENTS.test(word) || (bar && SITE_BAR.test(word)))) return true;
    // A "sidebar-included" wrapper that holds the headline is the layout around the article, not a sidebar.
    // WordPress's post_class terms on the post itself ("category-recommended", "tag-related") name no block.
    const aside = words.some((word) => ASIDES.test(word) && !/^(?:category|tag)-/i.test(word));
    if (bar && aside && !holdsHeadline(node)) return true;
    if (words.some((word) => PREFIXED_BLOCK.test(word) && !STATE_PREFIX.test(word))) return true;
    // A header named by class ("site-header", "mh-header-bar", "header-date") is the site's like a <header>.
    // On the date element itself ("entry-header-date") the block to judge is its parent: a leaf never
    // holds the headline, so it would always look like the site's.
    const judged = node === element && node.parentElement?.tagName !== 'BODY' ? node.parentElement : node;
    if (strict && words.some((word) => HEADER_WORD.test(word)) && siteBlock(judged ?? node)) return true;
  }
  return false;
}

/**
 * Whether each block checked holds an `<h1>`, remembered: many texts share one wrapper, and each query walks
 * its subtree. Date finding reads a page without changing it.
 */
const headlineHolders = new WeakMap<Element, boolean>();

function holdsHeadline(element: Element): boolean {
  let holds = headlineHolders.get(element);
  if (holds === undefined) {
    holds = Array.from(element.querySelectorAll('h1')).some(isHeadline);
    headlineHolders.set(element, holds);
  }
  return holds;
}

/**
 * Whether an `<h1>` is a headline: old templates put the site's logo in one, empty or as the site's name
 * linking home (`<h1><a href="/">Deutschlandfunk</a></h1>`).
 */
function isHeadline(h1: Element): boolean {
  const text = (h1.textContent ?? '').trim();
  if (!text) return false;
  const link = h1.querySelector('a');
  const home = /^(?:https?:\/\/[^/]+)?\/?$/i.test(link?.getAttribute('href')?.trim() ?? 'x');
  return !(home && (link?.textContent ?? '').trim() === text);
}

/**
 * The site's own `<header>` or `<footer>` (outside the article, without the headline), whose dates are a
 * clock's, a ticker's or a legal notice's (a register entry "of 2 April 1999").
 */
function siteBlock(element: Element, tag?: 'HEADER' | 'FOOTER'): boolean {
  if (tag && element.tagName !== tag) return false;
  return !holdsHeadline(element) && !element.closest('article, main');
}
