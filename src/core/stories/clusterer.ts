import type { Article } from '../article.ts';
import type { Story, StoryClusterer } from '../ports/story-clusterer.ts';
import { featuresOf, minhashSimilarity, type StoryFeatures } from './features.ts';

/** Thresholds of the same-event decision; defaults measured on tests/fixtures/stories. */
export interface ClusterOptions {
  /** Articles further apart in time than this are different events, whatever they say. */
  windowHours: number;
  /** Shingle overlap above which two texts are copies of one report (wire copy, syndication). */
  nearDuplicate: number;
  /** Combined title and entity similarity above which two reports are the same event. */
  sameEvent: number;
}

/** The defaults. */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  windowHours: 96,
  nearDuplicate: 0.45,
  sameEvent: 0.32,
};

/** Inverse document frequencies over the batch being clustered: what every article says weighs little. */
export interface BatchWeights {
  terms: Map<string, number>;
  entities: Map<string, number>;
}

/** Counts, over a batch, how many articles use each word and name, as idf weights. */
export function batchWeights(features: StoryFeatures[]): BatchWeights {
  const terms = new Map<string, number>();
  const entities = new Map<string, number>();
  for (const f of features) {
    for (const term of f.lead.keys()) terms.set(term, (terms.get(term) ?? 0) + 1);
    for (const entity of f.entities) entities.set(entity, (entities.get(entity) ?? 0) + 1);
  }
  // Pretend the batch is at least 20 articles, so a pair alone still down-weights nothing unfairly.
  const n = Math.max(20, features.length);
  const idf = (df: number) => Math.log(1 + n / df);
  for (const [key, df] of terms) terms.set(key, idf(df));
  for (const [key, df] of entities) entities.set(key, idf(df));
  return { terms, entities };
}

function cosine(a: Map<string, number>, b: Map<string, number>, idf: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, count] of a) {
    const w = count * (idf.get(term) ?? 1);
    na += w * w;
    const other = b.get(term);
    if (other !== undefined) dot += w * other * (idf.get(term) ?? 1);
  }
  for (const [term, count] of b) {
    const w = count * (idf.get(term) ?? 1);
    nb += w * w;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function weightedJaccard(a: Set<string>, b: Set<string>, idf: Map<string, number>): number {
  let shared = 0;
  let union = 0;
  for (const x of a) {
    const w = idf.get(x) ?? 1;
    union += w;
    if (b.has(x)) shared += w;
  }
  for (const x of b) if (!a.has(x)) union += idf.get(x) ?? 1;
  return union === 0 ? 0 : shared / union;
}

/** How alike two reports are, from 0 to 1; 0 outside the time window, 1 for copies of one text. */
export function sameEventScore(
  a: StoryFeatures,
  b: StoryFeatures,
  weights: BatchWeights,
  options = DEFAULT_CLUSTER_OPTIONS,
): number {
  if (Math.abs(a.time - b.time) > options.windowHours * 3_600_000) return 0;
  if (minhashSimilarity(a.minhash, b.minhash) >= options.nearDuplicate) return 1;
  return (
    0.5 * cosine(a.lead, b.lead, weights.terms) +
    0.5 * weightedJaccard(a.entities, b.entities, weights.entities)
  );
}

/**
 * Groups articles that report the same event: near-duplicate text (MinHash of word shingles), or similar
 * wording of title and lead and shared names and figures (weighted by rarity in the batch), within a time window. Single-link over pairs, so A~B and B~C make
 * one story. The representative is the first article of the group in input order (the best-ranked one).
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
      const list = articles.map(features);
      const weights = batchWeights(list);
      const parent = articles.map((_, i) => i);
      const find = (i: number): number => {
        while (parent[i] !== i) {
          parent[i] = parent[parent[i]!]!;
          i = parent[i]!;
        }
        return i;
      };
      for (let i = 0; i < articles.length; i++) {
        for (let j = i + 1; j < articles.length; j++) {
          if (find(i) === find(j)) continue;
          if (sameEventScore(list[i]!, list[j]!, weights, settings) >= settings.sameEvent) {
            const [a, b] = [find(i), find(j)];
            // The earlier index stays root, so the best-ranked article represents the story.
            parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
      const groups = new Map<number, Article[]>();
      articles.forEach((article, i) => {
        const root = find(i);
        const group = groups.get(root);
        if (group) group.push(article);
        else groups.set(root, [article]);
      });
      const stories: Story[] = [];
      for (const group of groups.values()) {
        stories.push({ id: group[0]!.id, representative: group[0]!, articles: group });
      }
      return stories;
    },
  };
}
