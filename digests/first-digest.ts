import type { ComposedDigest } from './compose.ts';

/** Most stories the first digest of a new subscription carries. */
export const FIRST_DIGEST_STORIES = 3;

/**
 * A new subscription's first digest: the `max` best stories of its window (the last 24 hours) rather
 * than everything, so subscribing never starts with a flood. Sections keep their order; emptied ones go.
 */
export function firstDigest(digest: ComposedDigest, max = FIRST_DIGEST_STORIES): ComposedDigest {
  if (digest.storyCount <= max) return digest;
  const ranked = digest.sections
    .flatMap((section) => section.stories)
    .sort((a, b) => b.score - a.score)
    .slice(0, max);
  const kept = new Set(ranked);
  const sections = digest.sections
    .map((section) => ({ ...section, stories: section.stories.filter((story) => kept.has(story)) }))
    .filter((section) => section.stories.length > 0);
  const stories = sections.flatMap((section) => section.stories);
  return {
    ...digest,
    sections,
    storyCount: stories.length,
    articleIds: [...new Set(stories.flatMap((story) => story.articleIds))],
  };
}
