import { createStoryClusterer } from '../src/core/stories/clusterer.ts';
import { fixtureArticle, loadStoryFixtures, pairwiseScores } from './lib/story-fixtures.ts';

/** Pairwise precision and recall of story clustering on tests/fixtures/stories. */
export async function run(): Promise<void> {
  const fixtures = loadStoryFixtures();
  const articles = fixtures.map(fixtureArticle);
  const eventOf = new Map(articles.map((a, i) => [a.id, fixtures[i]!.event]));
  const stories = createStoryClusterer().cluster(articles);
  const s = pairwiseScores(stories, (id) => eventOf.get(id)!);
  const events = new Set(fixtures.map((f) => f.event)).size;
  console.log(
    `\nStory clustering: ${articles.length} fixture articles, ${events} events, ${stories.length} stories found`,
  );
  console.log(
    `  pairwise precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  (same-event pairs found ${s.truePairs}, wrongly joined ${s.falsePairs}, missed ${s.missedPairs})`,
  );
}
