import type { Article } from './article.ts';
import type { StoryCard } from './reply.ts';

/** The card for a single article; clustering adds the other outlets. */
export function toStoryCard(article: Article, score?: number): StoryCard {
  return {
    id: article.id,
    title: article.title,
    url: article.canonicalUrl,
    source: article.source,
    ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
    summary: article.summary,
    topics: article.topics,
    alsoCoveredBy: [],
    articleIds: [article.id],
    ...(score === undefined ? {} : { score: Math.round(score * 1000) / 1000 }),
  };
}
