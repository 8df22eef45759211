import * as chrono from 'chrono-node';

/** Where a date was found, for the eval's failure list and for tests. */
export type DateSource =
  | 'json-ld'
  | 'meta'
  | 'itemprop'
  | 'time'
  | 'url'
  | 'byline'
  | 'text'
  | 'feed'
  | 'sidecar';

/** A date found on a page: the instant (ISO 8601, UTC) and the calendar day as the page wrote it. */
export interface FoundDate {
  iso: string;
  /** YYYY-MM-DD in the page's own time zone: what a reader sees, and what htmldate's labels state. */
  day: string;
  from: DateSource;
}

/** Dates before the web's news sites existed are misreadings (a founding year, a law's date). */
const EARLIEST = Date.UTC(1995, 0, 1);
/** Clocks and time zones disagree by hours, never by days: a day's slack before calling a date "future". */
const FUTURE_SLACK_MS = 24 * 3600 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** True when the instant is neither before 1995 nor after the reference time (plus a day's slack). */
export function plausible(time: number, reference: Date): boolean {
  return Number.isFinite(time) && time >= EARLIEST && time <= reference.getTime() + FUTURE_SLACK_MS;
}

function found(time: number, day: string, from: DateSource, reference: Date): FoundDate | undefined {
  if (!plausible(time, reference)) return undefined;
  return { iso: new Date(time).toISOString(), day, from };
}

const ISO_LIKE =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i;

/**
 * Reads a machine-written date (a meta tag, JSON-LD, `datetime=`): ISO 8601 first, since that is what
 * nearly all of them hold, then whatever a human-date parser makes of it.
 */
export function parseDateValue(
  value: string | undefined,
  from: DateSource,
  reference: Date,
): FoundDate | undefined {
  const raw = value?.trim();
  if (!raw || raw.length > 80) return undefined;
  const iso = ISO_LIKE.exec(raw);
  if (iso) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = iso;
    const offset = zone && zone.toUpperCase() !== 'Z' ? zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z';
    const time = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
    return found(time, `${y}-${mo}-${d}`, from, reference);
  }
  if (/^\d{10}$/.test(raw)) {
    // Unix seconds, as some CMSs put in meta tags.
    const time = Number(raw) * 1000;
    const date = new Date(time);
    return found(time, date.toISOString().slice(0, 10), from, reference);
  }
  return parseHumanDate(raw, from, reference, { requireTime: false });
}

const CHRONO_REFERENCE = (instant: Date) => ({ instant, timezone: 'UTC' });

// Dotted numeric dates (20.11.2026) are day-first wherever they are written, so British English reads them.
const DOTTED = /\b\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})\b/;

const PARSERS = {
  en: chrono.en.casual,
  gb: chrono.en.GB,
  de: chrono.de.casual,
  fr: chrono.fr.casual,
  es: chrono.es.casual,
  it: chrono.it.casual,
  nl: chrono.nl.casual,
  pt: chrono.pt.casual,
  sv: chrono.sv.casual,
};

type ParserName = keyof typeof PARSERS;

function parserOrder(text: string, language?: string): ParserName[] {
  const order: ParserName[] = DOTTED.test(text) ? ['gb', 'de', 'en'] : ['en', 'gb', 'de'];
  const preferred = language?.slice(0, 2).toLowerCase() as ParserName | undefined;
  const rest: ParserName[] = ['fr', 'es', 'it', 'nl', 'pt', 'sv'];
  if (preferred && preferred in PARSERS && !order.includes(preferred)) order.unshift(preferred);
  for (const name of rest) if (!order.includes(name)) order.push(name);
  return order;
}

/** A year, a dotted short date or a relative phrase: text without one holds no full date worth parsing. */
const WORTH_PARSING =
  /(?:19|20)\d\d|\d\.\d\d?\.\d\d\b|\bago\b|\bvor\b|\bil y a\b|\bhace\b|yesterday|gestern|today|heute|hier|ayer/i;

/**
 * Reads a date a human wrote ("November 20, 2026 10:30 AM UTC", "20. November 2026", "3 hours ago") with
 * chrono in several languages, keeping the longest reading. Only a full date counts: a year it had to
 * guess, or a bare month, is not one.
 */
export function parseHumanDate(
  text: string,
  from: DateSource,
  reference: Date,
  options: { requireTime?: boolean; language?: string; allowRelative?: boolean } = {},
): FoundDate | undefined {
  const sample = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (!WORTH_PARSING.test(sample)) return undefined;
  let best: chrono.ParsedResult | undefined;
  for (const name of parserOrder(sample, options.language)) {
    for (const result of PARSERS[name].parse(sample, CHRONO_REFERENCE(reference))) {
      if (!fullDate(result, options.allowRelative ?? true)) continue;
      if (!best || result.text.length > best.text.length) best = result;
      break;
    }
  }
  if (!best) return undefined;
  if (options.requireTime && !best.start.isCertain('hour')) return undefined;
  const start = best.start;
  const day = `${start.get('year')}-${pad(start.get('month') ?? 1)}-${pad(start.get('day') ?? 1)}`;
  return found(start.date().getTime(), day, from, reference);
}

const RELATIVE = /\d+\s*\w+\s+ago|vor\s+\d+|il y a|hace|yesterday|gestern|today|heute|hier|ayer/i;

function fullDate(result: chrono.ParsedResult, allowRelative: boolean): boolean {
  const start = result.start;
  // Relative phrases ("3 hours ago") are full dates against the reference time, where they are allowed.
  if (RELATIVE.test(result.text)) return allowRelative;
  return start.isCertain('year') && start.isCertain('month') && start.isCertain('day');
}

/** Calendar day of an instant in UTC, for dates that came with no zone of their own. */
export function utcDay(time: number): string {
  const date = new Date(time);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}
