import { cosine as dot } from '../summarize/rank.ts';
import { minhashSimilarity, type StoryFeatures } from './features.ts';

/** How the same-event score is made; defaults tuned on the tuning half of tests/fixtures/stories-long. */
export interface ScoreOptions {
  /** Articles further apart in time than this are different events, whatever they say. */
  windowHours: number;
  /** Up to this gap a pair scores in full; beyond it the score fades linearly to 0 at `windowHours`. */
  fullWeightHours: number;
  /** Shingle overlap above which two texts are copies of one report (wire copy, syndication). */
  nearDuplicate: number;
  /** Weight of the TF-IDF cosine of headline and lede. */
  text: number;
  /** Weight of the shared named things (rarity-weighted cosine of the two sets). */
  names: number;
  /** Weight of shared figures: amounts, shares, tallies, case numbers. */
  figures: number;
  /** Rarity-weighted figure overlap that counts in full (about two rare shared figures). */
  figuresFull: number;
  /** Factor for two articles of one outlet: an outlet rarely files two reports of one event. */
  sameOutlet: number;
}

/** The tuned defaults. */
export const DEFAULT_SCORE_OPTIONS: ScoreOptions = {
  windowHours: 72,
  fullWeightHours: 24,
  nearDuplicate: 0.45,
  text: 0.7,
  names: 0.2,
  figures: 0.15,
  figuresFull: 6,
  sameOutlet: 0.5,
};

/** A weighted bag as parallel arrays sorted by id: fast to intersect. */
interface Sparse {
  ids: Int32Array;
  weights: Float64Array;
  total: number;
}

/** One batch turned into sparse vectors with idf weights over the batch. */
export interface ScoredBatch {
  features: StoryFeatures[];
  text: Sparse[];
  names: Sparse[];
  figures: Sparse[];
}

/**
 * Turns bags of (key, count) into id-sorted sparse vectors weighted by count times idf over the bags,
 * L2-normalised (`l2`), or as square roots with their plain sum as total (`sum`). Typed arrays and one shared scratch array keep it allocation-light.
 */
function vectorize(bags: [string, number][][], n: number, norm: 'l2' | 'sum'): Sparse[] {
  const dictionary = new Map<string, number>();
  const df: number[] = [];
  const idsOf = bags.map((bag) => {
    const ids = new Int32Array(bag.length);
    bag.forEach(([key], k) => {
      let id = dictionary.get(key);
      if (id === undefined) {
        id = df.length;
        dictionary.set(key, id);
        df.push(0);
      }
      df[id]!++;
      ids[k] = id;
    });
    return ids;
  });
  const idf = Float64Array.from(df, (count) => Math.log(1 + n / count));
  const scratch = new Float64Array(df.length);
  return bags.map((bag, doc) => {
    const ids = idsOf[doc]!;
    bag.forEach(([, count], k) => {
      scratch[ids[k]!] = count;
    });
    ids.sort();
    const weights = new Float64Array(ids.length);
    let total = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const w = scratch[id]! * idf[id]!;
      scratch[id] = 0;
      // For `sum`, the root: the dot product of two such vectors is the shared weight itself.
      weights[k] = norm === 'l2' ? w : Math.sqrt(w);
      total += norm === 'l2' ? w * w : w;
    }
    if (norm === 'l2' && total > 0) {
      total = Math.sqrt(total);
      for (let k = 0; k < weights.length; k++) weights[k]! /= total;
    }
    return { ids, weights, total };
  });
}

/** Builds the batch's vectors: sublinear term counts times idf (L2-normalised); names and figures by idf. */
export function scoreBatch(features: StoryFeatures[]): ScoredBatch {
  // Pretend the batch is at least 20 articles, so a pair alone still down-weights nothing unfairly.
  const n = Math.max(20, features.length);
  const ones = (set: Set<string>) => [...set].map((key): [string, number] => [key, 1]);
  return {
    features,
    text: vectorize(
      features.map((f) => [...f.lead].map(([t, c]): [string, number] => [t, 1 + Math.log(c)])),
      n,
      'l2',
    ),
    names: vectorize(
      features.map((f) => ones(f.entities)),
      n,
      'sum',
    ),
    figures: vectorize(
      features.map((f) => ones(f.figures)),
      n,
      'sum',
    ),
  };
}

/** The separate signals of one pair, for the score and for tuning. */
export interface PairSignals {
  hours: number;
  copy: number;
  text: number;
  names: number;
  namesCosine: number;
  figures: number;
  sameSource: boolean;
  genres: string;
}

function namesOverlap(batch: ScoredBatch, i: number, j: number): number {
  const smaller = Math.min(batch.names[i]!.total, batch.names[j]!.total);
  return smaller === 0 ? 0 : dot(batch.names[i]!, batch.names[j]!) / smaller;
}

/** Shared names' weight over the geometric mean of both sides: one shared actor of few names is not a match. */
function namesCosine(batch: ScoredBatch, i: number, j: number): number {
  const product = batch.names[i]!.total * batch.names[j]!.total;
  return product === 0 ? 0 : dot(batch.names[i]!, batch.names[j]!) / Math.sqrt(product);
}

/** Measures pair (i, j) of a batch on every signal. */
export function pairSignals(batch: ScoredBatch, i: number, j: number): PairSignals {
  const a = batch.features[i]!;
  const b = batch.features[j]!;
  return {
    hours: Math.abs(a.time - b.time) / 3_600_000,
    copy: minhashSimilarity(a.minhash, b.minhash),
    text: dot(batch.text[i]!, batch.text[j]!),
    names: namesOverlap(batch, i, j),
    namesCosine: namesCosine(batch, i, j),
    figures: dot(batch.figures[i]!, batch.figures[j]!),
    sameSource: a.source === b.source,
    genres: [a.genre, b.genre].sort().join('+'),
  };
}

/** The case and docket numbers among an article's figures (`code:…`). */
export function codesOf(features: StoryFeatures): string[] {
  return [...features.figures].filter((key) => key.startsWith('code:'));
}

/**
 * True when both articles cite case or docket numbers and share none: a case number names one case, so
 * two reports citing different ones are the same actor's different cases, however alike their wording.
 */
export function casesConflict(a: StoryFeatures, b: StoryFeatures): boolean {
  const mine = codesOf(a);
  if (mine.length === 0) return false;
  const theirs = codesOf(b);
  return theirs.length > 0 && !mine.some((code) => b.figures.has(code));
}

/**
 * How likely pair (i, j) reports one event, from 0 to 1. 0 outside the time window; 1 for copies of one
 * text from two outlets (one outlet's pages share navigation and boilerplate, so its copies are scored
 * as any other pair); opinion pieces join nothing but copies, and markets stories only markets stories;
 * reports citing different case numbers (and none in common) score 0.
 */
export function pairScore(batch: ScoredBatch, i: number, j: number, o = DEFAULT_SCORE_OPTIONS): number {
  const a = batch.features[i]!;
  const b = batch.features[j]!;
  const hours = Math.abs(a.time - b.time) / 3_600_000;
  if (hours > o.windowHours) return 0;
  const sameSource = a.source === b.source;
  if (!sameSource && minhashSimilarity(a.minhash, b.minhash) >= o.nearDuplicate) return 1;
  if (a.genre !== b.genre || a.genre === 'opinion' || casesConflict(a, b)) return 0;
  const fade =
    hours <= o.fullWeightHours ? 1 : 1 - (hours - o.fullWeightHours) / (o.windowHours - o.fullWeightHours);
  const figures = Math.min(1, dot(batch.figures[i]!, batch.figures[j]!) / o.figuresFull);
  const text = dot(batch.text[i]!, batch.text[j]!);
  const score = (o.text * text + o.names * namesCosine(batch, i, j) + o.figures * figures) * fade;
  return sameSource ? score * o.sameOutlet : score;
}
