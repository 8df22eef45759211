import { describe, expect, it } from 'vitest';
import { dateFormatter } from '../../../src/core/text/date-format.ts';

describe('dateFormatter', () => {
  it('builds a formatter once per locale and options, and formats in the zone it was asked for', () => {
    const london = dateFormatter('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });
    expect(dateFormatter('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' })).toBe(
      london,
    );
    const tokyo = dateFormatter('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', hourCycle: 'h23' });
    expect(tokyo).not.toBe(london);
    const at = new Date('2026-03-02T08:00:00Z');
    expect(london.format(at)).toBe('08');
    expect(tokyo.format(at)).toBe('17');
  });
});
