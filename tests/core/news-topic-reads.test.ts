import { afterAll, describe, expect, it } from 'vitest';
import { createNewsService } from '../../src/core/news-service.ts';
import { topicSchema } from '../../src/core/ports/topic-service.ts';
import { createInvertedIndex } from '../../src/core/search/inverted-index.ts';
import { createStores } from '../../src/core/store/open-stores.ts';
import { createTopicService } from '../../src/core/topics/topic-service.ts';
import { makeArticle, NOW } from '../helpers/articles.ts';
import { createSingletonClusterer } from '../helpers/singleton-clusterer.ts';
import { tempDir } from '../helpers/temp-store.ts';

const temp = tempDir();
afterAll(() => temp.cleanup());
const tenant = { platform: 'slack' as const, id: 'TREADS' };

/**
 * On Redis or PostgreSQL each read of a tenant's topics is a round trip; one per card (five per page) kept
 * instances behind at 10 /news a second. A page of cards, a topic filter and all, reads them once.
 */
describe('a /news page and the tenant topics', () => {
  it('reads the tenant topics from the store once for a page of five tagged cards', async () => {
    const stores = await createStores({ url: `sqlite://${temp.dir}/reads.sqlite` });
    try {
      const real = stores.tenantStore('topics', topicSchema);
      let lists = 0;
      const counted = {
        ...real,
        list: (t: typeof tenant) => {
          lists++;
          return real.list(t);
        },
      };
      const topics = createTopicService({ store: counted });
      await topics.add(tenant, {
        name: 'fibre-watch',
        label: 'Fibre watch',
        query: 'fibre',
        aliases: [],
        builtIn: false,
      });
      const index = createInvertedIndex();
      for (let i = 0; i < 7; i++) {
        const article = makeArticle(`fibre-${i}`, {
          title: `County ${i} lays fibre`,
          text: `County ${i} lays fibre along its roads, the council said on Tuesday.`,
        });
        await stores.articles.put(article);
        index.add(article);
      }
      const news = createNewsService({
        index,
        articles: stores.articles,
        now: () => NOW,
        topics,
        clusterer: createSingletonClusterer(),
      });
      lists = 0;
      const page = await news.search('fibre topic:fibre-watch', { tenant, page: 1, pageSize: 5 });
      expect(page.stories).toHaveLength(5);
      expect(page.stories.every((card) => card.topics.includes('fibre-watch'))).toBe(true);
      expect(lists).toBe(1);
    } finally {
      await stores.close();
    }
  });
});
