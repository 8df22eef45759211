import { describe, expect, it } from 'vitest';
import { fixtureArticle, type StoryFixture } from '../../../eval/lib/story-fixtures.ts';
import { createStoryClusterer } from '../../../src/core/stories/clusterer.ts';
import { featuresOf } from '../../../src/core/stories/features.ts';
import { genreOf, reportedParagraphs } from '../../../src/core/stories/genre.ts';
import { pairScore, scoreBatch } from '../../../src/core/stories/pair-score.ts';

function article(key: string, source: string, publishedAt: string, title: string, text: string) {
  const fixture: StoryFixture = { key, event: key, source, publishedAt, title, text };
  return fixtureArticle(fixture);
}

const wire = article(
  'wire',
  'Wire Daily',
  '2026-03-04T10:35:00Z',
  'EU fines Apple 1.8 billion euros over music streaming rules',
  'BRUSSELS, March 4 (Wire Daily) - The European Commission fined Apple 1.84 billion euros on Monday for ' +
    'preventing music streaming services such as Spotify from telling iPhone users about cheaper offers.\\n\\n' +
    'Competition chief Margrethe Vestager said Apple abused its dominant position for a decade.',
);
const paper = article(
  'paper',
  'The Ledger',
  '2026-03-04T18:20:00Z',
  'Brussels hits Apple with record penalty in Spotify dispute',
  "Europe's top antitrust enforcer ordered Apple on Monday to pay nearly two billion euros and to let " +
    'streaming services such as Spotify tell iPhone customers where they can pay less, in a case that began ' +
    'with a complaint from the Swedish company. Margrethe Vestager said music listeners were overcharged.',
);
const column = article(
  'column',
  'The Ledger',
  '2026-03-04T20:00:00Z',
  'Opinion: Brussels is right to fine Apple over Spotify',
  'The European Commission fined Apple 1.84 billion euros on Monday over music streaming. Margrethe ' +
    'Vestager was right: Spotify users in Europe paid too much because Apple would not let them know better.',
);
const market = article(
  'market',
  'Market Pulse',
  '2026-03-04T21:00:00Z',
  'Apple shares slip 1.2% after EU music streaming fine',
  'Shares of Apple fell 1.2% on Monday after the European Commission fined the iPhone maker 1.84 billion ' +
    'euros over music streaming, as Spotify rose 3%.',
);

describe('same-event pair score', () => {
  it('joins two outlets reworded on one event, and keeps a column and a markets story of the same day apart', () => {
    const stories = createStoryClusterer().cluster([wire, paper, column, market]);
    const of = (id: string) => stories.find((s) => s.articles.some((a) => a.id === id))!;
    expect(of(wire.id)).toBe(of(paper.id));
    expect(of(column.id).articles).toHaveLength(1);
    expect(of(market.id).articles).toHaveLength(1);
  });

  it('fades with the time between two reports and is 0 beyond the window', () => {
    const later = (hours: number) => ({
      ...paper,
      id: `${hours}`.padStart(16, '0'),
      publishedAt: new Date(Date.parse(wire.publishedAt!) + hours * 3_600_000).toISOString(),
    });
    const score = (hours: number) => {
      const batch = scoreBatch([wire, later(hours)].map((a) => featuresOf(a)));
      return pairScore(batch, 0, 1);
    };
    expect(score(2)).toBeGreaterThan(score(48));
    expect(score(48)).toBeGreaterThan(0);
    expect(score(80)).toBe(0);
  });

  it('scores a second report from the same outlet lower than the same text from another outlet', () => {
    const same = { ...paper, source: 'Wire Daily' };
    const pair = (b: typeof paper) => pairScore(scoreBatch([wire, b].map((a) => featuresOf(a))), 0, 1);
    expect(pair(same)).toBeLessThan(pair(paper));
  });

  it('tells opinion by label or URL, and markets copy by a share move', () => {
    expect(genreOf('Opinion: Net neutrality is back', '')).toBe('opinion');
    expect(genreOf('Net neutrality is back', '', 'https://x.example/opinion/2026/nn')).toBe('opinion');
    expect(genreOf('Nvidia slides 4% as chip stocks fall', '')).toBe('market');
    expect(genreOf('Chip curbs widen', 'Shares of Nvidia fell 4.7% on Tuesday after new rules.')).toBe(
      'market',
    );
    expect(genreOf('FTC sues Amazon over Prime', 'The agency said 4% of users were affected.')).toBe('news');
  });

  it('tells markets copy by a price move without the word "shares": relative verbs, period lows, indices', () => {
    expect(genreOf('Telecoms trail the index; Acme hits three-month low', '')).toBe('market');
    expect(
      genreOf(
        'Acme under pressure after regulator ruling',
        'Acme stock underperformed the FTSE 100 on Monday, ending the session 2.4% lower as investors sold.',
      ),
    ).toBe('market');
    // A percentage and a move verb without anything traded, or a bill that "advances", is news.
    expect(genreOf('Watchdog fines Acme', 'Prices rose 45% for 2.7 million subscribers, it said.')).toBe(
      'news',
    );
    expect(genreOf('House panel advances child safety bill', 'The bill passed 30-12.')).toBe('news');
  });

  it('reads a closing paragraph that recaps an earlier event as context, the lede never', () => {
    const body = [
      'The regulator fined Acme 10 million euros on Thursday over cookies.',
      'Acme said it would appeal the decision.',
      'The penalty comes two days after the regulator fined Globex 5 million euros in another case.',
      'Last week it also warned Initech about its banners.',
    ].join('\n\n');
    expect(reportedParagraphs(body).reported).toEqual([
      'The regulator fined Acme 10 million euros on Thursday over cookies.',
      'Acme said it would appeal the decision.',
    ]);
    expect(reportedParagraphs('Two days after its fine, Acme appealed.\n\nIt said so.').recaps).toBe(0);
  });

  it("keeps the names and figures of a recap paragraph out of a report's features", () => {
    const text = [
      'The Fair Trade Commission fined Coupang 162.8 billion won on Thursday over search rankings.',
      'Coupang said it would sue to overturn the order.',
      'The penalty comes two days after the commission fined Google 42.1 billion won over One Store.',
    ].join('\n\n');
    const f = featuresOf({ ...wire, title: 'Watchdog fines Coupang over search rankings', text });
    expect(f.entities.has('coupang')).toBe(true);
    expect(f.entities.has('google')).toBe(false);
    expect([...f.figures]).toHaveLength(1);
  });
});
