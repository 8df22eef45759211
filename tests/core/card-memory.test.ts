import { describe, expect, it } from 'vitest';
import { createCardMemory } from '../../src/core/card-memory.ts';
import { makeArticle } from '../helpers/articles.ts';

describe('the memory of recent article cards', () => {
  it('keeps what a card shows (title, link, summary, date, source) and no text', () => {
    const memory = createCardMemory(10);
    const article = makeArticle('kept', { summary: 'A short summary.', text: 'A long body '.repeat(100) });
    memory.remember(article);
    const [card] = memory.recall([article.id]);
    expect(card).toMatchObject({
      id: article.id,
      title: article.title,
      url: article.canonicalUrl,
      summary: 'A short summary.',
      publishedAt: article.publishedAt,
      source: article.source,
    });
    expect(JSON.stringify(card)).not.toContain('A long body');
  });

  it('holds at most its limit, dropping the card used least recently', () => {
    const memory = createCardMemory(3);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((key) => makeArticle(`lru-${key}`));
    memory.remember(a!);
    memory.remember(b!);
    memory.remember(c!);
    memory.remember(a!); // used again: now the newest
    memory.remember(d!);
    expect(memory.size).toBe(3);
    expect(memory.recall([a!.id, b!.id, c!.id, d!.id]).map((card) => card?.id)).toEqual([
      a!.id,
      undefined,
      c!.id,
      d!.id,
    ]);
    memory.forget(c!.id);
    expect(memory.recall([c!.id])).toEqual([undefined]);
  });
});
