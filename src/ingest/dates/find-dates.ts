import { withPageIndex } from '../page-index.ts';
import type { DateSource, FoundDate } from './date-value.ts';
import { frequentDate } from './frequent-dates.ts';
import {
  attributeDate,
  itempropDate,
  jsonLdDates,
  type MetaDates,
  metaDates,
  type PageDates,
  scriptDate,
} from './machine-dates.ts';
import { urlDate, urlMonth } from './url-dates.ts';
import { bylineDate, headDate, labelledDate, textDate, timeElementDate } from './visible-dates.ts';
import { localDay } from './zone-dates.ts';

/** What the finder needs besides the document: the page's URL and the time it was fetched. */
export interface FindDatesOptions {
  url?: string;
  /** The fetch time: relative dates count back from it, and nothing after it is a publication date. */
  reference: Date;
}

/** How far back a page's shown date may sit behind a generic "date" meta and still be the same article's. */
const GENERIC_SLACK_DAYS = 31;

/** Sources that write an instant, which may be on UTC's calendar rather than the publisher's. */
const MACHINE_SOURCES = new Set<DateSource>(['json-ld', 'meta', 'itemprop', 'attribute', 'script', 'time']);

/**
 * Finds the publication and modification dates of a page the way htmldate does: the page's own
 * machine-readable claims first (JSON-LD, meta tags, itemprop, `<time datetime>`), then the URL path, then
 * visible bylines and datelines. Comments, footers and copyright lines never count.
 */
export function findPageDates(document: Document, options: FindDatesOptions): PageDates {
  return withPageIndex(document, () => findDates(document, options));
}

function findDates(document: Document, options: FindDatesOptions): PageDates {
  const { reference } = options;
  const language = pageLanguage(document);
  const fromLd = jsonLdDates(document, reference);
  const fromMeta = metaDates(document, reference);
  const modified = fromLd.modified ?? fromMeta.modified ?? itempropDate(document, 'datemodified', reference);
  const shown = shownDates(document, reference, language);
  // A full date in the URL path is fixed when the article is first published; meta dates get rewritten
  // on edits and are often in UTC, a day off the date the outlet printed.
  let published =
    urlDate(options.url, reference) ??
    urlDate(canonicalUrl(document, options.url), reference) ??
    machinePublished(fromLd, fromMeta, shown) ??
    itempropDate(document, 'datepublished', reference) ??
    // Microdata of a CreativeWork that is not an article (a video's upload, a page's creation).
    itempropDate(document, 'datecreated', reference) ??
    itempropDate(document, 'uploaddate', reference) ??
    // A publication key in the page's script state is machine-written too: on the tuning pages where it and
    // a byline or the first dated text disagree, it was right 22 times to their 14.
    scriptDate(document, reference) ??
    // Publication-named data attributes and microformats: a walk over every element, so after the cheap reads.
    attributeDate(document, reference) ??
    labelledDate(document, reference, language) ??
    shown.tagged() ??
    headDate(document, reference, language) ??
    shown.text() ??
    // htmldate's reserve, the last edit, comes after the date the markup repeats: on the 44 tuning pages
    // where the two differ the repeated date was the labelled one 33 times, the edit 8 times.
    frequentDate(document, reference) ??
    modified;
  if (published && MACHINE_SOURCES.has(published.from)) published = localDay(document, published);
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

/**
 * The page's language: `<html lang>`, else XHTML's `xml:lang`, else a language meta tag or `og:locale`
 * (de_DE). About one page in seven states it only in the latter places, and the language decides how
 * "02/10/2020" and Latin-script month names are read.
 */
function pageLanguage(document: Document): string | undefined {
  const root = document.documentElement;
  const stated = root?.getAttribute('lang') || root?.getAttribute('xml:lang');
  if (stated) return stated;
  const meta = document.head?.querySelector(
    'meta[http-equiv="content-language" i], meta[name="language" i], meta[property="og:locale" i]',
  );
  // og:locale writes nn_NO; the language readers take BCP 47's nn-NO.
  return meta?.getAttribute('content')?.split(',')[0]?.trim().replace(/_/g, '-') || undefined;
}

/**
 * The page's canonical address (`<link rel="canonical">`, else `og:url`), resolved against its own: a
 * syndicated copy keeps the dated path of the original there.
 */
function canonicalUrl(document: Document, url?: string): string | undefined {
  // Both belong in the head; searching only there spares two walks over the whole page.
  const head = document.head;
  const href =
    head?.querySelector('link[rel="canonical" i]')?.getAttribute('href') ??
    head?.querySelector('meta[property="og:url" i]')?.getAttribute('content');
  if (!href) return undefined;
  try {
    return new URL(href, url).href;
  } catch {
    return undefined;
  }
}

/** The dates a reader sees, each read once and only when asked for. */
interface ShownDates {
  /** The article's `<time>` element's date. */
  time(): FoundDate | undefined;
  /** A `<time>` element's or a byline's date. */
  tagged(): FoundDate | undefined;
  /** The first date in the article's short texts. */
  text(): FoundDate | undefined;
}

function shownDates(document: Document, reference: Date, language?: string): ShownDates {
  const once = <T>(read: () => T) => {
    let done = false;
    let value: T;
    return () => {
      if (!done) [done, value] = [true, read()];
      return value;
    };
  };
  const time = once(() => timeElementDate(document, reference, language));
  return {
    time,
    tagged: once(() => time() ?? bylineDate(document, reference, language)),
    text: once(() => textDate(document, reference, language)),
  };
}

/**
 * The publication date of the page's machine-readable claims. When JSON-LD and the meta tags disagree,
 * the one the reader is shown wins (the other is often a UTC instant a day off, or a re-publication);
 * a lone meta tag gives way to the article's `<time>`, and a generic "date" meta to an earlier
 * day the article itself shows.
 */
function machinePublished(ld: PageDates, meta: MetaDates, shown: ShownDates): FoundDate | undefined {
  if (ld.published && meta.published && ld.published.day !== meta.published.day) {
    const seen = (shown.tagged() ?? shown.text())?.day;
    return seen === meta.published.day ? meta.published : ld.published;
  }
  if (ld.published || !meta.published) return ld.published;
  // Where a lone meta tag and the article's own <time> disagree, the <time> wins: it is right on
  // 99 of the 101 tuning pages that have one, the meta publication date on 165 of 178.
  if (!meta.generic) {
    // Within a month only: a <time> years off is a date the text quotes ("signed on 1 March 2019").
    const time = shown.time();
    const apart = time ? Math.abs(Date.parse(meta.published.day) - Date.parse(time.day)) : Infinity;
    return time && time.day !== meta.published.day && apart <= GENERIC_SLACK_DAYS * 86_400_000
      ? time
      : meta.published;
  }
  const seen = shown.tagged();
  const behind = seen ? Date.parse(meta.published.day) - Date.parse(seen.day) : 0;
  return seen && behind > 0 && behind <= GENERIC_SLACK_DAYS * 86_400_000 ? seen : meta.published;
}

/** The source names a stored date may carry, and the page's dates, re-exported for callers. */
export type { DateSource, FoundDate } from './date-value.ts';
export type { PageDates } from './machine-dates.ts';
export { urlDate } from './url-dates.ts';
