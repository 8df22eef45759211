import { describe, expect, it } from 'vitest';
import { inQuietHours, parseGroupMention, parseQuietHours } from '../../../digests/mentions/mention-rules.ts';

describe('quiet hours', () => {
  const night = { from: '22:00', to: '07:00' };

  it('are read in the channel’s own time zone, across midnight', () => {
    // 23:30 UTC is 18:30 in New York: quiet in a UTC channel, not in a New York one.
    const evening = new Date('2026-12-10T23:30:00Z');
    expect(inQuietHours({ quietHours: night, timeZone: 'UTC' }, evening)).toBe(true);
    expect(inQuietHours({ quietHours: night, timeZone: 'America/New_York' }, evening)).toBe(false);
    // 03:30 UTC is 22:30 in New York, the night before.
    expect(
      inQuietHours({ quietHours: night, timeZone: 'America/New_York' }, new Date('2026-12-11T03:30:00Z')),
    ).toBe(true);
    // 07:00 local is the end, not part of it.
    expect(inQuietHours({ quietHours: night, timeZone: 'UTC' }, new Date('2026-12-11T07:00:00Z'))).toBe(
      false,
    );
  });

  it('may be a span inside one day, and are off when unset or empty', () => {
    const lunch = { from: '12:00', to: '14:00' };
    expect(
      inQuietHours({ quietHours: lunch, timeZone: 'Europe/Berlin' }, new Date('2026-12-10T11:30:00Z')),
    ).toBe(true);
    expect(
      inQuietHours({ quietHours: lunch, timeZone: 'Europe/Berlin' }, new Date('2026-12-10T13:30:00Z')),
    ).toBe(false);
    expect(inQuietHours({ timeZone: 'UTC' }, new Date('2026-12-10T23:30:00Z'))).toBe(false);
    expect(inQuietHours({ quietHours: { from: '09:00', to: '09:00' }, timeZone: 'UTC' }, new Date())).toBe(
      false,
    );
  });

  it.each([
    ['22:00-07:00', { from: '22:00', to: '07:00' }],
    ['7:30–9:00', { from: '07:30', to: '09:00' }],
    ['2200-0700', { from: '22:00', to: '07:00' }],
    ['off', null],
    ['25:00-07:00', undefined],
    ['tonight', undefined],
  ])('reads %j as %o', (text, expected) => {
    expect(parseQuietHours(text)).toEqual(expected);
  });
});

describe('group mentions as typed', () => {
  it.each([
    ['<!subteam^S0POLICY|@policy-team>', { id: 'S0POLICY', label: '@policy-team' }],
    ['<!subteam^S0POLICY>', { id: 'S0POLICY' }],
    ['S0123ABCD', { id: 'S0123ABCD' }],
    ['<@&600000000000000051>', { id: '600000000000000051' }],
    ['600000000000000051', { id: '600000000000000051' }],
  ])('reads %j as %o', (text, expected) => {
    expect(parseGroupMention(text)).toEqual(expected);
  });

  it.each(['@policy-team', '<@600000000000000051>', '@everyone', '<!channel>', '<!subteam^S1|x>extra', ''])(
    'finds no id in %j, so nothing but a real group can be pinged',
    (text) => {
      expect(parseGroupMention(text)).toBeUndefined();
    },
  );
});
