import type { NewsPage } from '../src/core/news-service.ts';
import { notice, type Reply } from '../src/core/reply.ts';
import { parseQuery } from '../src/core/search/query-parser.ts';
import { countOf, plural } from '../src/core/text/plural.ts';

/** Footer note while a brand-new instance is still building its index from the store. */
export const WARMING = 'Results are still warming up: this instance is still loading articles from the store';

/** Footer note on an answer given from this instance's memory of recent articles during a store outage. */
export const FROM_MEMORY =
  'Results are from memory while the news store is unreachable: only articles this instance saw lately are shown';

/** A query in quotes for a reply, unless it has its own: `""help""` would read as a typo of ours. */
export function quoted(query: string): string {
  if (!/["“”]/.test(query)) return `"${query}"`;
  // A quote left open (`"export controls`) is closed, as the search closed it.
  return (query.match(/"/g) ?? []).length % 2 === 1 ? `${query}"` : query;
}

/** Puts "Read as: …" in front of a notice's hint. */
export function withReadAs(reply: Reply, readAs: string | undefined): Reply {
  if (!readAs || reply.kind !== 'notice') return reply;
  return { ...reply, hint: reply.hint ? `${readAs}. ${reply.hint}` : readAs };
}

/** What each filter takes, and where its values are listed: said when one is typed with nothing after it. */
const FILTER_VALUES: ReadonlyMap<string, string> = new Map([
  ['source', 'a source name, e.g. source:reuters; /sources list shows the sources this workspace follows'],
  ['topic', 'a topic name, e.g. topic:huawei; /topics lists the topics'],
  ['since', 'a date or an age, e.g. since:7d or since:2026-10-01'],
  ['before', 'a date or an age, e.g. before:2026-11-01 or before:30d'],
  ['jurisdiction', 'a place, e.g. jurisdiction:eu or jurisdiction:us'],
  ['agency', 'an agency, e.g. agency:ftc or agency:cnil'],
  ['kind', 'a kind of document, e.g. kind:rule or kind:proposed-rule'],
  ['ref', 'a document reference, e.g. ref:2026-12345'],
]);

/**
 * The reply to a filter typed with no value (`/news source:`), which would otherwise be searched as the
 * word "source" and answered "Nothing matches"; undefined when every filter has its value.
 */
export function emptyFilterReply(query: string): Reply | undefined {
  for (const word of query.split(/\s+/)) {
    const key = /^([a-z]+):$/i.exec(word)?.[1]?.toLowerCase();
    const takes = key === undefined ? undefined : FILTER_VALUES.get(key);
    if (takes) return notice('info', `${key}: needs a value after the colon.`, `Give it ${takes}.`);
  }
  return undefined;
}

/**
 * The command a query looks like, when its first word is another command's name (`/news sources list`
 * was meant as `/sources list`): a "did you mean" on such words would only suggest other words.
 */
export function commandLike(query: string, commandNames: readonly string[]): string | undefined {
  const [first, ...rest] = query.trim().split(/\s+/);
  const name = first?.replace(/^\//, '').toLowerCase();
  if (!name || name === 'news' || !commandNames.includes(name)) return undefined;
  return [`/${name}`, ...rest].join(' ');
}

/**
 * How many articles match, in words that agree with the cards shown: `total` counts articles with every
 * query word, so when cards of partial matches are on the page, they are named rather than left to
 * contradict the count ("2 matching articles" under 5 cards).
 */
export function matchCount(result: NewsPage): string {
  const partial = result.partialCards ?? [];
  if (partial.length === 0) return countOf(result.total, 'matching article');
  const positions =
    partial.length === 1
      ? `${partial[0]}`
      : `${partial.slice(0, -1).join(', ')} and ${partial[partial.length - 1]}`;
  return `${countOf(result.total, 'article')} ${plural(result.total, 'has', 'have')} every word; ${plural(
    partial.length,
    'card',
  )} ${positions} ${plural(partial.length, 'matches', 'match')} only some of them`;
}

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

/** True when the query has words to leave out and none to look for (`/news -huawei`). */
function onlyExclusions(query: string): boolean {
  const parsed = parseQuery(query, new Date());
  return parsed.terms.length === 0 && parsed.excludeTerms.length + parsed.excludePhrases.length > 0;
}

/** The answer when nothing is shown, saying why and what to try instead; `command` is what the words look like. */
export function noResults(query: string, page: number, result: NewsPage, command?: string): Reply {
  const shown = quoted(query);
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
      `Nothing matches ${shown} yet: ${WARMING.toLowerCase()}.`,
      'Try again in a minute.',
    );
  }
  if (result.problem && onlyExclusions(query)) {
    return notice(
      'info',
      `Nothing to search for in ${shown}: it only has words to leave out.`,
      'A -word drops stories that have it, so it needs a word to search for beside it, e.g. /news export controls -huawei.',
    );
  }
  if (result.problem) {
    return notice(
      'info',
      `Nothing to search for in ${shown}.`,
      `${result.problem} Try a word, e.g. /news huawei.`,
    );
  }
  if (page > 1 && result.total > 0) {
    return notice(
      'info',
      `No more stories for ${shown} (${countOf(result.total, 'matching article')} in all).`,
      `Go back with /news ${query} page:${page - 1}.`,
    );
  }
  if (command) return notice('info', `Nothing matches ${shown}.`, `Did you mean the command ${command}?`);
  if (result.suggestion) {
    return notice('info', `Nothing matches ${shown}.`, `Did you mean: /news ${result.suggestion}`);
  }
  // Only with a filter given: on a recovering store the words can match what the store cannot return.
  if (result.beforeFilters && result.beforeFilters > 0 && hasFilters(query)) {
    return notice(
      'info',
      `${countOf(result.beforeFilters, 'article')} ${plural(result.beforeFilters, 'matches', 'match')} the words, but none pass your filters.`,
      'Widen or drop a filter (since:, before:, source:, topic:, jurisdiction:, agency:) or a -exclusion.',
    );
  }
  return notice(
    'info',
    `Nothing matches ${shown} yet.`,
    'Try fewer or broader words, e.g. /news huawei, a topic like /news topic:ai-regulation, or check the spelling.',
  );
}
