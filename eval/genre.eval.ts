import { readFileSync } from 'node:fs';
import { TECH_CORPUS } from '../bench/tech-corpus.ts';
import { genreOf } from '../src/core/stories/genre.ts';
import {
  CHECKED_ARTICLES,
  drawSample,
  type RuledArticle,
  ruledArticles,
  wilson,
} from './lib/genre-sample.ts';

/** A reader's judgment of one sampled article (eval/genre-judgments.json). */
type Judgment = 'opinion' | 'news' | 'feature' | 'page';

interface JudgmentFile {
  seed: number;
  judgments: { id: number; judgment: Judgment; reason: string }[];
}

const JUDGMENTS: Judgment[] = ['opinion', 'news', 'feature', 'page'];

function loadJudgments(): JudgmentFile {
  return JSON.parse(readFileSync(new URL('./genre-judgments.json', import.meta.url), 'utf8')) as JudgmentFile;
}

// Width of the figure labels, so the four proportions line up.
const LABEL = 37;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** "k/n = p (95% Wilson low–high)", and the same interval scaled to a count of `total` articles. */
function proportion(k: number, n: number, total: number): string {
  const { low, high } = wilson(k, n);
  const implied = `≈ ${Math.round((k / n) * total)} of ${total} (${Math.round(low * total)}–${Math.round(high * total)})`;
  return `${k}/${n} = ${pct(k / n)} (95% Wilson ${pct(low)}–${pct(high)}); ${implied}`;
}

/** Judgments of one rule group, by kind, in a fixed order. */
function tally(judged: Judgment[]): Record<Judgment, number> {
  const out = { opinion: 0, news: 0, feature: 0, page: 0 };
  for (const j of judged) out[j]++;
  return out;
}

/** The rule's counts over the checked articles, and how many opinion pieces only its argument test found. */
function ruleCounts(ruled: RuledArticle[]): void {
  const count = (genre: string) => ruled.filter((r) => r.genre === genre).length;
  // Without headline and URL only the argument test (two kinds of argument, <= 1 attribution) can fire.
  const byArgument = ruled.filter(
    (r) => r.genre === 'opinion' && genreOf('', r.row.text.slice(0, 4000), '') === 'opinion',
  ).length;
  console.log(
    `  rule over the first ${ruled.length} articles: opinion ${count('opinion')}, news ${count('news')}, market ${count('market')} (opinion by the argument test alone: ${byArgument})`,
  );
}

/**
 * Precision of the clusterer's opinion rule, and an estimate of its recall, from a blind reading of 40
 * rule-opinion and 40 rule-news tech-corpus articles (eval/genre-judgments.json; the sheet they were judged
 * from is eval/genre-sheet.ts). Wilson intervals ignore the finite-population correction (40 of 162 drawn
 * without replacement), so they are a little wide for the opinion group.
 */
export async function run(corpusPath?: string): Promise<void> {
  console.log('\nGenre: is what the opinion rule marks opinion really opinion? (blind reading, 40 + 40)');
  const ruled = ruledArticles(corpusPath);
  if (!ruled) {
    console.log(
      `  tech-articles corpus absent (${corpusPath ?? TECH_CORPUS}): genre check not run, no figures`,
    );
    return;
  }
  ruleCounts(ruled);
  const file = loadJudgments();
  const sample = drawSample(ruled, file.seed);
  const judgedOf = new Map(file.judgments.map((j) => [j.id, j]));
  const missing = sample.filter((s) => !judgedOf.has(s.row.id)).map((s) => s.row.id);
  if (missing.length > 0 || file.judgments.length !== sample.length) {
    console.log(
      `  judgments do not match the sample drawn with seed ${file.seed} (unjudged ids: ${missing.join(', ') || 'none'}; ${file.judgments.length} judged, ${sample.length} drawn): re-judge from eval/genre-sheet.ts`,
    );
    return;
  }
  const group = (genre: string) => sample.filter((s) => s.genre === genre);
  const ruleOpinion = group('opinion');
  const ruleNews = group('news');
  const opinionTally = tally(ruleOpinion.map((s) => judgedOf.get(s.row.id)!.judgment));
  const newsTally = tally(ruleNews.map((s) => judgedOf.get(s.row.id)!.judgment));
  const totalOpinion = ruled.filter((r) => r.genre === 'opinion').length;
  const totalNews = ruled.filter((r) => r.genre === 'news').length;
  console.log(`  seed ${file.seed}; judged ${JUDGMENTS.join(' / ')}:`);
  console.log(
    `    rule opinion (${ruleOpinion.length}): ${JUDGMENTS.map((j) => opinionTally[j]).join(' / ')}`,
  );
  console.log(`    rule news    (${ruleNews.length}): ${JUDGMENTS.map((j) => newsTally[j]).join(' / ')}`);
  const n = ruleOpinion.length;
  const notNews = n - opinionTally.news;
  console.log(
    `  ${'precision, judged opinion:'.padEnd(LABEL)}${proportion(opinionTally.opinion, n, totalOpinion)}`,
  );
  console.log(
    `  ${'precision, not news (op+feat+page):'.padEnd(LABEL)}${proportion(notNews, n, totalOpinion)}`,
  );
  console.log(
    `  ${'judged news among rule opinion:'.padEnd(LABEL)}${proportion(opinionTally.news, n, totalOpinion)}`,
  );
  const m = ruleNews.length;
  console.log(
    `  ${'judged opinion among rule news:'.padEnd(LABEL)}${proportion(newsTally.opinion, m, totalNews)}`,
  );
  recall(opinionTally.opinion, n, totalOpinion, newsTally.opinion, m, totalNews);
  for (const s of ruleOpinion.filter((s) => judgedOf.get(s.row.id)!.judgment === 'news')) {
    console.log(`    rule opinion, judged news: ${s.row.id} ${s.row.title.slice(0, 70)}`);
  }
  console.log(
    `  (corpus: the first ${CHECKED_ARTICLES} tech-articles rows, genre as the clusterer reads it; intervals are per proportion)`,
  );
}

/**
 * Estimated recall: opinion the rule finds (precision × its count) over that plus the opinion it leaves
 * among news (rate × news count). The range pairs the Wilson bounds of the two proportions the pessimistic
 * and the optimistic way round: a bracket wider than a 95% interval, not one.
 */
function recall(tp: number, n: number, opinions: number, fn: number, m: number, newsCount: number): void {
  const found = (p: number) => p * opinions;
  const left = (q: number) => q * newsCount;
  const estimate = found(tp / n) / (found(tp / n) + left(fn / m));
  const p = wilson(tp, n);
  const q = wilson(fn, m);
  const low = found(p.low) / (found(p.low) + left(q.high));
  const high = found(p.high) / (found(p.high) + left(q.low));
  console.log(
    `  estimated recall: ${pct(estimate)} (≈ ${Math.round(found(tp / n))} found of ≈ ${Math.round(found(tp / n) + left(fn / m))} opinion pieces in ${opinions + newsCount}; bracket from the two Wilson intervals ${pct(low)}–${pct(high)})`,
  );
}
