import type { FoundDate } from './date-value.ts';
import { itempropDate, jsonLdDates, metaDates, type PageDates } from './machine-dates.ts';
import { urlDate, urlMonth } from './url-dates.ts';
import { bylineDate, headDate, textDate, timeElementDate } from './visible-dates.ts';

/** What the finder needs besides the document: the page's URL and the time it was fetched. */
export interface FindDatesOptions {
  url?: string;
  /** The fetch time: relative dates count back from it, and nothing after it is a publication date. */
  reference: Date;
}

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

/** The source names a stored date may carry, and the page's dates, re-exported for callers. */
export type { DateSource, FoundDate } from './date-value.ts';
export type { PageDates } from './machine-dates.ts';
export { urlDate } from './url-dates.ts';
