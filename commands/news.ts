import { z } from 'zod';
import type { NewsPage } from '../src/core/news-service.ts';
import { notice, type Reply } from '../src/core/reply.ts';
import { balanceQuotes, parseQuery } from '../src/core/search/query-parser.ts';
import { defineCommand } from './define.ts';
import { parseKeyValues } from './parse-text.ts';

/** Stories per page of `/news`. */
export const NEWS_PAGE_SIZE = 5;

/** `/news <query>`: the most relevant recent stories, one card each. */
export const newsCommand = defineCommand({
  name: 'news',
  description: 'Search the latest tech-policy stories',
  usage: [
    '/news <query> [page:N]',
    '/news "export controls" -tiktok since:7d before:2026-11-01',
    '/news huawei source:reuters topic:5g-telecom-security jurisdiction:eu agency:ftc',
  ],
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
    }),
  parseText(text) {
    const { values, rest } = parseKeyValues(text, ['page']);
    return { query: rest, ...(values.page === undefined ? {} : { page: values.page }) };
  },
  async run(ctx, options) {
    const { page } = options;
    const topic = options.topic ? await ctx.core.topics.resolve(ctx.tenant, options.topic) : undefined;
    const query = [topic?.query, options.query].filter(Boolean).join(' ');
    const result = await ctx.core.news.search(query, { tenant: ctx.tenant, page, pageSize: NEWS_PAGE_SIZE });
    const described = [topic?.label, options.query].filter(Boolean).join(' · ') || query;
    const shown = described.length > 80 ? `${described.slice(0, 77)}...` : described;
    // A quote left open is closed at the end, filters after it kept: say so, since it was a guess.
    const balanced = options.query ? balanceQuotes(options.query) : undefined;
    const readAs = balanced?.guessed ? `Read as: ${balanced.text || '(nothing)'}` : undefined;
    if (result.stories.length === 0) return withReadAs(noResults(shown, page, result), readAs);
    const pages = Math.max(page, Math.ceil(result.total / NEWS_PAGE_SIZE));
    const notes: string[] = readAs ? [readAs] : [];
    if (result.suggestion) notes.push(`Showing matches for "${result.suggestion}"`);
    if (result.ignored?.length)
      notes.push(`No article mentions ${result.ignored.map((w) => `"${w}"`).join(', ')}`);
    if (result.relaxed) notes.push('No story has every word; these have some of them');
    if (result.warming) notes.push(WARMING);
    if (result.fromMemory) notes.push(FROM_MEMORY);
    const paging =
      result.hasMore && page < 50
        ? `Page ${page} · ${result.total} matching articles · next: /news ${query} page:${page + 1}`
        : `Page ${page} of ${pages} · ${result.total} matching ${result.total === 1 ? 'article' : 'articles'}`;
    return {
      kind: 'stories',
      title: `News for "${shown}"`,
      stories: result.stories,
      footer: [...notes, paging].join(' · '),
    };
  },
});

/** Puts "Read as: …" in front of a notice's hint. */
function withReadAs(reply: Reply, readAs: string | undefined): Reply {
  if (!readAs || reply.kind !== 'notice') return reply;
  return { ...reply, hint: reply.hint ? `${readAs}. ${reply.hint}` : readAs };
}

/** Footer note while a brand-new instance is still building its index from the store. */
const WARMING = 'Results are still warming up: this instance is still loading articles from the store';

/** Footer note on an answer given from this instance's memory of recent articles during a store outage. */
const FROM_MEMORY =
  'Results are from memory while the news store is unreachable: only articles this instance saw lately are shown';

/** True when the query narrows by date, source, topic, place, agency or an exclusion. */
function hasFilters(query: string): boolean {
  const parsed = parseQuery(query, new Date());
  return (
    parsed.since !== undefined ||
    parsed.before !== undefined ||
    parsed.excludeTerms.length + parsed.excludePhrases.length > 0 ||
    parsed.sources.length + parsed.topics.length + parsed.jurisdictions.length + parsed.agencies.length > 0
  );
}

/** The answer when nothing is shown, saying why and what to try instead. */
function noResults(query: string, page: number, result: NewsPage): Reply {
  if (result.unreadable) {
    return notice(
      'warning',
      'The news store is unreachable right now, try again in a minute.',
      'Matching articles are indexed here but could not be read back from the store.',
    );
  }
  if (result.warming && !result.problem) {
    return notice(
      'info',
      `Nothing matches "${query}" yet: ${WARMING.toLowerCase()}.`,
      'Try again in a minute.',
    );
  }
  if (result.problem) {
    return notice(
      'info',
      `Nothing to search for in "${query}".`,
      `${result.problem} Try a word, e.g. /news huawei.`,
    );
  }
  if (page > 1 && result.total > 0) {
    return notice(
      'info',
      `No more stories for "${query}" (${result.total} matching articles in all).`,
      `Go back with /news ${query} page:${page - 1}.`,
    );
  }
  if (result.suggestion) {
    return notice('info', `Nothing matches "${query}".`, `Did you mean: /news ${result.suggestion}`);
  }
  // Only with a filter given: on a recovering store the words can match what the store cannot return.
  if (result.beforeFilters && result.beforeFilters > 0 && hasFilters(query)) {
    return notice(
      'info',
      `${result.beforeFilters} articles match the words, but none pass your filters.`,
      'Widen or drop a filter (since:, before:, source:, topic:, jurisdiction:, agency:) or a -exclusion.',
    );
  }
  return notice(
    'info',
    `Nothing matches "${query}" yet.`,
    'Try fewer or broader words, e.g. /news huawei, a topic like /news topic:ai-regulation, or check the spelling.',
  );
}
