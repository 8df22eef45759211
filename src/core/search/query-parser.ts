import { UserError } from '../../errors.ts';
import { stripQuotes } from '../text/quotes.ts';
import { isContentToken, scanWords, stem } from './analyzer.ts';

/** Longest query text we read; the rest is ignored (commands refuse long queries before this). */
export const MAX_QUERY_CHARS = 2000;
/** Most words a query may use; more only slows the search without changing the top results. */
export const MAX_QUERY_TERMS = 32;

/** One search word: its stem, and the folded word as typed (for prefix and typo matching). */
export interface QueryTerm {
  term: string;
  raw: string;
}

/** A quoted phrase: stems with their offsets from the first word, stop words counted. */
export interface QueryPhrase {
  text: string;
  terms: { term: string; offset: number }[];
}

/** A parsed query: words to rank by, phrases that must occur, exclusions and filters. */
export interface ParsedQuery {
  terms: QueryTerm[];
  phrases: QueryPhrase[];
  excludeTerms: string[];
  excludePhrases: QueryPhrase[];
  since?: number;
  before?: number;
  sources: string[];
  topics: string[];
  jurisdictions: string[];
  agencies: string[];
  /** `kind:proposed-rule`: primary documents of these kinds (from their policy record). */
  kinds: string[];
  /** `ref:2026-12345`: the primary document with this identifier (its lookup key). */
  refs: string[];
  /** True when the query had filters or words but nothing searchable was left, e.g. only emoji. */
  empty: boolean;
}

const DAY = 86_400_000;
const SPAN_UNITS: Record<string, number> = { h: 3_600_000, d: DAY, w: 7 * DAY, m: 30 * DAY, y: 365 * DAY };
const FILTER_KEYS = new Set(['since', 'before', 'source', 'topic', 'jurisdiction', 'agency', 'kind', 'ref']);

/** Splits a query into words, keeping "quoted phrases" (straight or curly quotes) and key:"quoted values". */
function splitQuery(query: string): string[] {
  return query.match(/-?[a-z]+:"[^"]*"|-?[a-z]+:“[^”]*”|-?"[^"]*"?|-?“[^”]*”?|\S+/gi) ?? [];
}

/**
 * A query's `topic:` filters apart from the rest of its text, split as the search splits it (quoted values
 * such as `topic:"export controls"` or curly quotes included): what a reply's header names as topics.
 */
export function splitTopicFilters(query: string): { rest: string; topics: string[] } {
  const topics: string[] = [];
  const rest: string[] = [];
  for (const word of splitQuery(query)) {
    const filter = /^topic:(.+)$/i.exec(word);
    const value = filter ? stripQuotes(filter[1] ?? '') : '';
    if (value) topics.push(value);
    else rest.push(word);
  }
  return { rest: rest.join(' '), topics };
}

/** A phrase as stems with offsets from its first word (stop words counted, so gaps must match). */
export function phraseOf(text: string): QueryPhrase {
  const terms: { term: string; offset: number }[] = [];
  let first = -1;
  scanWords(text, (token, position) => {
    if (!isContentToken(token)) return;
    if (first < 0) first = position;
    terms.push({ term: stem(token), offset: position - first });
  });
  return { text, terms: terms.slice(0, MAX_QUERY_TERMS) };
}

/** Reads `7d`, `24h`, `2w`, `3m`, `1y` or an ISO date into an absolute time, relative to `now`. */
export function parseTimeBound(key: string, value: string, now: Date): number {
  const span = /^(\d{1,4})([hdwmy])$/i.exec(value);
  if (span) return now.getTime() - Number(span[1]) * SPAN_UNITS[span[2]!.toLowerCase()]!;
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    const at = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
    if (!Number.isNaN(at)) return at;
  }
  throw new UserError(
    'invalid_option',
    `"${key}:${value.slice(0, 40)}" is not a time I understand.`,
    `Use a span like ${key}:7d, ${key}:24h, ${key}:2w or a date like ${key}:2026-11-01.`,
  );
}

/**
 * Closes a quote left open: the phrase runs to the end of the query, but filters typed after the quote
 * (`"ai act since:7d`) stay filters. `guessed` is set when the query had to be read this way, so the reply
 * can say how it was read.
 */
export function balanceQuotes(query: string): { text: string; guessed: boolean } {
  const straight = (query.match(/"/g) ?? []).length % 2 === 1 ? query.lastIndexOf('"') : -1;
  const curly =
    (query.match(/“/g) ?? []).length > (query.match(/”/g) ?? []).length ? query.lastIndexOf('“') : -1;
  const open = Math.max(straight, curly);
  if (open < 0) return { text: query, guessed: false };
  const close = open === straight ? '"' : '”';
  const inside: string[] = [];
  const filters: string[] = [];
  for (const word of query
    .slice(open + 1)
    .split(/\s+/)
    .filter(Boolean)) {
    const key = /^([a-z]+):\S/i.exec(word)?.[1]?.toLowerCase();
    (key && FILTER_KEYS.has(key) ? filters : inside).push(word);
  }
  const before = query.slice(0, open).trimEnd();
  const phrase = inside.length > 0 ? `${query[open]}${inside.join(' ')}${close}` : '';
  const glue = before && !before.endsWith(':') && phrase ? ' ' : '';
  const text = [`${before}${glue}${phrase}`, ...filters].filter(Boolean).join(' ');
  return { text, guessed: true };
}

/** Parses a search query. Throws a UserError only for a malformed filter value; anything else is searched. */
export function parseQuery(input: string, now: Date): ParsedQuery {
  const query = balanceQuotes(input.slice(0, MAX_QUERY_CHARS)).text;
  const parsed: ParsedQuery = {
    terms: [],
    phrases: [],
    excludeTerms: [],
    excludePhrases: [],
    sources: [],
    topics: [],
    jurisdictions: [],
    agencies: [],
    kinds: [],
    refs: [],
    empty: false,
  };
  const seen = new Set<string>();
  const addTerms = (text: string, exclude: boolean) => {
    scanWords(text, (token) => {
      if (!isContentToken(token)) return;
      const term = stem(token);
      if (exclude) {
        if (!parsed.excludeTerms.includes(term)) parsed.excludeTerms.push(term);
      } else if (!seen.has(term) && parsed.terms.length < MAX_QUERY_TERMS) {
        seen.add(term);
        parsed.terms.push({ term, raw: token });
      }
    });
  };
  for (const word of splitQuery(query)) {
    const exclude = word.startsWith('-') && word.length > 1;
    const body = exclude ? word.slice(1) : word;
    const filter = /^([a-z]+):(.+)$/i.exec(body);
    const key = filter?.[1]?.toLowerCase();
    if (filter && key && FILTER_KEYS.has(key) && !exclude) {
      const value = stripQuotes(filter[2] ?? '');
      if (!value) continue;
      if (key === 'since') parsed.since = parseTimeBound(key, value, now);
      else if (key === 'before') parsed.before = parseTimeBound(key, value, now);
      else if (key === 'source') parsed.sources.push(value.toLowerCase());
      else if (key === 'topic') parsed.topics.push(value.toLowerCase());
      else if (key === 'jurisdiction') parsed.jurisdictions.push(value.toLowerCase());
      else if (key === 'kind') parsed.kinds.push(value.toLowerCase().replace(/[\s_]+/g, '-'));
      else if (key === 'ref') parsed.refs.push(value.toLowerCase());
      else parsed.agencies.push(value.toLowerCase().replace(/\s+/g, '-'));
      continue;
    }
    if (/^["“]/.test(body)) {
      const phrase = phraseOf(stripQuotes(body));
      if (phrase.terms.length === 0) continue;
      // A one-word "phrase" is just a word that must be there, which ranking already prefers.
      if (exclude) parsed.excludePhrases.push(phrase);
      else if (phrase.terms.length === 1) addTerms(phrase.text, false);
      else {
        parsed.phrases.push(phrase);
        addTerms(phrase.text, false);
      }
      continue;
    }
    addTerms(body, exclude);
  }
  const hasFilter =
    parsed.since !== undefined ||
    parsed.before !== undefined ||
    parsed.sources.length +
      parsed.topics.length +
      parsed.jurisdictions.length +
      parsed.agencies.length +
      parsed.kinds.length +
      parsed.refs.length >
      0;
  parsed.empty = parsed.terms.length === 0 && !hasFilter;
  return parsed;
}
