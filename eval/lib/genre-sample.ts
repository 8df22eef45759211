import { loadTechArticles, TECH_CORPUS, type TechArticle, toArticles } from '../../bench/tech-corpus.ts';
import { featuresOf } from '../../src/core/stories/features.ts';
import type { StoryGenre } from '../../src/core/stories/genre.ts';

/** Articles drawn from each of the rule's opinion and news groups for reading. */
export const SAMPLE_PER_GROUP = 40;
/** How many corpus articles the clusterer check reads: the first 1,000, as docs/story-clustering.md did. */
export const CHECKED_ARTICLES = 1000;

/** One of the 1,000 checked articles, with the genre the clusterer gives it. */
export interface RuledArticle {
  row: TechArticle;
  genre: StoryGenre;
}

/**
 * The 1,000 tech-corpus articles the clusterer doc counted (opinion 162), each with its genre read the way
 * the clusterer reads it (featuresOf: the title without its site suffix, the first 4,000 characters, the
 * canonical URL), or undefined when the corpus is not on this machine.
 */
export function ruledArticles(path = TECH_CORPUS): RuledArticle[] | undefined {
  const rows = loadTechArticles(path);
  if (!rows) return undefined;
  const articles = toArticles(rows, CHECKED_ARTICLES, new Date('2026-11-01T00:00:00Z'), 3);
  return articles.map((article, i) => ({ row: rows[i]!, genre: featuresOf(article).genre }));
}

/** mulberry32: a small seeded generator, so the sample can be drawn again from the seed alone. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Fisher–Yates shuffle of a copy, driven by the given generator. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The reading sample for a seed: SAMPLE_PER_GROUP rule-opinion and SAMPLE_PER_GROUP rule-news articles,
 * shuffled together so that the order a reader meets them says nothing about their group.
 */
export function drawSample(ruled: RuledArticle[], seed: number): RuledArticle[] {
  const random = generator(seed);
  const pick = (genre: StoryGenre) =>
    shuffled(
      ruled.filter((r) => r.genre === genre),
      random,
    ).slice(0, SAMPLE_PER_GROUP);
  return shuffled([...pick('opinion'), ...pick('news')], random);
}

/** Wilson score interval (95%) of a proportion k/n: sound at small n and at 0 or n, unlike k/n ± 1.96·se. */
export function wilson(k: number, n: number, z = 1.96): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const denominator = 1 + (z * z) / n;
  return {
    low: Math.max(0, (centre - spread) / denominator),
    high: Math.min(1, (centre + spread) / denominator),
  };
}
