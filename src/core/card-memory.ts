import type { Article } from './article.ts';
import type { ArticleStore } from './ports/article-store.ts';
import type { StoryCard } from './reply.ts';
import { toStoryCard } from './story-card.ts';

/**
 * The search index holds ids, not titles, so while the store is unreachable `/news` could show nothing.
 * This keeps the cards (title, link, summary, date, source) of the articles this process wrote or read
 * lately, newest use last, bounded so memory stays flat whatever the size of the store.
 */
export interface CardMemory {
  /** Keeps (or refreshes) the card of an article just written or read. */
  remember(article: Article): void;
  /** The remembered cards of these ids, in order, undefined where none is kept. */
  recall(ids: string[]): (StoryCard | undefined)[];
  /** Forgets a deleted article. */
  forget(id: string): void;
  readonly size: number;
}

/** Cards kept by default: a few megabytes, enough for the stories people asked about in the last hours. */
export const DEFAULT_CARD_MEMORY = 5_000;

/** A card memory holding at most `limit` cards, dropping the least recently used. */
export function createCardMemory(limit = DEFAULT_CARD_MEMORY): CardMemory {
  // A Map iterates in insertion order: re-inserting on use makes its first key the least recently used.
  const cards = new Map<string, StoryCard>();
  return {
    remember(article) {
      cards.delete(article.id);
      // No text and no score: a kept card costs about its summary.
      const { score: _, ...card } = toStoryCard(article);
      cards.set(article.id, card);
      if (cards.size > limit) cards.delete(cards.keys().next().value!);
    },
    recall(ids) {
      return ids.map((id) => cards.get(id));
    },
    forget(id) {
      cards.delete(id);
    },
    get size() {
      return cards.size;
    },
  };
}

/** The article store with every article it writes or reads (one at a time or by id) remembered as a card. */
export function rememberingArticles(store: ArticleStore, memory: CardMemory): ArticleStore {
  return {
    ...store,
    async get(id) {
      const article = await store.get(id);
      if (article) memory.remember(article);
      return article;
    },
    async getMany(ids) {
      const found = await store.getMany(ids);
      for (const article of found) if (article) memory.remember(article);
      return found;
    },
    async put(article) {
      await store.put(article);
      memory.remember(article);
    },
    async delete(id) {
      const deleted = await store.delete(id);
      memory.forget(id);
      return deleted;
    },
  };
}
