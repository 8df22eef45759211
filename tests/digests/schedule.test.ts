import { describe, expect, it } from 'vitest';
import {
  describeWeekdays,
  latestOccurrence,
  nextOccurrence,
  parseTimeOfDay,
  parseWeekdays,
} from '../../digests/schedule.ts';
import { canonicalTimeZone, localDateOf, suggestTimeZones, zonedInstant } from '../../digests/zoned-time.ts';

const iso = (date: Date) => date.toISOString();

describe('zoned time', () => {
  it('places 08:00 Europe/London at 08:00 UTC in winter and 07:00 UTC in summer, DST change days included', () => {
    expect(iso(zonedInstant('2026-03-28', '08:00', 'Europe/London'))).toBe('2026-03-28T08:00:00.000Z');
    expect(iso(zonedInstant('2026-03-29', '08:00', 'Europe/London'))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(zonedInstant('2026-10-24', '08:00', 'Europe/London'))).toBe('2026-10-24T07:00:00.000Z');
    expect(iso(zonedInstant('2026-10-25', '08:00', 'Europe/London'))).toBe('2026-10-25T08:00:00.000Z');
  });

  it('given a time skipped by spring-forward, happens once, as soon as the clocks have jumped', () => {
    // 01:30 does not exist in London on 2026-03-29: 01:00 GMT jumps to 02:00 BST.
    expect(iso(zonedInstant('2026-03-29', '01:30', 'Europe/London'))).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 does not exist in New York on 2026-03-08.
    expect(iso(zonedInstant('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('given a time that occurs twice on fall-back day, happens at the first occurrence only', () => {
    expect(iso(zonedInstant('2026-10-25', '01:30', 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(zonedInstant('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('handles half-hour zones and zones east of UTC across midnight', () => {
    expect(iso(zonedInstant('2026-06-01', '08:00', 'Asia/Kolkata'))).toBe('2026-06-01T02:30:00.000Z');
    expect(localDateOf(new Date('2026-06-01T20:00:00Z'), 'Pacific/Auckland')).toBe('2026-06-02');
  });

  it('canonicalises IANA names and refuses offsets and unknown names', () => {
    expect(canonicalTimeZone('europe/london')).toBe('Europe/London');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('+01:00')).toBeUndefined();
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(suggestTimeZones('Europe/Londn')).toContain('Europe/London');
  });

  it('reads the zone abbreviations people type as the zone they mean, not as ICU legacy links', () => {
    // ICU alone reads EST as America/Panama (no daylight saving), BST as Asia/Dhaka and AST as Anchorage.
    const read = Object.fromEntries(
      ['EST', 'et', 'BST', 'MST', 'CEST', 'AEST', 'IST', 'AST'].map((typed) => [
        typed,
        canonicalTimeZone(typed),
      ]),
    );
    expect(read).toEqual({
      EST: 'America/New_York',
      et: 'America/New_York',
      BST: 'Europe/London',
      MST: 'America/Denver',
      CEST: 'Europe/Brussels',
      AEST: 'Australia/Sydney',
      IST: undefined,
      AST: undefined,
    });
    // 09:00 "EST" in July is 13:00 UTC, as New York's 09:00 is; a fixed -05:00 would say 14:00.
    expect(iso(zonedInstant('2026-07-15', '09:00', canonicalTimeZone('EST')!))).toBe(
      '2026-07-15T13:00:00.000Z',
    );
  });
});

describe('schedule parsing', () => {
  it('reads 24-hour and am/pm times and refuses impossible ones', () => {
    expect(parseTimeOfDay('08:00')).toBe('08:00');
    expect(parseTimeOfDay('8:05')).toBe('08:05');
    expect(parseTimeOfDay('7am')).toBe('07:00');
    expect(parseTimeOfDay('12am')).toBe('00:00');
    expect(parseTimeOfDay('6.30pm')).toBe('18:30');
    for (const bad of ['25:00', '08:60', '8', 'noon', '13pm', ''])
      expect(parseTimeOfDay(bad)).toBeUndefined();
  });

  it('reads weekdays, weekends, daily, lists and ranges, including ranges over the weekend', () => {
    expect(parseWeekdays('weekdays')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays('weekends')).toEqual([0, 6]);
    expect(parseWeekdays('daily')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseWeekdays('mon,wed,Friday')).toEqual([1, 3, 5]);
    expect(parseWeekdays('fri-mon')).toEqual([0, 1, 5, 6]);
    expect(parseWeekdays('month')).toBeUndefined();
    expect(parseWeekdays('mon,,tue')).toBeUndefined();
    expect(describeWeekdays([5, 1, 3])).toBe('mon, wed, fri');
  });
});

describe('occurrences', () => {
  const london = { time: '08:00', timeZone: 'Europe/London', weekdays: [1, 2, 3, 4, 5] };
  const longAgo = new Date('2020-01-01T00:00:00Z');

  it('finds the latest scheduled time at or before now on an allowed weekday', () => {
    // Monday 2026-03-30 07:59 BST: the last weekday digest was Friday the 27th at 08:00 GMT.
    expect(latestOccurrence(london, new Date('2026-03-30T06:59:00Z'), longAgo)).toEqual({
      localDate: '2026-03-27',
      at: new Date('2026-03-27T08:00:00Z'),
    });
    expect(latestOccurrence(london, new Date('2026-03-30T07:00:00Z'), longAgo)?.localDate).toBe('2026-03-30');
  });

  it('finds nothing scheduled before the subscription existed', () => {
    expect(
      latestOccurrence(london, new Date('2026-03-30T07:30:00Z'), new Date('2026-03-30T07:10:00Z')),
    ).toBeUndefined();
  });

  it('gives the next occurrence across a weekend and a DST change', () => {
    expect(nextOccurrence(london, new Date('2026-03-27T09:00:00Z'))?.at).toEqual(
      new Date('2026-03-30T07:00:00Z'),
    );
  });
});
