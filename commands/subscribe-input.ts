import { z } from 'zod';
import { parseQuietHours } from '../digests/mentions/mention-rules.ts';
import { parseTimeOfDay, parseWeekdays } from '../digests/schedule.ts';
import {
  ambiguousAbbreviation,
  canonicalTimeZone,
  suggestTimeZones,
  zoneOfAbbreviation,
} from '../digests/zoned-time.ts';
import { stripQuotes } from '../src/core/text/quotes.ts';
import { splitWords } from './parse-text.ts';

// A Map, not an object literal: a typed word such as `constructor` must not find Object.prototype's.
const KEYS: ReadonlyMap<string, string> = new Map([
  ['at', 'at'],
  ['time', 'at'],
  ['tz', 'tz'],
  ['timezone', 'tz'],
  ['days', 'days'],
  ['on', 'days'],
  ['notify', 'notify'],
  ['quiet', 'quiet'],
  ['cap', 'cap'],
]);

const LONG_DAYS = /^(mon|tues|wednes|thurs|fri|satur|sun)days?$/i;

/** True when a bare word can only mean days: `weekdays`, `daily`, `mon,wed`, `mon-fri`, `monday`. */
function isDaysWord(word: string): boolean {
  if (!parseWeekdays(word)) return false;
  return /^(weekdays|weekends|daily|every-?day)$/i.test(word) || /[,-]/.test(word) || LONG_DAYS.test(word);
}

/**
 * True when a word is a list of days with a slip in it (`mon,funday`, `mon-fryday`): at least one of its
 * parts is a day and it is joined by a comma, or every part names or spells like a day. Such a word goes
 * to the days check, which says what is wrong, instead of quietly joining the topic ("huawei mon,funday").
 * Dashed words with no day-like part (`sat-nav`, `e-commerce`) stay topic words.
 */
function isMisspeltDays(word: string): boolean {
  const parts = word.split(/[,-]/);
  if (parts.length < 2 || !parts.every((part) => /^[a-z]+$/i.test(part))) return false;
  if (!parts.some((part) => parseWeekdays(part) !== undefined)) return false;
  return (
    word.includes(',') || parts.every((part) => parseWeekdays(part) !== undefined || /days?$/i.test(part))
  );
}

/**
 * A bare word shaped like a time, with a colon or am/pm (`9:00`, `7am`, `5:30pm`, `9.30am`, and slips such
 * as `25:00` or `13pm`, which the time check then refuses by name); a bare number stays a topic word (`5`).
 */
const BARE_TIME = /^\d{1,2}(?::\d{2}|h\d{2}|(?:[:.]\d{2})?(?:am|pm))$/i;
/** The hour of a time typed in two words (`9 am`, `5:30 pm`, `9.30 pm`), whose second word is the meridiem. */
const HOUR_WORD = /^\d{1,2}(?:[:.]\d{2})?$/;
/**
 * A dotted time (`9.30`), read as one only when a zone follows it (`9.30 EST`): alone it may be a version
 * or a figure a topic names ("ios 17.10").
 */
const DOTTED_TIME = /^\d{1,2}\.\d{2}$/;
const MERIDIEM = /^(?:am|pm)$/i;

/**
 * A bare IANA-shaped zone (`Europe/Berlin`, `US/Eastern`, `UTC`); whether it is one, or a slip of one, is
 * checked below.
 */
const BARE_ZONE =
  /^(?:(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc|US|Canada)\/\S+|UTC|GMT)$/i;

/**
 * True when a zone-shaped word is a zone or a slip of one in the same area (`Europe/Berlinn`), so the zone
 * check can suggest the right name; `Asia/Pacific` or `Pacific/Rim` stay topic words. A zone abbreviation
 * counts when typed in capitals (`EST`, `CET`, and `IST`, which the check refuses as ambiguous): in lower
 * case `est` or `wet` may be a word of the topic.
 */
function isZoneOrSlip(word: string): boolean {
  if (/^[A-Z]{2,5}$/.test(word) && (zoneOfAbbreviation(word) || ambiguousAbbreviation(word))) return true;
  if (!BARE_ZONE.test(word)) return false;
  if (canonicalTimeZone(word) !== undefined) return true;
  const area = word.split('/')[0]!.toLowerCase();
  return suggestTimeZones(word).some((zone) => zone.toLowerCase().startsWith(`${area}/`));
}

/**
 * The option a bare word after the topic stands for, when it can only be a time or a zone: people type
 * "/subscribe huawei 9:00 Europe/Berlin" without `at` and `tz`, and those words would otherwise join the
 * topic and make a free search nobody asked for.
 */
function bareOption(word: string): 'at' | 'tz' | undefined {
  if (BARE_TIME.test(word)) return 'at';
  if (isZoneOrSlip(word)) return 'tz';
  return undefined;
}

/**
 * Sets an option from the text. A second time or zone is kept beside the first ("9:00 10:00"), so the
 * check refuses both by name instead of one silently winning or joining the topic.
 */
function setOption(out: Record<string, unknown>, key: string, value: string): void {
  const before = out[key];
  out[key] = (key === 'at' || key === 'tz') && typeof before === 'string' ? `${before} ${value}` : value;
}

/** Two or more values typed for one option (`9:00 10:00`): each reads on its own, so say to keep one. */
function twoGiven(value: string, reads: (part: string) => boolean): string[] | undefined {
  const parts = value.split(/\s+/);
  return parts.length > 1 && parts.every(reads) ? parts : undefined;
}

/** The forms a days option may take, for messages that refuse one. */
const DAY_FORMS =
  'use weekdays, weekends, daily, day names like mon,wed,fri or monday, or a range like mon-fri';

/** The first part of a days list that names no day (`funday` in `mon,funday`), if the list has parts. */
function badDayIn(value: string): string | undefined {
  const parts = value.split(/[,-]/).map((part) => part.trim());
  if (parts.length < 2) return undefined;
  return parts.find((part) => parseWeekdays(part) === undefined);
}

/**
 * Reads `/subscribe` text: `<topic words> [at 08:00] [tz Europe/London] [weekdays|mon,wed,fri] [dm]
 * [notify @group] [quiet 22:00-07:00] [cap 5]`, with `at:08:00`, `tz:…`, `days:…`, `notify:…`, `quiet:…`
 * and `cap:…` also accepted, and a bare `9:00` or `Europe/Berlin` after the topic read as a time or zone.
 * Values are checked by the schema, not here.
 */
export function parseSubscribeText(text: string): Record<string, unknown> {
  const words = splitWords(text);
  const out: Record<string, unknown> = {};
  const topic: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const joined = /^([a-z]+)[:=](.+)$/i.exec(word);
    const joinedKey = joined ? KEYS.get(joined[1]!.toLowerCase()) : undefined;
    if (joined && joinedKey) {
      setOption(out, joinedKey, joined[2]!);
      continue;
    }
    const key = KEYS.get(word.toLowerCase());
    // `at`, `tz` and `on` only count as keywords once a topic has been named: "/subscribe at&t" stays a topic.
    if (key && topic.length > 0) {
      setOption(out, key, words[i + 1] ?? '');
      i++;
      continue;
    }
    // `dm` after a topic asks for a personal digest; before one it is the topic ("/subscribe dm" = DMs news).
    if (topic.length > 0 && word.toLowerCase() === 'dm') {
      out.dm = true;
      continue;
    }
    if (topic.length > 0 && (isDaysWord(word) || isMisspeltDays(word))) {
      out.days = word;
      continue;
    }
    // "9 am" in two words is one time: the meridiem would otherwise join the topic.
    if (topic.length > 0 && HOUR_WORD.test(word) && MERIDIEM.test(words[i + 1] ?? '')) {
      setOption(out, 'at', `${word}${words[i + 1]}`);
      i++;
      continue;
    }
    if (topic.length > 0 && DOTTED_TIME.test(word) && isZoneOrSlip(words[i + 1] ?? '')) {
      setOption(out, 'at', word);
      continue;
    }
    const bare = topic.length > 0 ? bareOption(word) : undefined;
    if (bare) {
      setOption(out, bare, word);
      continue;
    }
    topic.push(word);
  }
  const joinedTopic = stripQuotes(topic.join(' '));
  if (joinedTopic) out.topic = joinedTopic;
  return out;
}

/** The time option: `08:00`, `8:30`, `7am`; normalise with parseTimeOfDay. No transform, so it maps to JSON Schema. */
export const timeOption = z
  .string()
  .trim()
  .refine((value) => parseTimeOfDay(value) !== undefined, {
    error: (issue) => {
      const value = String(issue.input ?? '').trim();
      const two = twoGiven(value, (part) => parseTimeOfDay(part) !== undefined);
      if (two) return `two times were given (${two.slice(0, 3).join(', ')}); keep one, e.g. at ${two[0]}`;
      return value
        ? `"${value.slice(0, 20)}" is not a time of day; use 24-hour HH:MM, e.g. at 08:00 or at 17:30`
        : 'at needs a time of day, e.g. at 08:00';
    },
  });

/** The time zone option: an IANA name; canonicalise with canonicalTimeZone (`europe/london` → `Europe/London`). */
export const timeZoneOption = z
  .string()
  .trim()
  .refine((value) => canonicalTimeZone(value) !== undefined, {
    error: (issue) => {
      const value = String(issue.input ?? '').trim();
      if (!value) return 'tz needs a time zone, e.g. tz Europe/London';
      const ambiguous = ambiguousAbbreviation(value);
      if (ambiguous) return `"${value}" names more than one time zone (${ambiguous})`;
      const two = twoGiven(value, (part) => canonicalTimeZone(part) !== undefined);
      if (two)
        return `two time zones were given (${two.slice(0, 3).join(', ')}); keep one, e.g. tz ${two[0]}`;
      const suggestions = suggestTimeZones(value);
      return `"${value.slice(0, 40)}" is not a time zone we know; use an IANA name such as ${
        suggestions.length > 0 ? suggestions.join(', ') : 'Europe/London, America/New_York or UTC'
      }`;
    },
  });

/** The days option: `weekdays`, `weekends`, `daily`, `mon,wed,fri` or `mon-fri`; read with parseWeekdays. */
export const daysOption = z
  .string()
  .trim()
  .refine((value) => parseWeekdays(value) !== undefined, {
    error: (issue) => {
      const value = String(issue.input ?? '').trim();
      const bad = badDayIn(value);
      return bad === undefined
        ? `"${value.slice(0, 30)}" is not a set of days; ${DAY_FORMS}`
        : `"${value.slice(0, 30)}" is not a set of days: "${bad.slice(0, 20)}" is not a day name; ${DAY_FORMS}`;
    },
  });

/** A topic as typed: a name like export-controls or a free query like "open banking". */
export const topicOption = z
  .string({ error: 'name a topic, e.g. /subscribe huawei' })
  .trim()
  .min(1, { error: 'name a topic, e.g. /subscribe huawei' })
  .max(200, { error: 'a topic is 200 characters at most' });

/** The notify option: a Slack user group or a Discord role, as the platform writes a mention of it. */
export const notifyOption = z
  .string()
  .trim()
  .min(1, { error: 'notify needs a group, e.g. notify @policy-team' })
  .max(120, { error: 'that group is too long to be a mention' });

/** The quiet option: `22:00-07:00` in the channel's time zone, or `off`. */
export const quietOption = z
  .string()
  .trim()
  .refine((value) => parseQuietHours(value) !== undefined, {
    error: (issue) =>
      `"${String(issue.input ?? '')
        .trim()
        .slice(0, 30)}" is not a span of quiet hours; use e.g. quiet 22:00-07:00, or quiet off`,
  });

/** The cap option: how many mentions the channel gets an hour at most, whatever the topic. */
export const capOption = z.coerce
  .number({ error: 'cap takes the most mentions an hour, e.g. cap 5' })
  .int({ error: 'cap takes a whole number of mentions an hour, e.g. cap 5' })
  .min(1, { error: 'cap is at least 1 mention an hour; to stop mentions, /unsubscribe the topic' })
  .max(60, { error: 'cap is at most 60 mentions an hour' });
