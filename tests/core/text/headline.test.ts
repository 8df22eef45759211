import { describe, expect, it } from 'vitest';
import { cleanHeadline, cleanSourceName } from '../../../src/core/text/headline.ts';

describe('cleanHeadline', () => {
  it.each([
    [
      'Apple fined over app store rules | WIRED',
      'Wired',
      'https://www.wired.com/story/a',
      'Apple fined over app store rules',
    ],
    [
      'EU opens probe into cloud deals - The Verge',
      undefined,
      'https://www.theverge.com/x',
      'EU opens probe into cloud deals',
    ],
    [
      'Ofcom sets new online safety codes — BBC News',
      'BBC News',
      'https://www.bbc.co.uk/news/1',
      'Ofcom sets new online safety codes',
    ],
    ['Senate passes chip bill · VentureBeat', 'VentureBeat', undefined, 'Senate passes chip bill'],
    [
      'Apple - Samsung patent fight ends - The Verge',
      'The Verge',
      undefined,
      'Apple - Samsung patent fight ends',
    ],
  ])('cuts the site name from %j', (title, source, url, expected) => {
    expect(cleanHeadline(title, source, url)).toBe(expected);
  });

  it.each([
    [
      'a section or author that is not the site',
      'Why the FCC vote matters | Opinion',
      'Wired',
      'https://wired.com/a',
    ],
    ['a hyphenated word', 'Pro-Trump group sues over ad rules', 'Wired', 'https://wired.com/a'],
    ['a headline that would be too short without it', 'Wired | WIRED', 'Wired', 'https://wired.com/a'],
    [
      'a one-letter host that would match anything',
      'Court rules on data case - Techcrunch',
      undefined,
      'https://t.co/a',
    ],
    [
      'a suffix that starts with the site name',
      'Senate race is close – CNN poll shows tie',
      'CNN',
      'https://cnn.com/a',
    ],
    [
      'a poll named after the outlet',
      'Voters split on AI rules - Reuters/Ipsos poll',
      'Reuters',
      'https://reuters.com/a',
    ],
    [
      'a suffix the host label starts',
      'Minister to speak today – News conference at 3pm',
      undefined,
      'https://www.news.com.au/a',
    ],
    [
      'part of the outlet name',
      'Budget talks stall again - Washington',
      'Washington Post',
      'https://washingtonpost.com/a',
    ],
  ])('keeps %s', (_, title, source, url) => {
    expect(cleanHeadline(title, source, url)).toBe(title);
  });

  it('collapses whitespace and cuts a run-on headline at 300 characters with an ellipsis', () => {
    expect(cleanHeadline('  Court\n  rules  ')).toBe('Court rules');
    const long = cleanHeadline('word '.repeat(200));
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('cleanSourceName', () => {
  it('names an outlet given as a URL by its host and cuts a long name', () => {
    expect(cleanSourceName('https://www.hawaiinewsnow.com')).toBe('hawaiinewsnow.com');
    expect(cleanSourceName('NBC News')).toBe('NBC News');
    expect(cleanSourceName('A'.repeat(200)).length).toBeLessThanOrEqual(80);
  });
});
