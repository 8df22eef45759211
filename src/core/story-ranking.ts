import type { Article } from './article.ts';
import type { Story } from './ports/story-clusterer.ts';

/** A story placed in an answer: the article that stands for it and the relevance it is ranked by. */
export interface RankedStory extends Story {
  /** The best search score among the story's articles. */
  score: number;
}

/**
 * An article may stand for its story, when fresher, if it is at least this share as relevant as the
 * story's best match: an update of the same event, not a roundup that mentions it in passing.
 */
const VERSION_SHARE = 0.5;

/**
 * An undated story ranks as if this share as relevant: a dated story at equal (or nearly equal)
 * relevance comes first, since an undated article's age is unknown and may be years. Chosen up front,
 * not tuned on the judged queries.
 */
const UNDATED_SHARE = 0.9;

/**
 * Orders stories for an answer and picks each one's representative: the freshest dated version among
 * its articles that are nearly as relevant as its best, so an updated story shows its latest telling.
 * Stories rank by their best article's score, undated ones discounted by UNDATED_SHARE; ties keep the
 * search order.
 */
export function rankStories(stories: readonly Story[], scores: ReadonlyMap<string, number>): RankedStory[] {
  const ranked = stories.map((story, order) => {
    const score = Math.max(0, ...story.articles.map((a) => scores.get(a.id) ?? 0));
    const representative = freshestVersion(story, scores, score);
    const articles = [representative, ...story.articles.filter((a) => a !== representative)];
    const dated = articles.some((a) => publishedMs(a) !== undefined);
    return {
      ranked: { id: representative.id, representative, articles, score },
      key: dated ? score : score * UNDATED_SHARE,
      order,
    };
  });
  ranked.sort((a, b) => b.key - a.key || a.order - b.order);
  return ranked.map((r) => r.ranked);
}

function freshestVersion(story: Story, scores: ReadonlyMap<string, number>, best: number): Article {
  let chosen: Article | undefined;
  let chosenMs = Number.NEGATIVE_INFINITY;
  for (const article of story.articles) {
    const ms = publishedMs(article);
    if (ms === undefined || (scores.get(article.id) ?? 0) < best * VERSION_SHARE) continue;
    // Same publication time: the one stored later is the later edit.
    if (ms > chosenMs || (ms === chosenMs && chosen && article.updatedAt > chosen.updatedAt)) {
      chosen = article;
      chosenMs = ms;
    }
  }
  return chosen ?? story.representative;
}

function publishedMs(article: Article): number | undefined {
  if (!article.publishedAt) return undefined;
  const ms = Date.parse(article.publishedAt);
  return Number.isNaN(ms) ? undefined : ms;
}
