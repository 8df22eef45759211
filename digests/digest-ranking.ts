import type { Article } from '../src/core/article.ts';

/** Weights of the ranking signals; relevance leads, recency and coverage break the rest. */
export const WEIGHTS = { relevance: 0.55, recency: 0.2, outlets: 0.25 } as const;
/** Age at which recency counts half. */
const HALF_LIFE_MS = 12 * 3_600_000;

/** A candidate story for one digest, with its per-topic relevance and combined score. */
export interface RankedStory {
  representative: Article;
  /** The story's articles this channel may see, representative included. */
  members: Article[];
  /** Relevance to each of the digest's topics (0–1), by topic position; holes mean unrelated. */
  relevance: number[];
  /** Best combined score over the topics. */
  score: number;
  /** Combined score per topic position. */
  scores: number[];
  /** When the representative was published (ms), for stable tie-breaks without re-parsing dates. */
  published: number;
}

/** Scores a story: topic relevance, recency of its newest article, and how many outlets carried it. */
export function scoreStory(
  representative: Article,
  members: Article[],
  relevance: number[],
  until: number,
  timeOf: (article: Article) => number = (a) => Date.parse(a.publishedAt ?? a.fetchedAt),
): RankedStory {
  let newest = 0;
  for (const member of members) newest = Math.max(newest, timeOf(member));
  const recency = 0.5 ** (Math.max(0, until - newest) / HALF_LIFE_MS);
  const outlets = members.length === 1 ? 1 : new Set(members.map((a) => a.source)).size;
  // A second outlet is strong evidence the event matters; the fifth adds little.
  const coverage = Math.min(1, Math.log2(outlets) / 2);
  const scores: number[] = [];
  let best = 0;
  relevance.forEach((rel, topic) => {
    if (rel === undefined || rel <= 0) return;
    const score = WEIGHTS.relevance * rel + WEIGHTS.recency * recency + WEIGHTS.outlets * coverage;
    scores[topic] = score;
    best = Math.max(best, score);
  });
  return {
    representative,
    members,
    relevance,
    score: Math.round(best * 1000) / 1000,
    scores,
    published: timeOf(representative),
  };
}

/**
 * Fills one section per topic with at most `topN` stories, each story in one section only: the topic it is
 * most relevant to, or, when that section is full, the next one it belongs to that has room. Within a
 * section one outlet may lead at most half the slots while other outlets have stories waiting.
 */
export function selectSections(stories: RankedStory[], topicCount: number, topN: number): RankedStory[][] {
  const order = [...stories].sort(
    (a, b) =>
      b.score - a.score || b.published - a.published || (a.representative.id < b.representative.id ? -1 : 1),
  );
  const queues: RankedStory[][] = Array.from({ length: topicCount }, () => []);
  const preferences = new Map<RankedStory, number[]>();
  for (const story of order) {
    const topics = story.scores
      .map((score, topic) => ({ score, topic }))
      .filter((entry) => entry.score !== undefined)
      .sort((a, b) => b.score - a.score || a.topic - b.topic)
      .map((entry) => entry.topic);
    preferences.set(story, topics);
    if (topics[0] !== undefined) queues[topics[0]]?.push(story);
  }
  const sections: RankedStory[][] = Array.from({ length: topicCount }, () => []);
  const placed = new Set<RankedStory>();
  const cap = Math.max(1, Math.floor(topN / 2));
  for (let topic = 0; topic < topicCount; topic++) {
    const queue = queues[topic]!;
    const section = sections[topic]!;
    const perSource = new Map<string, number>();
    const waiting: RankedStory[] = [];
    for (const story of queue) {
      if (section.length >= topN) break;
      const source = story.representative.source;
      if ((perSource.get(source) ?? 0) >= cap) {
        waiting.push(story);
        continue;
      }
      perSource.set(source, (perSource.get(source) ?? 0) + 1);
      section.push(story);
      placed.add(story);
    }
    for (const story of waiting) {
      if (section.length >= topN) break;
      section.push(story);
      placed.add(story);
    }
  }
  // Overflow: a story that did not fit its best section may fill another section it is relevant to.
  for (const story of order) {
    if (placed.has(story)) continue;
    for (const topic of preferences.get(story)?.slice(1) ?? []) {
      const section = sections[topic]!;
      if (section.length < topN) {
        section.push(story);
        placed.add(story);
        break;
      }
    }
  }
  const bySection = (a: RankedStory, b: RankedStory, topic: number) =>
    (b.scores[topic] ?? 0) - (a.scores[topic] ?? 0);
  return sections.map((section, topic) => section.sort((a, b) => bySection(a, b, topic)));
}
