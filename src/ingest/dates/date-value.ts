import * as chrono from 'chrono-node';
import { localeDate } from './locale-dates.ts';

/** Where a date was found, for the eval's failure list and for tests. */
export type DateSource =
  | 'json-ld'
  | 'meta'
  | 'itemprop'
  | 'attribute'
  | 'time'
  | 'url'
  | 'byline'
  | 'text'
  | 'script'
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
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?(?!\d))?)?/i;

/** A day written without separators (20200213). */
const COMPACT_DAY = /^((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

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
    // +0100 and an hour-only +01 (as some CMSs write the offset) both mean +01:00.
    const offset =
      zone && zone.toUpperCase() !== 'Z'
        ? zone.replace(/^([+-]\d{2}):?(\d{2})?$/, (_, h, m = '00') => `${h}:${m}`)
        : 'Z';
    const time = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
    return found(time, `${y}-${mo}-${d}`, from, reference);
  }
  if (/^\d{10}(?:\d{3})?$/.test(raw)) {
    // Unix seconds, as some CMSs put in meta tags, or milliseconds, as scripts write them (data-publishtime).
    const time = raw.length === 13 ? Number(raw) : Number(raw) * 1000;
    return found(time, utcDay(time), from, reference);
  }
  const compact = COMPACT_DAY.exec(raw);
  if (compact) {
    // 20200213, as some meta tags write the day; a month or day out of range is a number, not a date.
    const [, y, mo, d] = compact;
    const time = Date.UTC(Number(y), Number(mo) - 1, Number(d));
    if (utcDay(time) === `${y}-${mo}-${d}`) return found(time, `${y}-${mo}-${d}`, from, reference);
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
  ru: chrono.ru.casual,
  uk: chrono.uk.casual,
  fi: chrono.fi.casual,
  id: chrono.id.casual,
  vi: chrono.vi.casual,
  ar: chrono.ar.casual,
  ja: chrono.ja.casual,
  zh: chrono.zh.casual,
};

type ParserName = keyof typeof PARSERS;

const OTHER_LANGUAGES: ParserName[] = ['de', 'fr', 'es', 'it', 'nl', 'pt', 'sv', 'fi', 'id', 'vi'];
/**
 * Languages in their own script are read only where that script appears: month names in Cyrillic by
 * the Russian and Ukrainian parsers, in Arabic script by the Arabic one, and 年月日 dates by the Japanese
 * and Chinese ones.
 */
const SCRIPT_LANGUAGES: [RegExp, ParserName[]][] = [
  [/[\u0400-\u04ff]/, ['ru', 'uk']],
  [/[\u0600-\u06ff]/, ['ar']],
  [/[\u3040-\u30ff\u4e00-\u9fff]/, ['ja', 'zh']],
];

/**
 * The parsers to try, in two rounds: English (day-first for dotted dates) and the page's own language,
 * whose longest reading wins; then, only when those read nothing, every other language in turn. Each
 * parser is a pass over the text, so most texts cost two or three.
 */
function parserRounds(text: string, language?: string): ParserName[][] {
  // English outside the US and Canada writes 02/10/2020 day first, as dotted dates are everywhere.
  const dayFirst = DOTTED.test(text) || /^en[-_](?!us|ca|ph)[a-z]{2}$/i.test(language ?? '');
  const first: ParserName[] = dayFirst ? ['gb', 'en'] : ['en', 'gb'];
  const preferred = language?.slice(0, 2).toLowerCase() as ParserName | undefined;
  if (preferred && preferred !== 'en' && preferred in PARSERS) first.unshift(preferred);
  const scripts = SCRIPT_LANGUAGES.flatMap(([script, names]) => (script.test(text) ? names : []));
  const others = [...scripts, ...OTHER_LANGUAGES];
  return [first, others.filter((name) => !first.includes(name))];
}

/**
 * "14 Januar 2022", "3 März 2022": German written without the ordinal dot, which chrono's German parser
 * (and every other) requires. Only month names no other parsed language shares, capitalised as German
 * writes them ("Mai", not French "mai"), get the dot.
 */
const UNDOTTED_GERMAN_DAY =
  /\b(\d{1,2}) ((?:Januar|Jänner|Februar|Feber|März|Mai|Juni|Juli|Oktober|Dezember|Okt|Dez)\.? (?:19|20)\d\d)\b/g;

const BARRED_DATE = /\b(\d{1,2}) ?\| ?(\d{1,2}) ?\| ?((?:19|20)\d\d)\b/;

/** A year, a dotted short date or a relative phrase: text without one holds no full date worth parsing. */
export const WORTH_PARSING =
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
  // "26 | 01 | 2022" is a numeric date with bars for dots; chrono reads the dotted form.
  const sample = text
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
    .replace(BARRED_DATE, '$1.$2.$3')
    .replace(UNDOTTED_GERMAN_DAY, '$1. $2');
  if (!WORTH_PARSING.test(sample)) return undefined;
  let best: chrono.ParsedResult | undefined;
  const [first = [], rest = []] = parserRounds(sample, options.language);
  const firstFull = (name: ParserName) =>
    PARSERS[name]
      .parse(sample, CHRONO_REFERENCE(reference))
      .find((result) => fullDate(result, options.allowRelative ?? true));
  for (const name of first) {
    const result = firstFull(name);
    if (result && (!best || result.text.length > best.text.length)) best = result;
  }
  for (const name of rest) best ??= firstFull(name);
  if (!best) {
    // Languages chrono has no parser for, from ICU's formats; such a date carries no time of day.
    const local = options.requireTime ? undefined : localeDate(sample, options.language);
    if (!local) return undefined;
    const day = `${local.year}-${pad(local.month)}-${pad(local.day)}`;
    return found(Date.UTC(local.year, local.month - 1, local.day, 12), day, from, reference);
  }
  if (options.requireTime && !best.start.isCertain('hour')) return undefined;
  const start = best.start;
  const day = `${start.get('year')}-${pad(start.get('month') ?? 1)}-${pad(start.get('day') ?? 1)}`;
  return found(start.date().getTime(), day, from, reference);
}

const RELATIVE = /\d+\s*\w+\s+ago|vor\s+\d+|il y a|hace|yesterday|gestern|today|heute|hier|ayer/i;
/** A written year or a numeric date: what an absolute date must show. */
const WRITTEN_DATE = /(?:19|20)\d\d|\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{2}\b/;

function fullDate(result: chrono.ParsedResult, allowRelative: boolean): boolean {
  const start = result.start;
  // chrono also reads "in eine H(öhe)" as "in an hour": without a written year, only the relative
  // phrases of a byline ("3 hours ago", "gestern") count, and only where they are allowed.
  // "4 months ago" names a month, not a day: chrono leaves the day uncertain there, as for "1 year ago".
  if (!WRITTEN_DATE.test(result.text))
    return allowRelative && RELATIVE.test(result.text) && start.isCertain('day');
  return start.isCertain('year') && start.isCertain('month') && start.isCertain('day');
}

/** Calendar day of an instant in UTC, for dates that came with no zone of their own. */
export function utcDay(time: number): string {
  const date = new Date(time);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}
