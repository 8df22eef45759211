import { distance } from 'fastest-levenshtein';

/**
 * Wall-clock arithmetic in IANA time zones with nothing but Intl, so a digest set for 08:00 Europe/London
 * fires at 08:00 local time whatever the UTC offset is that day.
 */

import { dateFormatter } from '../src/core/text/date-format.ts';

const DAY_MS = 86_400_000;
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return dateFormatter('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/**
 * Zone abbreviations people type, as the zone they mean. ICU accepts some of them as legacy links to the
 * wrong place (`EST` is America/Panama, with no daylight saving, so a New York digest would drift an hour
 * each summer; `BST` is Asia/Dhaka; `MST` is Phoenix), and refuses the rest (`ET`, `EDT`, `AEST`). A US
 * policy team's `9am ET` means New York time, summer or winter; `CST` is read as US Central, the reading
 * of most users of a policy bot (the reply names the zone, so a China Standard Time user sees it).
 */
const ZONE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ...(['ET', 'EST', 'EDT'] as const).map((a) => [a, 'America/New_York'] as const),
  ...(['CT', 'CST', 'CDT'] as const).map((a) => [a, 'America/Chicago'] as const),
  ...(['MT', 'MST', 'MDT'] as const).map((a) => [a, 'America/Denver'] as const),
  ...(['PT', 'PST', 'PDT'] as const).map((a) => [a, 'America/Los_Angeles'] as const),
  ...(['AKST', 'AKDT'] as const).map((a) => [a, 'America/Anchorage'] as const),
  ['HST', 'Pacific/Honolulu'],
  ['BST', 'Europe/London'],
  ...(['CET', 'CEST', 'MET', 'MEST'] as const).map((a) => [a, 'Europe/Brussels'] as const),
  ...(['EET', 'EEST'] as const).map((a) => [a, 'Europe/Athens'] as const),
  ...(['WET', 'WEST'] as const).map((a) => [a, 'Europe/Lisbon'] as const),
  ['JST', 'Asia/Tokyo'],
  ['KST', 'Asia/Seoul'],
  ['HKT', 'Asia/Hong_Kong'],
  ['SGT', 'Asia/Singapore'],
  ...(['AEST', 'AEDT'] as const).map((a) => [a, 'Australia/Sydney'] as const),
  ...(['ACST', 'ACDT'] as const).map((a) => [a, 'Australia/Adelaide'] as const),
  ['AWST', 'Australia/Perth'],
  ...(['NZST', 'NZDT'] as const).map((a) => [a, 'Pacific/Auckland'] as const),
]);

/** Abbreviations that name several zones, with the zones to choose from. */
const AMBIGUOUS_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['IST', 'India, Ireland or Israel: use Asia/Kolkata, Europe/Dublin or Asia/Jerusalem'],
  ['AST', 'Atlantic or Arabia: use America/Halifax or Asia/Riyadh'],
]);

/** The zone an abbreviation such as `EST` or `CET` is read as, if it is one we read. */
export function zoneOfAbbreviation(name: string): string | undefined {
  return ZONE_ABBREVIATIONS.get(name.trim().toUpperCase());
}

/** What an ambiguous abbreviation (`IST`) may mean, for the message that refuses it; else undefined. */
export function ambiguousAbbreviation(name: string): string | undefined {
  return AMBIGUOUS_ABBREVIATIONS.get(name.trim().toUpperCase());
}

/**
 * The canonical spelling of an IANA time zone (`europe/london` → `Europe/London`), or of the zone a common
 * abbreviation means (`EST` → `America/New_York`); undefined if unknown or ambiguous (`IST`).
 */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  const abbreviated = zoneOfAbbreviation(trimmed);
  if (abbreviated) return abbreviated;
  if (ambiguousAbbreviation(trimmed)) return undefined;
  // Intl also accepts offsets such as +01:00; those have no DST rules, so they are not time zones here.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(trimmed)) return undefined;
  try {
    // The shared formatter cache: every schedule check re-validates each subscription's zone, and building
    // a formatter costs far more than asking one (an unknown zone throws before anything is kept).
    return dateFormatter('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Up to three known zone names that look like a misspelt one, for a helpful error message. */
export function suggestTimeZones(name: string): string[] {
  const wanted = name.trim().toLowerCase();
  const city = wanted.split('/').pop() ?? wanted;
  const zones = Intl.supportedValuesOf('timeZone');
  const scored = zones.map((zone) => {
    const lower = zone.toLowerCase();
    const zoneCity = lower.split('/').pop() ?? lower;
    return { zone, distance: Math.min(distance(wanted, lower), distance(city, zoneCity)) };
  });
  scored.sort((a, b) => a.distance - b.distance);
  return scored
    .filter((s) => s.distance <= Math.max(2, city.length / 3))
    .slice(0, 3)
    .map((s) => s.zone);
}

/** The wall-clock reading of an instant in a zone, as milliseconds on a UTC-based scale. */
function wallMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** The zone's UTC offset at an instant, in milliseconds (London in summer: +3,600,000). */
export function offsetAt(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return wallMs(whole, timeZone) - whole;
}

/** The local calendar date of an instant in a zone, as `YYYY-MM-DD`. */
export function localDateOf(instant: Date, timeZone: string): string {
  return new Date(wallMs(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** The local time of day of an instant in a zone, as `HH:MM`. */
export function localTimeOf(instant: Date, timeZone: string): string {
  return new Date(wallMs(instant.getTime(), timeZone)).toISOString().slice(11, 16);
}

/** Adds whole calendar days to a `YYYY-MM-DD` date. */
export function addDays(localDate: string, days: number): string {
  return new Date(Date.parse(`${localDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of a calendar date: 0 is Sunday, 6 is Saturday. */
export function weekdayOf(localDate: string): number {
  return new Date(`${localDate}T00:00:00Z`).getUTCDay();
}

/**
 * The instant a local date and time happen in a zone.
 * A time skipped by a spring-forward change happens as soon as the clocks have jumped (01:30 → 02:30 BST);
 * a time that occurs twice on a fall-back day happens at its first occurrence. Either way: once a day.
 */
export function zonedInstant(localDate: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${localDate}T${time}:00Z`);
  if (Number.isNaN(wall)) throw new RangeError(`not a local date and time: ${localDate} ${time}`);
  // Offsets a day either side bracket any change of offset that can touch this wall-clock time.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([wall - before, wall - after])]
    .filter((instant) => wallMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? wall - before);
}
