import type { Article } from '../article.ts';
import type { Story, StoryClusterer } from '../ports/story-clusterer.ts';
import { featuresOf, type StoryFeatures } from './features.ts';
import {
  casesConflict,
  codesOf,
  DEFAULT_SCORE_OPTIONS,
  pairScore,
  type ScoredBatch,
  type ScoreOptions,
  scoreBatch,
} from './pair-score.ts';

/** Options of the clusterer: how pairs are scored, and the score two stories must share to merge. */
export interface ClusterOptions extends ScoreOptions {
  /** Mean pair score between two groups above which they are one event. */
  sameEvent: number;
}

/** The defaults: tuned on the tuning half of tests/fixtures/stories-long only (see docs/story-clustering.md). */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { ...DEFAULT_SCORE_OPTIONS, sameEvent: 0.15 };

/** Pair scores below this share of `sameEvent` are taken as 0 in group means; it keeps the pair list small. */
const KEEP_SHARE = 0.5;
/** Words in more than this share of the batch ("said", "commission") do not make two articles candidates. */
const COMMON_SHARE = 0.2;
/** Cosine over distinctive words below which two articles are not compared: reports of one event share some. */
const MIN_DISTINCT = 0.05;

interface Pair {
  i: number;
  j: number;
  score: number;
}

/**
 * Pairs worth scoring: within the time window, and sharing enough headline and lede wording once words
 * common in the batch are left out (`MIN_DISTINCT` of cosine). The shared weight is summed over postings,
 * so pairs with nothing distinctive in common cost nothing. Scored, those at `floor` or more.
 */
function scoredPairs(batch: ScoredBatch, o: ClusterOptions, floor: number): Pair[] {
  const n = batch.features.length;
  const postings = new Map<number, { doc: number; weight: number }[]>();
  batch.text.forEach((vector, doc) => {
    vector.ids.forEach((id, k) => {
      const entry = { doc, weight: vector.weights[k]! };
      const list = postings.get(id);
      if (list) list.push(entry);
      else postings.set(id, [entry]);
    });
  });
  const common = Math.max(3, COMMON_SHARE * n);
  const window = o.windowHours * 3_600_000;
  const pairs: Pair[] = [];
  const shared = new Float64Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const vector = batch.text[i]!;
    const time = batch.features[i]!.time;
    vector.ids.forEach((id, k) => {
      const list = postings.get(id)!;
      if (list.length > common) return;
      for (const { doc, weight } of list) {
        if (doc <= i) continue;
        if (shared[doc] === 0) touched.push(doc);
        shared[doc]! += weight * vector.weights[k]!;
      }
    });
    for (const j of touched) {
      if (shared[j]! >= MIN_DISTINCT && Math.abs(batch.features[j]!.time - time) <= window) {
        const score = pairScore(batch, i, j, o);
        if (score >= floor) pairs.push({ i, j, score });
      }
      shared[j] = 0;
    }
    touched.length = 0;
  }
  return pairs;
}

/**
 * Groups articles that report the same event by average linkage: pairs are taken best first, and two
 * groups merge only when their articles score at least `sameEvent` on average, so one similar-looking
 * article (a follow-up, a column, the same actor's other case) cannot chain two events into one card;
 * and never when one article of each cites a different case number (and none in common).
 */
function groupIndices(articles: Article[], features: StoryFeatures[], o: ClusterOptions): number[][] {
  const pairs = scoredPairs(scoreBatch(features), o, o.sameEvent * KEEP_SHARE);
  // Sum of pair scores between two groups, by group root: kept up to date as groups merge.
  const links = articles.map(() => new Map<number, number>());
  for (const { i, j, score } of pairs) {
    links[i]!.set(j, score);
    links[j]!.set(i, score);
  }
  const members = articles.map((_, i) => [i]);
  // Only articles citing a case number can be in a cannot-link pair: most articles cite none.
  const citing = features.map((f) => codesOf(f).length > 0);
  const conflict = (a: number, b: number) =>
    members[a]!.some(
      (x) => citing[x] && members[b]!.some((y) => citing[y] && casesConflict(features[x]!, features[y]!)),
    );
  const root = articles.map((_, i) => i);
  // Best first; ties by article id, so the grouping does not depend on input order.
  const key = (p: Pair) => `${articles[p.i]!.id}\u0000${articles[p.j]!.id}`;
  const merging = pairs
    .filter((p) => p.score >= o.sameEvent)
    .sort((x, y) => y.score - x.score || (key(x) < key(y) ? -1 : 1));
  for (const pair of merging) {
    const a = root[pair.i]!;
    const b = root[pair.j]!;
    if (a === b) continue;
    const sum = links[a]!.get(b) ?? 0;
    if (sum / (members[a]!.length * members[b]!.length) < o.sameEvent) continue;
    // A cannot-link: one pair citing different case numbers keeps the two groups apart, whatever the mean.
    if (conflict(a, b)) continue;
    // The lower index stays the root, so the best-ranked article represents the story.
    const [keep, gone] = a < b ? [a, b] : [b, a];
    for (const m of members[gone]!) root[m] = keep;
    members[keep] = [...members[keep]!, ...members[gone]!].sort((x, y) => x - y);
    members[gone] = [];
    links[keep]!.delete(gone);
    for (const [other, weight] of links[gone]!) {
      if (other === keep) continue;
      const merged = (links[keep]!.get(other) ?? 0) + weight;
      links[keep]!.set(other, merged);
      links[other]!.delete(gone);
      links[other]!.set(keep, merged);
    }
    links[gone]!.clear();
  }
  return members.filter((group) => group.length > 0);
}

/**
 * Creates the clusterer: headline and lede wording (TF-IDF cosine), shared names and figures, time
 * proximity and different outlets make a pair score (pair-score.ts); groups merge by average linkage. The
 * representative is the first article of the group in input order (the best-ranked one).
 */
export function createStoryClusterer(options: Partial<ClusterOptions> = {}): StoryClusterer {
  const settings = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const cache = new Map<string, { hash: string; features: StoryFeatures }>();
  const features = (article: Article): StoryFeatures => {
    const cached = cache.get(article.id);
    if (cached && cached.hash === article.contentHash && article.contentHash) return cached.features;
    const computed = featuresOf(article);
    if (cache.size > 5000) cache.clear();
    cache.set(article.id, { hash: article.contentHash, features: computed });
    return computed;
  };
  return {
    cluster(articles) {
      const groups = groupIndices(articles, articles.map(features), settings);
      return groups.map((group): Story => {
        const list = group.map((i) => articles[i]!);
        return { id: list[0]!.id, representative: list[0]!, articles: list };
      });
    },
  };
}
