import { notice, type Reply } from '../src/core/reply.ts';
import { countOf } from '../src/core/text/plural.ts';
import type { ComposedDigest } from './compose.ts';

/** The stories of a digest in the order the channel sees them, numbered from 1. */
function shownStories(digest: ComposedDigest) {
  return digest.sections.flatMap((section) => section.stories.map((story) => ({ story, section })));
}

/**
 * `/digest why <n>`: why the n-th story of the channel's next digest is where it is: its score, and how the
 * channel's 👍/👎 moved it ("ranked up: you liked 3 stories from this outlet").
 */
export function explainPlace(digest: ComposedDigest, n: number): Reply {
  const shown = shownStories(digest);
  const entry = shown[n - 1];
  if (!entry) {
    return notice(
      'info',
      shown.length === 0
        ? 'The next digest has no stories yet, so there is nothing to explain.'
        : `The next digest has ${countOf(shown.length, 'story', 'stories')}; there is no story ${n}.`,
      'See the order with /digest, then ask /digest why <number>.',
    );
  }
  const { story, section } = entry;
  const { bonus, reasons } = story.preference;
  const place = `Story ${n}, “${story.card.title}” (${story.card.source}), is in ${section.topic} with a score of ${story.score.toFixed(2)}`;
  const moved =
    reasons.length > 0
      ? `${reasons.join('; ')} (${bonus >= 0 ? '+' : ''}${bonus.toFixed(2)}).`
      : 'Votes in this channel did not move it.';
  return {
    ...notice(
      'info',
      `${place}: relevance to the topic, how recent it is and how many outlets carried it. ${moved.charAt(0).toUpperCase()}${moved.slice(1)}`,
      'React 👍 or 👎 to a digest story to rank stories like it up or down in this channel.',
    ),
    visibility: 'ephemeral',
  };
}
