import { z } from 'zod';
import { defineCommand } from './define.ts';
import { parseKeyValues } from './parse-text.ts';
import { resolveTopicQuery } from './topic-query.ts';

/** Stories per page of `/news`. */
export const NEWS_PAGE_SIZE = 5;

/** `/news <query>`: the most relevant recent stories, one card each. */
export const newsCommand = defineCommand({
  name: 'news',
  description: 'Search the latest tech-policy stories',
  usage: ['/news <query> [page:N]', '/news topic:<name> [page:N]'],
  options: z
    .object({
      query: z
        .string({ error: 'a search query is required' })
        .trim()
        .min(1, { error: 'the query is empty: type what to look for, e.g. /news huawei' })
        .max(500, {
          error: (issue) =>
            `the query is too long (${String(issue.input).length} characters); keep it under 500`,
        })
        .optional()
        .describe('What to look for, e.g. huawei or "export controls"'),
      // Discord's typed form `/news topic:huawei`; Slack and the console keep `topic:` inside the query text.
      topic: z
        .string()
        .trim()
        .min(1, { error: 'the topic is empty: name one, e.g. topic:huawei' })
        .max(80, { error: 'a topic name is 80 characters at most' })
        .optional()
        .describe('A topic to follow, e.g. huawei'),
      page: z.coerce
        .number({ error: 'page must be a number' })
        .int({ error: 'page must be a whole number' })
        .min(1, { error: 'page starts at 1' })
        .max(50, { error: 'page can be at most 50' })
        .default(1)
        .describe('Which page of results'),
    })
    .refine((options) => options.query !== undefined || options.topic !== undefined, {
      error: 'a search query is required: type what to look for, e.g. /news huawei',
    }),
  parseText(text) {
    const { values, rest } = parseKeyValues(text, ['page']);
    return { query: rest, ...(values.page === undefined ? {} : { page: values.page }) };
  },
  async run(ctx, options) {
    const { page } = options;
    const topic = options.topic ? await resolveTopicQuery(ctx, options.topic) : undefined;
    const query = [topic?.query, options.query].filter(Boolean).join(' ');
    const shown = [topic?.label, options.query].filter(Boolean).join(' · ');
    const next = [options.topic ? `topic:${options.topic}` : undefined, options.query]
      .filter(Boolean)
      .join(' ');
    const result = await ctx.core.news.search(query, { tenant: ctx.tenant, page, pageSize: NEWS_PAGE_SIZE });
    if (result.stories.length === 0) {
      return {
        kind: 'notice',
        level: 'info',
        text:
          page > 1 && result.total > 0
            ? `No more results for "${shown}" (${result.total} in all).`
            : `Nothing matches "${shown}" yet.`,
        hint: 'Try fewer or broader words, e.g. /news huawei, or check the spelling.',
      };
    }
    const pages = Math.ceil(result.total / NEWS_PAGE_SIZE);
    return {
      kind: 'stories',
      title: `News for "${shown}"`,
      stories: result.stories,
      footer:
        pages > 1
          ? `Page ${page} of ${pages} · ${result.total} stories · next: /news ${next} page:${page + 1}`
          : `${result.total} ${result.total === 1 ? 'story' : 'stories'}`,
    };
  },
});
