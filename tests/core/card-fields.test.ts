import { describe, expect, it } from 'vitest';
import { cardFields, cardSummary } from '../../src/core/card-fields.ts';
import { MAX_HEADLINE_CHARS, MAX_SUMMARY_CHARS } from '../../src/core/text/headline.ts';

describe('cardFields: the headline and outlet a card shows for a draft', () => {
  it("cuts the outlet's own name from the headline", () => {
    const fields = cardFields({
      url: 'https://www.wired.com/story/fcc-vote?utm_source=x',
      title: 'The FCC votes to end net neutrality | WIRED',
      source: 'WIRED',
    });
    expect(fields).toEqual({
      url: 'https://www.wired.com/story/fcc-vote?utm_source=x',
      canonicalUrl: 'https://www.wired.com/story/fcc-vote',
      title: 'The FCC votes to end net neutrality',
      source: 'WIRED',
    });
  });

  it('links without the user name and password a feed was fetched with', () => {
    const fields = cardFields({
      url: 'https://reader:hunter2@members.example/items/1',
      canonicalUrl: 'https://reader:hunter2@members.example/items/1?utm_source=feed',
      title: 'Members-only briefing',
    });
    expect(fields.url).toBe('https://members.example/items/1');
    expect(fields.canonicalUrl).toBe('https://members.example/items/1');
    expect(fields.source).toBe('members.example');
  });

  it('names the outlet by host when its name is a URL, and cuts that name from the headline', () => {
    const fields = cardFields({
      url: 'https://www.wired.com/story/fcc-vote',
      title: 'The FCC votes to end net neutrality - Wired',
      source: ' https://www.wired.com/ ',
    });
    expect(fields.source).toBe('wired.com');
    expect(fields.title).toBe('The FCC votes to end net neutrality');
  });

  it("names an outlet-less draft by its canonical URL's host, a local file's as 'local file'", () => {
    const page = {
      url: 'file:///tmp/a.html',
      canonicalUrl: 'https://News.example/a',
      title: 'Operator fined',
    };
    expect(cardFields(page).source).toBe('news.example');
    expect(cardFields({ url: 'file:///tmp/a.txt', title: 'Operator fined', source: ' ' }).source).toBe(
      'local file',
    );
    expect(cardFields({ url: 'not a url', title: 'Operator fined' }).source).toBe('unknown source');
  });

  it('bounds a run-on headline and a long outlet name', () => {
    const fields = cardFields({
      url: 'https://news.example/run',
      title: 'word '.repeat(30_000),
      source: `News Example ${'and more '.repeat(20)}`,
    });
    expect(fields.title.length).toBeLessThanOrEqual(MAX_HEADLINE_CHARS);
    expect(fields.title.endsWith('…')).toBe(true);
    expect(fields.source.length).toBeLessThanOrEqual(80);
    expect(fields.source.startsWith('News Example and more')).toBe(true);
  });
});

describe('cardSummary', () => {
  it('keeps a short summary as it is and bounds a run of text with no sentence ends', () => {
    expect(cardSummary('Two sentences. Of summary.')).toBe('Two sentences. Of summary.');
    const bounded = cardSummary('x '.repeat(5_000));
    expect(bounded.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(bounded.endsWith('…')).toBe(true);
  });
});
