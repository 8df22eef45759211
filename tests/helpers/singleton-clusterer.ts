import type { StoryClusterer } from '../../src/core/ports/story-clusterer.ts';

/** The trivial clusterer: every article is its own story, for tests about one article at a time. */
export function createSingletonClusterer(): StoryClusterer {
  return {
    cluster: (articles) =>
      articles.map((article) => ({ id: article.id, representative: article, articles: [article] })),
  };
}
