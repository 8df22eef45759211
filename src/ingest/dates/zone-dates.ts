import { pageIndex } from '../page-index.ts';
import { type FoundDate, utcDay } from './date-value.ts';

/**
 * A timestamp to the second at the start of a window, with its zone when it has one:
 * 2020-02-24T21:25:54-05:00, 2023-11-08 18:09:55.
 */
const TIMESTAMP =
  /^((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.\d+)?(Z|[+-]\d\d(?::?\d\d)?)?(?!\d)/;
/** "YYYY-MM-DDTHH" before a timestamp's ":MM:SS". */
const HEAD_CHARS = 13;
/** The widest gaps between a local clock and UTC: Kiribati is UTC+14, Baker Island UTC-12. */
const MAX_OFFSET_MS = 14 * 3600_000;
const MIN_OFFSET_MS = -12 * 3600_000;
/** A zoneless clock counts only a whole or half hour away, the same minute and second (India is UTC+5:30). */
const HALF_HOUR_MS = 30 * 60_000;
/** Enough of a page's meta contents, `<time>`s and JSON-LD to find the same instant written twice. */
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
  const stamps = stampsLike(document, new Date(instant));
  // The page must write the instant in UTC itself (Z, +00:00): a zoneless value read as UTC may be local.
  if (!stamps.some(({ wall, offset }) => offset === 0 && wall === instant)) return date;
  // A zoneless clock that reads the instant itself says the page's clock is UTC: nothing to move.
  if (stamps.some(({ wall, offset }) => offset === undefined && wall === instant)) return date;
  // A round minute (":00" seconds, as date-only values are written) matches too many other clocks to prove
  // anything about a zoneless one; a zoned one still has to name the same instant.
  const roundMinute = instant % 60_000 === 0;
  for (const { day, wall, offset: zone } of stamps) {
    if (day === date.day || (zone === undefined && roundMinute)) continue;
    const offset = zone ?? wall - instant;
    // A zoned timestamp must be the same instant; a zoneless one must sit a plausible offset away.
    const same = zone !== undefined ? wall - zone === instant : offset % HALF_HOUR_MS === 0;
    if (same && offset !== 0 && offset <= MAX_OFFSET_MS && offset >= MIN_OFFSET_MS) return { ...date, day };
  }
  return date;
}

/** A written zone (`Z`, `+01`, `-05:00`, `+0530`) as milliseconds east of UTC. */
function zoneOffsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  // `+01` (hours only) is an offset too, as date-value.ts reads it.
  const [, sign, hours, minutes = '0'] = /^([+-])(\d\d)(?::?(\d\d))?$/.exec(zone) ?? [];
  const value = (Number(hours) * 60 + Number(minutes)) * 60_000;
  return sign === '-' ? -value : value;
}

/** A timestamp read from the page: its calendar day, its wall clock as if UTC, and its offset when written. */
interface Stamp {
  day: string;
  wall: number;
  offset?: number;
}

/**
 * The timestamps in the page's machine-written text (meta contents, `<time datetime>`s and JSON-LD) that
 * could be the instant: only those with its second and its minute or the minute half an hour
 * away, found by searching for ":MM:SS" rather than reading every timestamp of a large script state.
 */
function stampsLike(document: Document, instant: Date): Stamp[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const second = pad(instant.getUTCSeconds());
  const needles = [instant.getUTCMinutes(), (instant.getUTCMinutes() + 30) % 60].map(
    (minute) => `:${pad(minute)}:${second}`,
  );
  const stamps: Stamp[] = [];
  let scanned = 0;
  for (const text of machineTexts(document)) {
    scanned += text.length;
    if (scanned > SCAN_CHARS) break;
    for (const needle of needles) {
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        const match = TIMESTAMP.exec(text.slice(Math.max(0, at - HEAD_CHARS), at + 40));
        if (!match) continue;
        const [, y, mo, d, h, mi, s, zone] = match;
        const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
        stamps.push({ day: `${y}-${mo}-${d}`, wall, ...(zone ? { offset: zoneOffsetMs(zone) } : {}) });
      }
    }
  }
  return stamps;
}

/** The page's machine-written texts: meta contents, `<time datetime>`s and JSON-LD blocks. */
function* machineTexts(document: Document): Generator<string> {
  const index = pageIndex(document);
  for (const meta of index.metaLike) yield meta.getAttribute('content') ?? '';
  for (const time of index.times) yield time.getAttribute('datetime') ?? '';
  // JSON-LD only: a large script state costs more to search than the pages it would date (none on the tune half).
  for (const script of index.jsonLd) yield script.textContent ?? '';
}
