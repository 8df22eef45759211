import { addDays, localDateOf, weekdayOf, zonedInstant } from './zoned-time.ts';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const LONG_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Every day of the week, Sunday first. */
export const EVERY_DAY: readonly number[] = [0, 1, 2, 3, 4, 5, 6];

/** A schedule: a wall-clock time on some weekdays in one IANA zone. */
export interface Schedule {
  time: string;
  timeZone: string;
  weekdays: readonly number[];
}

/** One scheduled delivery: the local date it belongs to and the instant it is due. */
export interface Occurrence {
  localDate: string;
  at: Date;
}

/** Reads `08:00`, `8:30`, `7am` or `6.15pm` as `HH:MM`, or undefined when it is not a time of day. */
export function parseTimeOfDay(text: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase();
  if (match[2] === undefined && !meridiem) return undefined;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function dayIndex(word: string): number | undefined {
  const lower = word.toLowerCase();
  const short = DAY_NAMES.indexOf(lower.slice(0, 3) as (typeof DAY_NAMES)[number]);
  if (short < 0) return undefined;
  // Accept mon, mond, monday; refuse "month".
  return LONG_NAMES[short]?.startsWith(lower) ? short : undefined;
}

/**
 * Reads `weekdays`, `weekends`, `daily`, `mon,wed,fri` or `mon-fri` as sorted day numbers (0 = Sunday),
 * or undefined when the text is not a set of days.
 */
export function parseWeekdays(text: string): number[] | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'weekdays') return [1, 2, 3, 4, 5];
  if (lower === 'weekends') return [0, 6];
  if (lower === 'daily' || lower === 'everyday' || lower === 'every-day') return [...EVERY_DAY];
  const days = new Set<number>();
  for (const part of lower.split(',')) {
    if (!part) return undefined;
    const range = part.split('-');
    if (range.length === 1) {
      const day = dayIndex(part);
      if (day === undefined) return undefined;
      days.add(day);
    } else if (range.length === 2) {
      const from = dayIndex(range[0] ?? '');
      const to = dayIndex(range[1] ?? '');
      if (from === undefined || to === undefined) return undefined;
      for (let day = from; ; day = (day + 1) % 7) {
        days.add(day);
        if (day === to) break;
      }
    } else return undefined;
  }
  return days.size > 0 ? [...days].sort((a, b) => a - b) : undefined;
}

/** A set of days as people say it: `daily`, `weekdays`, `weekends` or `mon, wed, fri`. */
export function describeWeekdays(days: readonly number[]): string {
  const key = [...days].sort((a, b) => a - b).join(',');
  if (key === '0,1,2,3,4,5,6') return 'daily';
  if (key === '1,2,3,4,5') return 'weekdays';
  if (key === '0,6') return 'weekends';
  return [...days]
    .sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7))
    .map((day) => DAY_NAMES[day])
    .join(', ');
}

/**
 * The most recent scheduled delivery at or before `now`, if it is not before `notBefore`.
 * Looks back eight days, so a digest missed during a week's downtime is still found once.
 */
export function latestOccurrence(schedule: Schedule, now: Date, notBefore: Date): Occurrence | undefined {
  const today = localDateOf(now, schedule.timeZone);
  for (let back = 0; back <= 8; back++) {
    const localDate = addDays(today, -back);
    if (!schedule.weekdays.includes(weekdayOf(localDate))) continue;
    const at = zonedInstant(localDate, schedule.time, schedule.timeZone);
    if (at.getTime() > now.getTime()) continue;
    return at.getTime() >= notBefore.getTime() ? { localDate, at } : undefined;
  }
  return undefined;
}

/** The next scheduled delivery strictly after `now`. */
export function nextOccurrence(schedule: Schedule, now: Date): Occurrence | undefined {
  const today = localDateOf(now, schedule.timeZone);
  for (let ahead = 0; ahead <= 8; ahead++) {
    const localDate = addDays(today, ahead);
    if (!schedule.weekdays.includes(weekdayOf(localDate))) continue;
    const at = zonedInstant(localDate, schedule.time, schedule.timeZone);
    if (at.getTime() > now.getTime()) return { localDate, at };
  }
  return undefined;
}
