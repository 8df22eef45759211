import { contentTokens, STOP_WORDS } from '../text/tokens.ts';
import type { Sentence } from './sentences.ts';

/** Weights of the sentence scorer; the defaults were tuned on development halves of three styles (see eval/). */
export interface RankWeights {
  /** Weight of similarity to later sentences: a lead sentence sets up what follows (PACSUM). */
  forward: number;
  /** Weight of similarity to earlier sentences (usually small or negative: repetition of what came before). */
  backward: number;
  /** Weight of overlap with the headline. */
  title: number;
  /** Weight of the position prior 1 / (1 + index)^positionDecay. */
  lead: number;
  positionDecay: number;
  /** Bonus for opening a paragraph. */
  paragraphStart: number;
  /** Penalty for a sentence that is a quotation: summaries report, they rarely quote. */
  quote: number;
  /** Penalty for a sentence that leans on the one before it ("But…", "He…", "This…"). */
  dangling: number;
}

const QUOTED = /^["“‘']/;
const DANGLING =
  /^(but|and|or|so|yet|however|also|meanwhile|instead|still|then|thus|therefore|moreover|he|she|it|they|this|that|these|those|his|her|its|their|such|there)\b/i;

/**
 * The measured default weights: best mean relative ROUGE-2 gain over the lead baselines on the
 * development data (BBC business, SummEval's first 50 articles, the tuning half of our tech-policy
 * references; eval/tune-summarizer.ts). Headline overlap, a quotation penalty and a dangling-opener
 * penalty did not help there, so they are off. The position prior (lead 1, decay 0.5) was checked
 * against BBC and the tech scrapes as well as CNN/DailyMail: a stronger lead than before (0.5) helped
 * SummEval and the scrapes, the two styles closest to Lead-3, and cost BBC part of its wide margin.
 */
export const DEFAULT_WEIGHTS: RankWeights = {
  forward: 0.5,
  backward: 0.5,
  title: 0,
  lead: 1,
  positionDecay: 0.5,
  paragraphStart: 0,
  quote: 0,
  dangling: 0,
};

/** A sentence's sparse tf-idf vector: term ids ascending, weights L2-normalised. */
interface Vector {
  ids: Int32Array;
  weights: Float64Array;
}

/** Per-sentence content vectors built over one document's vocabulary. */
export interface DocumentVectors {
  vectors: Vector[];
  title: Vector;
}

/** Builds tf-idf vectors (idf over the document's sentences) for the sentences and the headline. */
export function vectorize(sentences: readonly Sentence[], title: string): DocumentVectors {
  const vocabulary = new Map<string, number>();
  const termLists = sentences.map((s) => termIds(terms(s.text), vocabulary, true));
  const df = new Float64Array(vocabulary.size);
  for (const terms of termLists) for (const id of terms.keys()) df[id]! += 1;
  const n = Math.max(1, sentences.length);
  const idf = (id: number) => Math.log((n + 1) / ((df[id] ?? 0) + 0.5));
  const titleTerms = termIds(terms(title), vocabulary, false);
  return {
    vectors: termLists.map((terms) => toVector(terms, idf)),
    title: toVector(titleTerms, idf),
  };
}

/** Scores every sentence: directed centrality + headline overlap + position prior. */
export function scoreSentences(
  sentences: readonly Sentence[],
  doc: DocumentVectors,
  weights: RankWeights = DEFAULT_WEIGHTS,
): Float64Array {
  const n = sentences.length;
  const forward = new Float64Array(n);
  const backward = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sim = cosine(doc.vectors[i]!, doc.vectors[j]!);
      forward[i]! += sim;
      backward[j]! += sim;
    }
  }
  const fMax = Math.max(1e-9, ...forward);
  const bMax = Math.max(1e-9, ...backward);
  const scores = new Float64Array(n);
  // The lead prior counts sentences, not lines: a byline or a heading above the lede has no full stop and
  // would otherwise push the lede to second place. A text made mostly of units without a full stop (a
  // transcript, a list of points) counts every unit, or the prior would weigh them all the same; "mostly",
  // not "all", so that one closing line with a full stop does not flip a whole transcript.
  const terminated = sentences.reduce((count, s) => count + (s.terminated ? 1 : 0), 0);
  const countAll = terminated * 2 < sentences.length;
  let position = 0;
  for (let i = 0; i < n; i++) {
    const s = sentences[i]!;
    scores[i] =
      weights.forward * (forward[i]! / fMax) +
      weights.backward * (backward[i]! / bMax) +
      weights.title * cosine(doc.vectors[i]!, doc.title) +
      weights.lead / (1 + position) ** weights.positionDecay +
      (s.inParagraph === 0 ? weights.paragraphStart : 0) -
      (QUOTED.test(s.text) ? weights.quote : 0) -
      (DANGLING.test(s.text) ? weights.dangling : 0);
    if (s.terminated || countAll) position++;
  }
  return scores;
}

/** Cosine similarity of two normalised sparse vectors. */
export function cosine(a: Vector, b: Vector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      dot += a.weights[i]! * b.weights[j]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return dot;
}

/**
 * Content words of a sentence, as `contentTokens` gives them, with a fast path for ASCII text (most of
 * an English article): this runs on every sentence of every article ingested.
 */
export function terms(text: string): string[] {
  // Typographic punctuation (U+2010–U+2027: dashes, curly quotes, ellipsis) separates words like ASCII
  // punctuation does; any other non-ASCII character (accents, other scripts) takes the Unicode path.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  if (/[^\x00-\x7f\u2010-\u2027]/.test(text)) return contentTokens(text);
  const out: string[] = [];
  let start = -1;
  const lower = text.toLowerCase();
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    const word = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      if (i - start > 1) {
        const token = lower.slice(start, i);
        if (!STOP_WORDS.has(token)) out.push(token);
      }
      start = -1;
    }
  }
  return out;
}

function termIds(tokens: string[], vocabulary: Map<string, number>, grow: boolean): Map<number, number> {
  const counts = new Map<number, number>();
  for (const token of tokens) {
    let id = vocabulary.get(token);
    if (id === undefined) {
      if (!grow) continue;
      id = vocabulary.size;
      vocabulary.set(token, id);
    }
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function toVector(terms: Map<number, number>, idf: (id: number) => number): Vector {
  const ids = Int32Array.from(terms.keys()).sort();
  const weights = new Float64Array(ids.length);
  let norm = 0;
  for (let k = 0; k < ids.length; k++) {
    const w = (1 + Math.log(terms.get(ids[k]!)!)) * idf(ids[k]!);
    weights[k] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
  return { ids, weights };
}
