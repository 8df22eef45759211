import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/discord/render-embeds.ts';
import type { Reply, StoryCard } from '../../../src/core/reply.ts';
import { messageViolations } from './discord-rules.ts';

const story = (i: number, over: Partial<StoryCard> = {}): StoryCard => ({
  id: `a${i}`,
  title: `Story ${i}: regulators weigh new rules`,
  url: `https://news.example/story-${i}`,
  source: `Outlet ${i % 7}`,
  publishedAt: new Date(Date.UTC(2026, 2, 1, 8, i)).toISOString(),
  summary: `Sentence one of story ${i} says what happened. Sentence two adds who said it. Sentence three gives the context that matters to a policy lead reading quickly.`,
  topics: ['ai-regulation'],
  alsoCoveredBy: i % 3 === 0 ? [{ source: 'Second Outlet', url: `https://second.example/${i}` }] : [],
  articleIds: [`a${i}`],
  ...over,
});

/** A 40-story digest over four topics, summaries long enough that the 6,000-character limit bites. */
function fortyStoryDigest(): Extract<Reply, { kind: 'digest' }> {
  const topics = ['AI regulation', 'Antitrust', 'Privacy', 'Export controls'];
  return {
    kind: 'digest',
    title: 'Policy Wire daily digest · Monday 2 March 2026',
    subtitle: 'Europe/London · 08:00',
    sections: topics.map((topic, t) => ({
      topic,
      stories: Array.from({ length: 10 }, (_, i) =>
        story(t * 10 + i + 1, {
          summary: `${'A faithful verbatim sentence from the article body. '.repeat(12)}(${t * 10 + i + 1})`,
        }),
      ),
    })),
    footer: '24 sources checked · 1 failing',
  };
}

describe('Discord embed renderer', () => {
  it('renders a 40-story digest as messages within every limit, one embed per story, in order', () => {
    const digest = fortyStoryDigest();
    const messages = renderReply(digest);
    for (const message of messages) expect(messageViolations(message)).toEqual([]);
    const embeds = messages.flatMap((m) => m.embeds);
    expect(embeds).toHaveLength(40);
    const expected = digest.sections.flatMap((s) =>
      s.stories.map((x) => ({ title: x.title, topic: s.topic })),
    );
    expect(embeds.map((e) => ({ title: e.title, topic: e.author?.name }))).toEqual(expected);
    // Ten stories of ~650 characters exceed 6,000, so the digest needs more than four messages.
    expect(messages.length).toBeGreaterThan(4);
    expect(messages[0]!.content).toContain('**Policy Wire daily digest · Monday 2 March 2026**');
    expect(messages[0]!.content).toContain('Europe/London');
    expect(messages.at(-1)!.content).toContain('24 sources checked · 1 failing');
    for (const embed of embeds) {
      expect(embed.url).toMatch(/^https:\/\/news\.example\/story-\d+$/);
      expect(embed.timestamp).toMatch(/^2026-03-01T08:\d\d:00\.000Z$/);
    }
  });

  it('marks a late digest and says so when a topic has nothing new', () => {
    const messages = renderReply({
      kind: 'digest',
      title: 'Digest',
      late: true,
      sections: [{ topic: 'Spectrum', stories: [] }],
    });
    expect(messages[0]!.content).toBe('**Digest** (late)');
    expect(messages[0]!.embeds[0]).toMatchObject({
      author: { name: 'Spectrum' },
      description: 'Nothing new on this topic.',
    });
  });

  it('cuts oversized stories to the limits without losing the story', () => {
    const huge = story(1, {
      title: 'T'.repeat(1000),
      summary: 'S'.repeat(10_000),
      source: 'O'.repeat(3000),
      alsoCoveredBy: Array.from({ length: 200 }, (_, i) => ({
        source: `Outlet number ${i}`,
        url: `https://o${i}.example/a`,
      })),
    });
    const messages = renderReply({
      kind: 'stories',
      title: 'H'.repeat(3000),
      stories: [huge, huge, huge],
      footer: 'F'.repeat(3000),
    });
    for (const message of messages) expect(messageViolations(message)).toEqual([]);
    const embeds = messages.flatMap((m) => m.embeds);
    expect(embeds).toHaveLength(3);
    expect(embeds[0]!.title).toHaveLength(256);
    expect(embeds[0]!.title!.endsWith('…')).toBe(true);
    expect(embeds[0]!.fields?.[0]?.value).toMatch(/and \d+ more$/);
  });

  it('leaves out links that are not http(s), such as a locally ingested file', () => {
    const [message] = renderReply({
      kind: 'stories',
      title: 'x',
      stories: [story(1, { url: 'file:///srv/news/a.txt' })],
    });
    expect(message!.embeds[0]!.url).toBeUndefined();
    expect(messageViolations(message!)).toEqual([]);
  });

  it('says "undated" in the footer of a story with no publication date, and sets no timestamp', () => {
    const [message] = renderReply({
      kind: 'stories',
      title: 'x',
      stories: [story(1, { publishedAt: undefined })],
    });
    expect(message!.embeds[0]!.footer?.text).toBe('Outlet 1 · undated');
    expect(message!.embeds[0]!.timestamp).toBeUndefined();
  });

  it('escapes markdown in article text so it shows as written', () => {
    const [message] = renderReply({
      kind: 'stories',
      title: 'x',
      stories: [
        story(1, { summary: 'A **bold** claim about [phishing](https://evil.example) and <@&123>.' }),
      ],
    });
    expect(message!.embeds[0]!.description).toBe(
      'A \\*\\*bold\\*\\* claim about \\[phishing\\](https://evil.example) and \\<@&123\\>.',
    );
  });

  it('splits a long list across embeds and messages in order, with the title first and the footer last', () => {
    const items = Array.from({ length: 300 }, (_, i) => ({
      label: `source-${i}`,
      detail: `https://feeds.example/${i}.xml · ok`,
    }));
    const messages = renderReply({
      kind: 'list',
      title: 'Sources (300)',
      items,
      footer: 'Add one with /sources add',
    });
    for (const message of messages) expect(messageViolations(message)).toEqual([]);
    const embeds = messages.flatMap((m) => m.embeds);
    expect(embeds[0]!.title).toBe('Sources (300)');
    expect(embeds.at(-1)!.footer?.text).toBe('Add one with /sources add');
    const labels = embeds.flatMap((e) =>
      [...e.description!.matchAll(/source-(\d+)/g)].map((m) => Number(m[1])),
    );
    expect(labels).toEqual(items.map((_, i) => i));
  });

  it('renders notices as one coloured embed with the hint', () => {
    const [message] = renderReply({
      kind: 'notice',
      level: 'error',
      text: 'No source named "x".',
      hint: 'See /sources list.',
    });
    expect(message!.embeds[0]!.color).toBe(0xed4245);
    expect(message!.embeds[0]!.description).toContain('No source named "x".');
    expect(message!.embeds[0]!.description).toContain('See /sources list.');
  });

  it('keeps any reply within the limits (property)', () => {
    // Short and very long strings both, so every per-field and per-message limit is reached.
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'binary', maxLength: 3000, size: 'max' }),
    );
    const card = fc.record({
      id: fc.string(),
      title: text,
      url: fc.oneof(fc.webUrl(), fc.string()),
      source: text,
      summary: fc.oneof(fc.string(), fc.string({ maxLength: 6000, size: 'max' })),
      topics: fc.constant([]),
      alsoCoveredBy: fc.array(fc.record({ source: text, url: fc.webUrl() }), { maxLength: 40 }),
      articleIds: fc.constant([]),
    });
    const reply = fc.oneof(
      fc.record({
        kind: fc.constant('stories' as const),
        title: text,
        stories: fc.array(card, { maxLength: 30 }),
        footer: text,
      }),
      fc.record({
        kind: fc.constant('digest' as const),
        title: text,
        sections: fc.array(fc.record({ topic: text, stories: fc.array(card, { maxLength: 15 }) }), {
          maxLength: 5,
        }),
      }),
      fc.record({
        kind: fc.constant('list' as const),
        title: text,
        items: fc.array(fc.record({ label: text, detail: text }), { maxLength: 80 }),
      }),
    );
    fc.assert(
      fc.property(reply, (r) => {
        const messages = renderReply(r as Reply);
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) expect(messageViolations(message)).toEqual([]);
        if (r.kind === 'stories') expect(messages.flatMap((m) => m.embeds)).toHaveLength(r.stories.length);
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });
});
