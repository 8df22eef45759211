import { corpus } from './lib/corpora.ts';
import { halfOf, loadDatePages, pageDates } from './lib/date-pages.ts';

/** Counts in htmldate's own terms: a wrong date is a false positive, no date a false negative. */
interface DateScore {
  pages: number;
  right: number;
  wrong: number;
  none: number;
}

function line(name: string, score: DateScore): string {
  const precision = score.right / Math.max(1, score.right + score.wrong);
  const recall = score.right / Math.max(1, score.right + score.none);
  const accuracy = score.right / Math.max(1, score.pages);
  const f = (2 * precision * recall) / Math.max(1e-9, precision + recall);
  return `${name.padEnd(9)} pages ${String(score.pages).padStart(4)}  precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F ${f.toFixed(3)}  accuracy ${accuracy.toFixed(3)}  (right ${score.right}, wrong ${score.wrong}, none ${score.none})`;
}

/** Publication-date precision, recall and accuracy on htmldate's labelled pages, per half and in total. */
export async function run(): Promise<void> {
  const root = corpus('htmldate-dates');
  if (!root) return;
  const pages = loadDatePages(root);
  const empty = (): DateScore => ({ pages: 0, right: 0, wrong: 0, none: 0 });
  const scores = { tune: empty(), 'held-out': empty(), total: empty() };
  let findingNs = 0n;
  const started = process.hrtime.bigint();
  for (const { label, bytes } of pages) {
    const found = pageDates(label, bytes);
    findingNs += found.findingNs;
    const day = found.dates.published?.day;
    const outcome = day === undefined ? 'none' : day === label.date ? 'right' : 'wrong';
    for (const score of [scores[halfOf(label.file)], scores.total]) {
      score.pages += 1;
      score[outcome] += 1;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log('htmldate-dates: publication date (YYYY-MM-DD) against labels.json');
  console.log(line('tune', scores.tune));
  console.log(line('held-out', scores['held-out']));
  console.log(line('total', scores.total));
  console.log(
    `${(pages.length / seconds).toFixed(1)} pages/s (decode + parse + date finding; machine shared with other jobs); date finding alone ${(pages.length / (Number(findingNs) / 1e9)).toFixed(1)} pages/s`,
  );
  console.log('goal: accuracy >= 0.92 (htmldate extensive 0.903, newspaper4k 0.680 on their 1,000-page set)');
}
