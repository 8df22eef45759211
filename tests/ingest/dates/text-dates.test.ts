import { describe, expect, it } from 'vitest';
import { scrapedTextDate } from '../../../src/ingest/dates/text-dates.ts';

const REFERENCE = new Date('2026-11-21T12:00:00Z');
const BODY = 'The commission fined the company on Thursday for failing to protect the data of its users.';

describe('scrapedTextDate', () => {
  it('reads the byline line under a plain-text scrape’s headline, time zone included', () => {
    const text = `By Jane Doe\nNovember 20, 2026 10:30 AM UTC\n\n${BODY}`;
    expect(scrapedTextDate(text, REFERENCE)).toMatchObject({
      iso: '2026-11-20T10:30:00.000Z',
      from: 'byline',
    });
  });

  it.each([
    ['November 20, 2026 10:30 AM UTC', '2026-11-20T10:30:00.000Z'],
    ['20 Nov 2026', '2026-11-20T12:00:00.000Z'],
    ['10.11.2026 at 16:20 CET', '2026-11-10T15:20:00.000Z'],
    ['11/18/2026 9:41 a.m. ET', '2026-11-18T14:41:00.000Z'],
    ['Tuesday 17 November 2026', '2026-11-17T12:00:00.000Z'],
    ['3 hours ago', '2026-11-21T09:00:00.000Z'],
  ])('reads the byline format "%s" (relative ones against the fetch time)', (byline, iso) => {
    expect(scrapedTextDate(`Chip rules tighten\nBy Jane Doe · ${byline}\n\n${BODY}`, REFERENCE)?.iso).toBe(
      iso,
    );
  });

  it('skips an "Updated" line and takes the publication line after it', () => {
    const text = `Updated November 21, 2026\nPublished 20. November 2026\n\n${BODY}`;
    expect(scrapedTextDate(text, REFERENCE)?.day).toBe('2026-11-20');
  });

  it('ignores copyright lines and dates deep in the body', () => {
    const text = `© 2026 Example Media\n${Array.from({ length: 8 }, () => BODY).join('\n')}\nOn 3 March 2026 it had warned them.`;
    expect(scrapedTextDate(text, REFERENCE)).toBeUndefined();
  });
});
