import { type FoundDate, plausible } from './date-value.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** A path like the Guardian's /2026/nov/20/, with the month's short English name. */
const MONTH_NAMED = new RegExp(
  `/((?:19|20)\\d{2})/(${MONTHS.join('|')})/(0?[1-9]|[12]\\d|3[01])(?=$|/)`,
  'i',
);

/** A full date in the URL path: /2026/11/20/, /2026-11-20-, /20261120/, /2026/nov/20/. */
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
  const named = match ? undefined : MONTH_NAMED.exec(path);
  const parts =
    match ??
    (named && [named[0], named[1], String(MONTHS.indexOf(named[2]?.toLowerCase() ?? '') + 1), named[3]]);
  if (!parts) return undefined;
  const [, y, m, d] = parts;
  const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const time = Date.parse(`${day}T00:00:00Z`);
  return plausible(time, reference) ? { iso: new Date(time).toISOString(), day, from: 'url' } : undefined;
}

/** The YYYY-MM of a URL path that holds a year and month but no day (/2018/08/slug). */
export function urlMonth(url: string | undefined): string | undefined {
  const match = /\/((?:19|20)\d{2})\/(0[1-9]|1[0-2])\/(?!\d)/.exec(url ?? '');
  return match ? `${match[1]}-${match[2]}` : undefined;
}
