import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, dispatchLine } from '../../commands/dispatch.ts';
import type { Reply } from '../../src/core/reply.ts';
import { saveStoryFixtures } from '../helpers/articles.ts';
import { contextFor } from '../helpers/context.ts';
import { createTestCore, type TestCore } from '../helpers/temp-store.ts';

let host: TestCore;

beforeAll(async () => {
  host = await createTestCore({ now: '2026-11-01T12:00:00Z' });
  // The story fixtures, ingested through the real writer (summaries, tags) into a real SQLite store.
  await saveStoryFixtures(host.core.writer);
});
afterAll(async () => host.close());

const news = (text: string) => dispatchLine(`/news ${text}`, contextFor(host, { isAdmin: false }));

function stories(reply: Reply) {
  if (reply.kind !== 'stories') throw new Error(`expected stories, got ${JSON.stringify(reply)}`);
  return reply.stories;
}

describe('/news with search, topics and stories', () => {
  it('shows one card per story, with the other outlets as "also covered by"', async () => {
    const cards = stories(await news('meta within ftc'));
    const card = cards[0]!;
    expect(card.title).toMatch(/Meta|Within/);
    expect(card.articleIds).toHaveLength(3);
    expect(card.alsoCoveredBy.map((o) => o.source).sort()).toEqual(
      ['Policy Post', 'Tech Ledger', 'Wire Daily'].filter((s) => s !== card.source).sort(),
    );
    expect(cards.filter((c) => c.articleIds.some((id) => card.articleIds.includes(id)))).toHaveLength(1);
  });

  it('finds Huawei from "huwei" and says which spelling it used', async () => {
    const reply = await news('huwei');
    expect(stories(reply)[0]!.title).toMatch(/Huawei/);
    expect(reply.kind === 'stories' && reply.footer).toMatch(/Showing matches for "huawei"/);
  });

  it("heads a topic filter's answer with the topic's label, not the typed filter", async () => {
    const byTopic = await news('topic:huawei');
    expect(byTopic.kind === 'stories' && byTopic.title).toBe('News in Huawei');
    const both = await news('teardown topic:huawei');
    expect(both.kind === 'stories' && both.title).toBe('News for "teardown" in Huawei');
  });

  it('tags articles at ingest, so built-in topic and agency filters work', async () => {
    const byTopic = stories(await news('topic:huawei'));
    expect(byTopic.length).toBeGreaterThan(0);
    for (const card of byTopic) expect(card.topics).toContain('huawei');
    const cnil = stories(await news('agency:cnil'));
    expect(cnil.map((c) => c.title).join(' ')).toMatch(/CNIL/);
    expect(stories(await news('fines jurisdiction:fr')).length).toBeGreaterThan(0);
  });

  it('pages: page:2 continues where page 1 stopped and the footer says how to get the next page', async () => {
    const first = await news('commission');
    const second = await news('commission page:2');
    const one = stories(first).map((c) => c.id);
    const two = stories(second).map((c) => c.id);
    expect(one).toHaveLength(5);
    expect(two.length).toBeGreaterThan(0);
    expect(two.filter((id) => one.includes(id))).toEqual([]);
    expect(first.kind === 'stories' && first.footer).toMatch(/page:2/);
  });

  it('past the last page, says there are no more and how to go back', async () => {
    const reply = await news('huawei page:9');
    expect(reply).toMatchObject({ kind: 'notice', level: 'info' });
    expect(reply.kind === 'notice' && `${reply.text} ${reply.hint}`).toMatch(/No more stories.*page:8/s);
  });

  it('a near spelling is searched directly; a farther one gets a "did you mean" hint', async () => {
    expect(stories(await news('netherlandz'))[0]!.title).toMatch(/Netherlands/);
    const reply = await news('hauweii');
    expect(reply).toMatchObject({ kind: 'notice', level: 'info' });
    expect(reply.kind === 'notice' && reply.text).toMatch(/Nothing matches "hauweii"/);
    expect(reply.kind === 'notice' && reply.hint).toMatch(/Did you mean: \/news huawei/);
  });

  it('when filters remove every match, says so rather than "no results"', async () => {
    const reply = await news('huawei since:1d');
    expect(reply.kind === 'notice' && reply.text).toMatch(/match the words, but none pass your filters/);
  });

  it('an unknown topic filter is an error naming the topic and pointing at /topics list', async () => {
    const reply = await news('topic:quantum-widgets');
    expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
    expect(reply.kind === 'notice' && `${reply.text} ${reply.hint}`).toMatch(
      /quantum-widgets.*\/topics list/s,
    );
  });

  describe('adversarial queries get clear answers, never a crash', () => {
    it('10,000 characters: refused with the length and the limit', async () => {
      const reply = await dispatch(
        { name: 'news', options: { query: 'x'.repeat(10_000) } },
        contextFor(host, { isAdmin: false }),
      );
      expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
      expect(reply.kind === 'notice' && reply.text).toMatch(/too long \(10000 characters\).*500/);
      const line = await news('y'.repeat(10_000));
      expect(line.kind === 'notice' && line.text).toMatch(/too long/);
    });

    it('regex metacharacters are searched as text', async () => {
      const reply = await news(`.*+?^$\u007b}()|[]\\ huawei`);
      expect(stories(reply)[0]!.title).toMatch(/Huawei/);
      const only = await news(`.*+?^$\u007b}()|[]\\`);
      expect(only).toMatchObject({ kind: 'notice', level: 'info' });
      expect(only.kind === 'notice' && only.text).toMatch(/Nothing to search for/);
    });

    it('emoji and other Unicode', async () => {
      const emoji = await news('🙂🔥');
      expect(emoji.kind === 'notice' && emoji.hint).toMatch(/Try a word/);
      const mixed = await news('🔥 Huawei 华为 ümlaut');
      expect(mixed.kind).toBe('stories');
    });

    it('empty', async () => {
      const reply = await news('');
      expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
      expect(reply.kind === 'notice' && reply.text).toMatch(/query is empty/);
    });

    it('a malformed filter', async () => {
      const reply = await news('huawei since:whenever');
      expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
      expect(reply.kind === 'notice' && reply.hint).toMatch(/since:7d/);
    });
  });
});

describe('/news footer counts', () => {
  it('says which cards match only some of the words, so the count agrees with the cards shown', async () => {
    const reply = await news('meta within ftc');
    const cards = stories(reply);
    const footer = reply.kind === 'stories' ? (reply.footer ?? '') : '';
    const said =
      /(\d+) articles? (?:has|have) every word; cards? ([\d, and]+) match(?:es)? only some of them/.exec(
        footer,
      );
    expect(said, footer).not.toBeNull();
    const partial = said![2]!.split(/, | and /).map(Number);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((n) => n >= 1 && n <= cards.length)).toBe(true);
    // Every card not named holds articles with every word, and the total counts at least those.
    const full = cards.filter((_, i) => !partial.includes(i + 1));
    expect(full.length).toBeGreaterThan(0);
    expect(Number(said![1])).toBeGreaterThanOrEqual(full.length);
    expect(footer).not.toMatch(/\d+ matching articles?/);
  });

  it('keeps the plain count when every card has every word', async () => {
    const reply = await news('huawei');
    expect(reply.kind === 'stories' && reply.footer).toMatch(/\d+ matching articles?$/);
  });
});

describe('/news replies that say what went wrong', () => {
  const said = (reply: Reply) =>
    reply.kind === 'notice' ? `${reply.text} ${reply.hint ?? ''}` : JSON.stringify(reply);

  it('a query of only excluded words asks for a word to search for, not about symbols or emoji', async () => {
    const reply = await news('-huawei');
    expect(reply).toMatchObject({ kind: 'notice', level: 'info' });
    expect(said(reply)).toMatch(/only has words to leave out/);
    expect(said(reply)).toMatch(/needs a word to search for/);
    expect(said(reply)).not.toMatch(/symbols, emoji/);
  });

  it('a filter with nothing after its colon asks for a value and says where values are listed', async () => {
    const source = await news('source:');
    expect(said(source)).toMatch(/source: needs a value/);
    expect(said(source)).toMatch(/\/sources list/);
    expect(said(source)).not.toMatch(/Nothing matches|Did you mean/);
    expect(said(await news('huawei topic:'))).toMatch(/topic: needs a value.*\/topics/);
  });

  it('words that look like another command point at that command, not at other words', async () => {
    const listed = await news('sources list');
    expect(JSON.stringify(listed)).toMatch(/\/sources list/);
    expect(JSON.stringify(listed)).not.toMatch(/\/news sources \w/);
    const help = await news('help');
    expect(said(help)).toMatch(/Did you mean the command \/help\?/);
    expect(said(help)).not.toMatch(/\/news/);
  });

  it('a query typed in quotes is shown once quoted, not in doubled quotes', async () => {
    const reply = await news('"zzqxv"');
    expect(reply.kind === 'notice' && reply.text).toMatch(/^Nothing matches "zzqxv"/);
    expect(said(reply)).not.toContain('""');
  });

  it('a query with a quote left open is shown closed, as the search read it', async () => {
    const reply = await news('"zzqxv wwkkq');
    expect(reply.kind === 'notice' && reply.text).toMatch(/^Nothing matches "zzqxv wwkkq" yet\./);
  });
});
