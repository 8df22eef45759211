import { type FoundDate, plausible } from './date-value.ts';

/** Year-first numeric dates (2021-05-03, 2021/05/03, 2021.05.03) and day-first dotted ones (3.5.2021). */
const YEAR_FIRST = /(?<![\d/.-])((?:19|20)\d\d)([-/.])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)/g;
const DAY_FIRST = /(?<![\d.])(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.((?:19|20)\d\d)(?!\d)/g;
/** Enough of a large page to find its dates without serialising megabytes of markup. */
const SCAN_CHARS = 500_000;

/** A date written once may be any event's (a sentence, a build stamp); one the markup repeats is the page's. */
const MIN_REPEATS = 2;

/**
 * The last resort, after htmldate's "extensive" search: the numeric date the page's markup repeats most
 * often (attributes and scripts included), the first written on ties. Pages rendered by script keep
 * their dates only there.
 */
export function frequentDate(document: Document, reference: Date): FoundDate | undefined {
  const html = (document.documentElement?.outerHTML ?? '').slice(0, SCAN_CHARS);
  const counts = new Map<string, number>();
  const add = (y: string, m: string, d: string) => {
    const day = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    if (plausible(Date.parse(`${day}T00:00:00Z`), reference)) counts.set(day, (counts.get(day) ?? 0) + 1);
  };
  for (const [, y = '', , m = '', d = ''] of html.matchAll(YEAR_FIRST)) add(y, m, d);
  for (const [, d = '', m = '', y = ''] of html.matchAll(DAY_FIRST)) add(y, m, d);
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  if (!best || best[1] < MIN_REPEATS) return undefined;
  const time = Date.parse(`${best[0]}T00:00:00Z`);
  return { iso: new Date(time).toISOString(), day: best[0], from: 'text' };
}
