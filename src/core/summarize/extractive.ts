import type { Summarizer, SummaryInput } from '../ports/summarizer.ts';
import { cosine, DEFAULT_WEIGHTS, type RankWeights, scoreSentences, terms, vectorize } from './rank.ts';
import { type Sentence, splitSentenceUnits, wordCount } from './sentences.ts';

/** Tuning for the extractive summarizer. */
export interface ExtractiveOptions {
  maxSentences?: number;
  /** A fixed word budget; when absent the budget follows the article's length (see wordBudget). */
  maxWords?: number;
}

/** How the word budget grows with the article: base + perWord × article words, kept within [min, max]. */
export interface BudgetShape {
  min: number;
  max: number;
  base: number;
  perWord: number;
}

/**
 * The measured default budget shape (eval/tune-summarizer.ts, development halves only): a 400-word
 * story gets 74 words, a 2,000-word feature the 90-word ceiling. Steeper slopes suited BBC's long
 * references but lost on SummEval and the tech scrapes, whose references are 40–60 words.
 */
export const DEFAULT_BUDGET: BudgetShape = { min: 50, max: 90, base: 70, perWord: 0.01 };

/** The word budget of a summary of an article this many words long. */
export function wordBudget(articleWords: number, shape: BudgetShape = DEFAULT_BUDGET): number {
  return Math.round(Math.min(shape.max, Math.max(shape.min, shape.base + shape.perWord * articleWords)));
}

/** Knobs the evaluation varies; production uses the defaults. */
export interface ExtractiveTuning {
  weights?: RankWeights;
  /** Shortest sentence worth a place in a summary, in words. */
  minWords?: number;
  /** Two chosen sentences may not be more similar than this (cosine of tf-idf vectors). */
  maxRedundancy?: number;
  /** Only the first this-many sentences compete; centrality still counts every sentence read. */
  maxCandidates?: number;
  /** Only the first this-many sentences are read at all: news leads with its news, and this bounds the cost. */
  maxRead?: number;
  /** How the word budget follows the article when no fixed budget is given. */
  budget?: BudgetShape;
}

/** Page chrome that slipped through cleaning never belongs in a summary. */
const CHROME =
  /\b(click here|sign up|subscribe (to|for|now)|newsletter|cookies?\b|all rights reserved|read more|share (this|on)|follow us|advertisement|webinar|sponsored by)\b/i;

/** Picks 2–3 whole sentences from the body, scored by centrality with a lead prior, in their original order. */
export function createExtractiveSummarizer(options: ExtractiveOptions = {}): Summarizer {
  const maxSentences = options.maxSentences ?? 3;
  return {
    name: 'extractive',
    summarize: async (input) => summarizeExtractive(input, maxSentences, options.maxWords),
  };
}

/**
 * The synchronous core of the extractive summarizer: deterministic, verbatim, within the word budget
 * (`maxWords`, or one that follows the article's length when it is not given).
 */
export function summarizeExtractive(
  input: SummaryInput,
  maxSentences = 3,
  maxWords?: number,
  tuning: ExtractiveTuning = {},
): string {
  const budget = maxWords ?? wordBudget(countWords(input.text ?? ''), tuning.budget);
  const chosen = selectSentences(input, maxSentences, budget, tuning);
  if (chosen.length > 0) return chosen.map((s) => s.text).join(' ');
  return fallback(splitSentenceUnits(input.text ?? '', 5), input.title ?? '', budget);
}

/** Words in a body, counted in one pass without building an array (this runs on every article). */
function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const space = code === 32 || (code >= 9 && code <= 13) || code === 160;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** The sentences an extractive summary would use, in body order. */
export function selectSentences(
  input: SummaryInput,
  maxSentences = 3,
  maxWords = 70,
  tuning: ExtractiveTuning = {},
): Sentence[] {
  const sentences = splitSentenceUnits(input.text ?? '', tuning.maxRead ?? 40);
  if (sentences.length === 0 || maxSentences < 1) return [];
  const title = input.title ?? '';
  const minWords = tuning.minWords ?? 6;
  const maxCandidates = tuning.maxCandidates ?? 30;
  const titleKey = comparable(title);
  const titleTokens = new Set(terms(title));
  const words = sentences.map((s) => wordCount(s.text));
  const eligible = (s: Sentence, strict: boolean) =>
    s.index < maxCandidates &&
    words[s.index]! <= maxWords &&
    words[s.index]! >= (strict ? minWords : 1) &&
    (s.terminated || !strict) &&
    /\p{Ll}/u.test(s.text) &&
    !CHROME.test(s.text) &&
    !repeatsHeadline(s.text, words[s.index]!, titleKey, titleTokens);
  let candidates = sentences.filter((s) => eligible(s, true));
  if (candidates.length === 0) candidates = sentences.filter((s) => eligible(s, false));
  if (candidates.length === 0) return [];

  const doc = vectorize(sentences, title);
  const scores = scoreSentences(sentences, doc, tuning.weights ?? DEFAULT_WEIGHTS);
  const order = [...candidates].sort((a, b) => scores[b.index]! - scores[a.index]! || a.index - b.index);
  const maxRedundancy = tuning.maxRedundancy ?? 0.5;
  const chosen: Sentence[] = [];
  let used = 0;
  for (const s of order) {
    const size = words[s.index]!;
    if (used + size > maxWords) continue;
    if (chosen.some((c) => cosine(doc.vectors[c.index]!, doc.vectors[s.index]!) > maxRedundancy)) continue;
    chosen.push(s);
    used += size;
    if (chosen.length >= maxSentences) break;
  }
  return chosen.sort((a, b) => a.index - b.index);
}

/** The headline itself, or a sentence that is nearly all headline words, is not a summary sentence. */
function repeatsHeadline(text: string, words: number, titleKey: string, titleTokens: Set<string>): boolean {
  if (!titleKey) return false;
  // Only the opening of a sentence can repeat the headline: compare that much, not the whole sentence,
  // and only when the first letters agree (most sentences fail that cheap test).
  const first = /[\p{L}\p{N}]/u.exec(text)?.[0]?.toLowerCase();
  if (first === titleKey[0]) {
    const key = comparable(text.slice(0, titleKey.length + 40));
    if (key === titleKey || titleKey.startsWith(key) || key.startsWith(titleKey)) return true;
  }
  if (words > titleTokens.size + 6) return false;
  const tokens = terms(text);
  if (tokens.length === 0 || titleTokens.size === 0) return false;
  const shared = tokens.filter((t) => titleTokens.has(t)).length;
  return shared / tokens.length >= 0.9 && tokens.length <= titleTokens.size + 1;
}

function comparable(text: string): string {
  const lower = text.toLowerCase();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  const separators = /[^\x00-\x7f]/.test(lower) ? /[^\p{L}\p{N}]+/gu : /[^a-z0-9]+/g;
  return lower.replace(separators, ' ').trim();
}

/** When no whole sentence fits, the opening words of the first real sentence, marked as cut. */
function fallback(sentences: Sentence[], title: string, maxWords: number): string {
  const titleKey = comparable(title);
  const first = sentences.find((s) => /\p{L}/u.test(s.text) && comparable(s.text) !== titleKey);
  if (!first) return '';
  const tokens = first.text.split(' ');
  if (tokens.length <= maxWords) return first.text;
  return `${tokens.slice(0, maxWords).join(' ')}…`;
}
