import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Block, blockKitViolations, type SlackMessage } from '../../../src/adapters/slack/block-kit.ts';
import { renderSlackMessages } from '../../../src/adapters/slack/render-blocks.ts';
import type { Reply, StoryCard } from '../../../src/core/reply.ts';

function story(n: number, overrides: Partial<StoryCard> = {}): StoryCard {
  return {
    id: `s${n}`,
    title: `Story number ${n} about export controls`,
    url: `https://news.example.org/story-${n}`,
    source: `Outlet ${n % 4}`,
    publishedAt: '2026-03-02T09:30:00Z',
    summary: `Summary sentence one of story ${n}. Sentence two follows. Sentence three ends it.`,
    topics: ['export-controls'],
    alsoCoveredBy: [],
    articleIds: [`a${n}`],
    ...overrides,
  };
}

const textOf = (block: Block | undefined): string =>
  !block
    ? ''
    : block.type === 'context'
      ? block.elements.map((e) => e.text).join(' ')
      : block.type === 'divider'
        ? ''
        : block.text.text;

const allText = (messages: SlackMessage[]) => messages.flatMap((m) => m.blocks.map(textOf)).join('\n');

function expectWithinLimits(messages: SlackMessage[]): void {
  for (const message of messages) expect(blockKitViolations(message)).toEqual([]);
}

describe('renderSlackMessages', () => {
  it('says "undated" in the context line of a story with no publication date', () => {
    const [message] = renderSlackMessages({
      kind: 'stories',
      title: 'News for "huawei"',
      stories: [story(1, { publishedAt: undefined })],
    });
    expect(textOf(message?.blocks[2])).toBe('*Outlet 1* · undated');
  });

  it('renders search results as a header, one section per story and a context with source and date', () => {
    const reply: Reply = {
      kind: 'stories',
      title: 'News for "huawei"',
      stories: [story(1), story(2)],
      footer: '2 stories',
    };
    const [message, ...rest] = renderSlackMessages(reply);
    expect(rest).toEqual([]);
    expect(message?.text).toBe('News for "huawei": 2 stories');
    expect(message?.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'context',
      'section',
      'context',
      'context',
    ]);
    expect(textOf(message?.blocks[1])).toBe(
      '*<https://news.example.org/story-1|Story number 1 about export controls>*\n' +
        'Summary sentence one of story 1. Sentence two follows. Sentence three ends it.',
    );
    expect(textOf(message?.blocks[2])).toBe('*Outlet 1* · <!date^1772443800^{date_short}|2026-03-02>');
    expect(textOf(message?.blocks[5])).toBe('2 stories');
  });

  it('renders a 40-story digest over several messages, each within limits, stories in their original order', () => {
    const topics = ['Export controls', 'Privacy', 'AI regulation'];
    const sections = topics.map((topic, t) => ({
      topic,
      stories: Array.from({ length: t === 0 ? 24 : 8 }, (_, i) => story(t * 100 + i)),
    }));
    const reply: Reply = {
      kind: 'digest',
      title: 'Policy Wire daily digest, 2 March 2026',
      subtitle: '40 new stories on 3 topics',
      sections,
      footer: 'Manage topics with /news subscribe',
    };
    const messages = renderSlackMessages(reply);
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expectWithinLimits(messages);
    for (const m of messages) expect(m.blocks.length).toBeLessThanOrEqual(50);
    const titles = [...allText(messages).matchAll(/\|(Story number \d+)/g)].map((m) => m[1]);
    expect(titles).toEqual(
      sections.flatMap((s) => s.stories.map((st) => st.title.replace(' about export controls', ''))),
    );
    expect(messages.map((m) => m.text)).toEqual(
      messages.map(
        (_, i) => `Policy Wire daily digest, 2 March 2026: 40 stories (part ${i + 1} of ${messages.length})`,
      ),
    );
    expect(messages[0]?.blocks[0]).toMatchObject({ type: 'header' });
    for (const later of messages.slice(1)) expect(textOf(later.blocks[0])).toMatch(/continued \(part \d\)/);
    // The first topic has 24 stories (48 blocks), so it runs across a break and is named again.
    expect(textOf(messages[1]?.blocks[1])).toContain('*Export controls* (continued)');
    expect(textOf(messages.at(-1)?.blocks.at(-1))).toBe('Manage topics with /news subscribe');
  });

  it('marks a late digest in its header and says so when there is nothing new', () => {
    const [message] = renderSlackMessages({ kind: 'digest', title: 'Digest', sections: [], late: true });
    expect(textOf(message?.blocks[0])).toBe('Digest (late)');
    expect(textOf(message?.blocks[1])).toContain('No new stories');
  });

  it('cuts an overlong title and summary to fit: header ≤150, section ≤3,000, link kept whole', () => {
    const long = story(1, { title: 'T'.repeat(1000), summary: 'word '.repeat(2000) });
    const [message] = renderSlackMessages({ kind: 'stories', title: 'H'.repeat(400), stories: [long] });
    expectWithinLimits([message as SlackMessage]);
    expect(textOf(message?.blocks[0])).toHaveLength(150);
    const section = textOf(message?.blocks[1]);
    expect(section.length).toBeLessThanOrEqual(3000);
    expect(section).toMatch(/^\*<https:\/\/news\.example\.org\/story-1\|T+…>\*\n/);
    expect(section.endsWith('…')).toBe(true);
  });

  it("escapes Slack's control characters and links only web addresses", () => {
    const odd = story(1, {
      title: 'A <b>bold</b> & risky title',
      url: 'file:///srv/samples/story.txt',
      summary: 'Use <!channel> & <@U123> here.',
    });
    const [message] = renderSlackMessages({ kind: 'stories', title: 'x', stories: [odd] });
    expect(textOf(message?.blocks[1])).toBe(
      '*A &lt;b&gt;bold&lt;/b&gt; &amp; risky title*\nUse &lt;!channel&gt; &amp; &lt;@U123&gt; here.',
    );
  });

  it('escapes echoed input in the notification text too, so <!channel> pings nobody', () => {
    const [notice] = renderSlackMessages({
      kind: 'notice',
      level: 'info',
      text: 'Nothing matches "<!channel>" yet.',
    });
    expect(notice?.text).toBe('Nothing matches "&lt;!channel&gt;" yet.');
    const [stories] = renderSlackMessages({
      kind: 'stories',
      title: 'News for "<!here>"',
      stories: [story(1)],
    });
    expect(stories?.text).toBe('News for "&lt;!here&gt;": 1 story');
  });

  it('lists other outlets in the context, at most eight by name', () => {
    const others = Array.from({ length: 15 }, (_, i) => ({
      source: `Other ${i}`,
      url: `https://o${i}.example/x`,
    }));
    const [message] = renderSlackMessages({
      kind: 'stories',
      title: 'x',
      stories: [story(1, { alsoCoveredBy: others })],
    });
    const context = message?.blocks[2];
    expect(context?.type === 'context' && context.elements).toHaveLength(2);
    expect(textOf(context)).toContain('Also covered by <https://o0.example/x|Other 0>');
    expect(textOf(context)).toContain('and 7 more');
  });

  it('renders a notice as one section with an icon and the hint underneath', () => {
    const [message] = renderSlackMessages({
      kind: 'notice',
      level: 'error',
      text: 'Only workspace admins can use /news sources.',
      hint: 'Ask an admin.',
    });
    expect(message).toEqual({
      text: 'Only workspace admins can use /news sources.',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: ':x: Only workspace admins can use /news sources.' },
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Ask an admin.' }] },
      ],
    });
  });

  it('splits a 300-item list across messages, keeping every item in order', () => {
    const items = Array.from({ length: 300 }, (_, i) => ({
      label: `item-${i}`,
      detail: 'd'.repeat(i % 7 === 0 ? 900 : 20),
    }));
    const messages = renderSlackMessages({ kind: 'list', title: 'Sources (300)', items, footer: 'end' });
    expectWithinLimits(messages);
    const seen = [...allText(messages).matchAll(/\*(item-\d+)\*/g)].map((m) => m[1]);
    expect(seen).toEqual(items.map((i) => i.label));
  });

  it('keeps every generated reply within Block Kit limits', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 4000 });
    const card = fc.record({
      id: fc.string(),
      title: text,
      url: fc.oneof(fc.webUrl(), fc.string()),
      source: text,
      publishedAt: fc.option(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        { nil: undefined },
      ),
      summary: text,
      topics: fc.array(fc.string(), { maxLength: 3 }),
      alsoCoveredBy: fc.array(fc.record({ source: text, url: fc.webUrl() }), { maxLength: 12 }),
      articleIds: fc.array(fc.string(), { maxLength: 2 }),
    });
    const reply: fc.Arbitrary<Reply> = fc.oneof(
      fc.record({
        kind: fc.constant('stories' as const),
        title: text,
        stories: fc.array(card, { maxLength: 30 }),
      }),
      fc.record({
        kind: fc.constant('notice' as const),
        level: fc.constantFrom('info' as const, 'success' as const, 'warning' as const, 'error' as const),
        text: fc.string({ minLength: 1, maxLength: 5000 }),
        hint: fc.option(text, { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('list' as const),
        title: text,
        items: fc.array(
          fc.record({ label: fc.string({ minLength: 1 }), detail: fc.option(text, { nil: undefined }) }),
          {
            maxLength: 80,
          },
        ),
        footer: fc.option(text, { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('digest' as const),
        title: text,
        subtitle: fc.option(text, { nil: undefined }),
        sections: fc.array(fc.record({ topic: text, stories: fc.array(card, { maxLength: 15 }) }), {
          maxLength: 5,
        }),
        footer: fc.option(text, { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(reply, (r) => {
        for (const message of renderSlackMessages(r)) expect(blockKitViolations(message)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
