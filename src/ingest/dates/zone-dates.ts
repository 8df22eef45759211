import { pageIndex } from '../page-index.ts';
import { type FoundDate, utcDay } from './date-value.ts';

/** A timestamp to the second, with its zone when it has one: 2020-02-24T21:25:54-05:00, 2023-11-08 18:09:55. */
const TIMESTAMP =
  /((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?(?!\d)/g;
/** The widest gap between a local clock and UTC (Kiribati is UTC+14). */
const MAX_OFFSET_MS = 14 * 3600_000;
/** A zoneless clock counts only a whole or half hour away, the same minute and second (India is UTC+5:30). */
const HALF_HOUR_MS = 30 * 60_000;
/** Enough of a page's scripts and attributes to find the same instant written twice. */
const SCAN_CHARS = 300_000;

/**
 * The publication date on the publisher's own calendar day. A date written as a UTC instant
 * (`2020-02-25T02:25:54Z`) is a day off for an evening story in New York; when the page writes that same
 * instant, to the second, with its local offset (`2020-02-24T21:25:54-05:00`) or as a zoneless wall-clock time
 * a whole or half hour away to the second (`2020-02-24 21:25:54`), the local day is the one the outlet printed.
 * A date that matches no other timestamp to the second is left as it is: a shown date's day is no proof of
 * a zone (a site clock or a teaser is as close).
 */
export function localDay(document: Document, date: FoundDate): FoundDate {
  const instant = Date.parse(date.iso);
  // Only a date read on UTC's calendar can be a day off in this way.
  if (!Number.isFinite(instant) || date.day !== utcDay(instant)) return date;
  const stamps = Array.from(machineText(document).matchAll(TIMESTAMP), (match) => {
    const [, y, mo, d, h, mi, s, zone] = match;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    return { day: `${y}-${mo}-${d}`, wall, offset: zone ? zoneOffsetMs(zone) : undefined };
  });
  // The page must write the instant in UTC itself (Z, +00:00): a zoneless value read as UTC may be local.
  if (!stamps.some(({ wall, offset }) => offset === 0 && wall === instant)) return date;
  for (const { day, wall, offset: zone } of stamps) {
    if (day === date.day) continue;
    const offset = zone ?? wall - instant;
    // A zoned timestamp must be the same instant; a zoneless one must sit a plausible offset away.
    const same = zone !== undefined ? wall - zone === instant : offset % HALF_HOUR_MS === 0;
    if (same && offset !== 0 && Math.abs(offset) <= MAX_OFFSET_MS) return { ...date, day };
  }
  return date;
}

function zoneOffsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const [, sign, hours, minutes] = /^([+-])(\d\d):?(\d\d)$/.exec(zone) ?? [];
  const value = (Number(hours) * 60 + Number(minutes)) * 60_000;
  return sign === '-' ? -value : value;
}

/** The page's machine-written text: meta contents, `<time datetime>`s and inline scripts (JSON-LD included). */
function machineText(document: Document): string {
  const index = pageIndex(document);
  const parts: string[] = [];
  let length = 0;
  const add = (text: string | null) => {
    if (!text || length > SCAN_CHARS) return;
    parts.push(text);
    length += text.length;
  };
  for (const meta of index.metaLike) add(meta.getAttribute('content'));
  for (const time of index.times) add(time.getAttribute('datetime'));
  for (const script of index.inlineScripts) add(script.textContent);
  return parts.join('\n');
}
