import { z } from 'zod';
import { balanceQuotes, splitTopicFilters } from '../src/core/search/query-parser.ts';
import { defineCommand } from './define.ts';
import {
  commandLike,
  emptyFilterReply,
  FROM_MEMORY,
  matchCount,
  noResults,
  quoted,
  WARMING,
  withReadAs,
} from './news-replies.ts';
import { parseKeyValues } from './parse-text.ts';

/** Stories per page of `/news`. */
export const NEWS_PAGE_SIZE = 5;

/** The options of /news: typed in Discord, read from the text on Slack and the console. */
const newsOptions = z
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
    // Discord's typed form `/news topic:huawei`; Slack and the console write `topic:` inside the query text.
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
  });

/** Text cut to fit a header. */
const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text);

/**
 * `/news <query>`: the most relevant recent stories, one card each. `commandNames` are the other commands,
 * so words that look like one (`/news sources list`) are pointed at it.
 */
export const createNewsCommand = (commandNames: () => readonly string[]) =>
  defineCommand({
    name: 'news',
    description: 'Search the latest tech-policy stories',
    usage: [
      '/news <query> [page:N]',
      '/news "export controls" -tiktok since:7d before:2026-11-01',
      '/news huawei source:reuters topic:5g-telecom-security jurisdiction:eu agency:ftc',
    ],
    options: newsOptions,
    parseText(text) {
      const { values, rest } = parseKeyValues(text, ['page']);
      return { query: rest, ...(values.page === undefined ? {} : { page: values.page }) };
    },
    async run(ctx, options) {
      const { page } = options;
      const empty = options.query ? emptyFilterReply(options.query) : undefined;
      if (empty) return empty;
      const topic = options.topic ? await ctx.core.topics.resolve(ctx.tenant, options.topic) : undefined;
      const query = [topic?.query, options.query].filter(Boolean).join(' ');
      const result = await ctx.core.news.search(query, {
        tenant: ctx.tenant,
        page,
        pageSize: NEWS_PAGE_SIZE,
      });
      // The header names topics by label (the search looked them up), and the typed words apart from them.
      const parts = splitTopicFilters(options.query ?? '');
      const labels = result.topicLabels ?? parts.topics;
      const topics = [topic?.label, ...labels].filter((t): t is string => Boolean(t));
      const shown = clip(parts.rest || topics.join(', ') || query);
      // A quote left open is closed at the end, filters after it kept: say so, since it was a guess.
      const balanced = options.query ? balanceQuotes(options.query) : undefined;
      const readAs = balanced?.guessed ? `Read as: ${balanced.text || '(nothing)'}` : undefined;
      const command = options.query ? commandLike(options.query, commandNames()) : undefined;
      if (result.stories.length === 0) return withReadAs(noResults(shown, page, result, command), readAs);
      const notes: string[] = readAs ? [readAs] : [];
      // Only when the words fit badly: "/news digest rules" finding stories is a search, not a slip.
      if (command && (result.ignored?.length || result.relaxed || result.suggestion))
        notes.push(`Looking for the command? Type ${command}`);
      if (result.suggestion) notes.push(`Showing matches for "${result.suggestion}"`);
      if (result.ignored?.length)
        notes.push(`No article mentions ${result.ignored.map((w) => `"${w}"`).join(', ')}`);
      if (result.relaxed) notes.push('No story has every word; these have some of them');
      if (result.warming) notes.push(WARMING);
      if (result.fromMemory) notes.push(FROM_MEMORY);
      // The last page says so only when nothing follows it; page 50 is as far as paging goes.
      const paging = !result.hasMore
        ? `Page ${page} of ${page} · ${matchCount(result)}`
        : page < 50
          ? `Page ${page} · ${matchCount(result)} · next: /news ${query} page:${page + 1}`
          : `Page ${page} · ${matchCount(result)} · pages stop at 50: add words or a filter to narrow the search`;
      return {
        kind: 'stories',
        title:
          parts.rest && topics.length > 0
            ? `News for ${quoted(shown)} in ${clip(topics.join(', '))}`
            : parts.rest
              ? `News for ${quoted(shown)}`
              : `News in ${shown}`,
        stories: result.stories,
        footer: [...notes, paging].join(' · '),
      };
    },
  });
