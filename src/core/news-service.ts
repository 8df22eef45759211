import type { Article } from './article.ts';
import type { StoryCard } from './reply.ts';
import type { SearchIndex } from './search/search-index.ts';
import type { ArticleStore } from './store/ports.ts';
import { type Tenant, tenantKey } from './tenant.ts';

/** A page of search results as story cards. */
export interface NewsPage {
  stories: StoryCard[];
  total: number;
}

/** Answers `/news`: search, then one card per story, only what the tenant may see. */
export interface NewsService {
  search(query: string, options: { tenant: Tenant; page: number; pageSize: number }): Promise<NewsPage>;
}

/** Creates the news service over the search index and the article store. */
export function createNewsService(deps: {
  index: SearchIndex;
  articles: ArticleStore;
  now: () => Date;
}): NewsService {
  return {
    async search(query, { tenant, page, pageSize }) {
      const { hits, total } = deps.index.search(query, {
        owner: tenantKey(tenant),
        limit: pageSize,
        offset: (page - 1) * pageSize,
        now: deps.now(),
      });
      const articles = await deps.articles.getMany(hits.map((hit) => hit.id));
      const stories: StoryCard[] = [];
      articles.forEach((article, index) => {
        if (article) stories.push(toStoryCard(article, hits[index]?.score));
      });
      return { stories, total };
    },
  };
}

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
