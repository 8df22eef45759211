import type { Article } from '../article.ts';

/** One event as reported by one or more outlets. */
export interface Story {
  /** Stable id: the representative article's id. */
  id: string;
  /** The article whose title, summary and link stand for the story. */
  representative: Article;
  /** Every article in the story, representative first. */
  articles: Article[];
}

/** The clustering port: groups articles that report the same event across outlets. */
export interface StoryClusterer {
  cluster(articles: Article[]): Story[];
}
