import { contentTokens } from '../text/tokens.ts';
import { splitSentences, wordCount } from './sentences.ts';
import type { Summarizer, SummaryInput } from './summarizer.ts';

/** Tuning for the extractive summarizer. */
export interface ExtractiveOptions {
  maxSentences?: number;
  maxWords?: number;
}

/** Picks 2–3 whole sentences from the body, scored by centrality with a lead prior, in their original order. */
export function createExtractiveSummarizer(options: ExtractiveOptions = {}): Summarizer {
  const maxSentences = options.maxSentences ?? 3;
  const maxWords = options.maxWords ?? 70;
  return {
    name: 'extractive',
    summarize: async (input) => summarizeExtractive(input, maxSentences, maxWords),
  };
}

/** The synchronous core of the extractive summarizer. */
export function summarizeExtractive(input: SummaryInput, maxSentences = 3, maxWords = 70): string {
  const title = normalize(input.title);
  const candidates = splitSentences(input.text)
    .map((text, position) => ({ text, position, words: wordCount(text) }))
    .filter(
      (s) => s.words >= 4 && s.words <= maxWords && normalize(s.text) !== title && /[a-z]/.test(s.text),
    );
  if (candidates.length === 0) return fallbackSentence(input.text, maxWords);
  const tokens = candidates.map((s) => new Set(contentTokens(s.text)));
  const titleTokens = new Set(contentTokens(input.title));
  const scores = candidates.map((s, i) => {
    const own = tokens[i]!;
    let centrality = 0;
    for (let j = 0; j < tokens.length; j++) if (j !== i) centrality += overlap(own, tokens[j]!);
    centrality /= Math.max(1, tokens.length - 1);
    const titleOverlap = overlap(own, titleTokens);
    const lead = 1 / Math.sqrt(1 + s.position);
    return centrality + 0.5 * titleOverlap + 0.6 * lead;
  });
  const order = candidates.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const chosen: number[] = [];
  let words = 0;
  for (const index of order) {
    const sentence = candidates[index]!;
    if (words + sentence.words > maxWords) continue;
    if (chosen.some((other) => overlap(tokens[other]!, tokens[index]!) > 0.6)) continue;
    chosen.push(index);
    words += sentence.words;
    if (chosen.length >= maxSentences) break;
  }
  return chosen
    .sort((a, b) => a - b)
    .map((index) => candidates[index]!.text)
    .join(' ');
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function fallbackSentence(text: string, maxWords: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= maxWords) return words.join(' ');
  return `${words.slice(0, maxWords).join(' ')}…`;
}
