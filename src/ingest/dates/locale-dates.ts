/**
 * Written dates in languages chrono-node has no parser for (Danish, Turkish, Polish, Czech, Hungarian,
 * Greek, Bulgarian, Korean, Hebrew, ...), read with the patterns and month names of Node's own ICU data:
 * for each locale, the order of day, month and year and the words between them come from
 * `Intl.DateTimeFormat#formatToParts`, so no language's format is written by hand here.
 */

/** Locales whose written dates chrono cannot read; ICU holds their formats. */
const LOCALES = [
  'da',
  'nb',
  'is',
  'tr',
  'pl',
  'cs',
  'sk',
  'hu',
  'el',
  'bg',
  'hr',
  'sr-Latn',
  'sr',
  'sl',
  'ro',
  'lt',
  'lv',
  'et',
  'ca',
  'sq',
  'ko',
  'he',
];

/** One locale's date reader: the regex, and which capture holds the day, the month and the year. */
interface LocaleReader {
  locale: string;
  pattern: RegExp;
  order: ('day' | 'month' | 'year')[];
  months: Map<string, number>;
  /** Month names in Latin script are shared across languages (listopad is October in Croatian, November in Polish). */
  latin: boolean;
}

const regexText = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A literal between parts, read loosely: any run of spaces, and its dots, commas and apostrophes optional. */
function literalPattern(literal: string): string {
  return literal
    .split(/\s+/)
    .map((piece) => regexText(piece).replace(/\\\./g, '\\.?').replace(/,/g, ',?').replace(/[’']/g, "['’]?"))
    .join('\\s*');
}

/** Builds the readers of one locale: one per month style (long and short names), in ICU's own order. */
function readersOf(locale: string): LocaleReader[] {
  const readers: LocaleReader[] = [];
  for (const month of ['long', 'short'] as const) {
    const format = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month,
      year: 'numeric',
      timeZone: 'UTC',
    });
    const months = new Map<string, number>();
    for (let index = 0; index < 12; index++) {
      const part = format.formatToParts(new Date(Date.UTC(2020, index, 17))).find((p) => p.type === 'month');
      // A numeric month (07.02.2020) is chrono's to read, not ours.
      if (part && !/^\d+\.?$/.test(part.value))
        months.set(part.value.toLowerCase().replace(/\.$/, ''), index + 1);
    }
    if (months.size < 12) continue;
    const names = [...months.keys()].sort((a, b) => b.length - a.length).map(regexText);
    const order: LocaleReader['order'] = [];
    let source = '';
    for (const part of format.formatToParts(new Date(Date.UTC(2020, 9, 17)))) {
      if (part.type === 'day' || part.type === 'month' || part.type === 'year') {
        order.push(part.type);
        source +=
          part.type === 'day'
            ? '(\\d{1,2})'
            : part.type === 'year'
              ? '((?:19|20)\\d\\d)'
              : `(${names.join('|')})\\.?`;
      } else if (part.type === 'literal' && order.length > 0 && order.length < 3)
        source += literalPattern(part.value);
    }
    if (order.length !== 3) continue;
    // A digit beside a number, or a letter beside a month name, would make it a piece of something else
    // (Korean writes 일 straight after the day, so a letter after a number is fine).
    const guard = (part: string | undefined) => (part === 'month' ? '\\p{L}' : '\\d');
    const pattern = new RegExp(`(?<!${guard(order[0])})${source}(?!${guard(order[2])})`, 'iu');
    const latin = [...months.keys()].every((name) => /^[\p{Script=Latin}.]+$/u.test(name));
    readers.push({ locale, order, months, pattern, latin });
  }
  return readers;
}

let cached: LocaleReader[] | undefined;
/** Every reader, built once on first use: ICU formatting is not free, and most pages never need them. */
function allReaders(): LocaleReader[] {
  cached ??= LOCALES.flatMap((locale) => {
    try {
      return readersOf(locale);
    } catch {
      // A Node built without full ICU lacks some locales: read the others.
      return [];
    }
  });
  return cached;
}

/** A calendar date found in text: year, month (1-12) and day. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * The first written date in `text` in a language chrono cannot read; undefined when none, or when the day
 * does not exist in that month. Latin-script month names are read only on a page in that language, since
 * they mean different months in different languages; other scripts tell their language themselves.
 */
export function localeDate(text: string, language?: string): CalendarDate | undefined {
  // Norwegian pages say "no" or "nn" as often as ICU's "nb".
  const preferred = language?.toLowerCase().replace(/^n[on](?=$|-)/, 'nb');
  const readers = allReaders().filter(
    (reader) => !reader.latin || preferred?.startsWith(reader.locale.slice(0, 2)),
  );
  for (const reader of readers) {
    const match = reader.pattern.exec(text);
    if (!match) continue;
    const value = (part: 'day' | 'month' | 'year') => match[reader.order.indexOf(part) + 1] ?? '';
    const month = reader.months.get(value('month').toLowerCase().replace(/\.$/, ''));
    const year = Number(value('year'));
    const day = Number(value('day'));
    if (!month || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) continue;
    return { year, month, day };
  }
  return undefined;
}
