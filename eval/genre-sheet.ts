/**
 * Prints the blind reading sheet for the genre check (eval/genre.eval.ts): the seeded sample of rule-opinion
 * and rule-news articles, shuffled together, each with its id, title, URL and first 1,500 characters, and
 * no word of the group the rule put it in, so a reader judges the text and not the rule.
 * Run: npx tsx eval/genre-sheet.ts [seed] > sheet.txt
 */
import { readFileSync } from 'node:fs';
import { drawSample, ruledArticles } from './lib/genre-sample.ts';

const recorded = JSON.parse(readFileSync(new URL('./genre-judgments.json', import.meta.url), 'utf8')) as {
  seed: number;
};
const seed = Number(process.argv[2] ?? recorded.seed);
const ruled = ruledArticles();
if (!ruled) throw new Error('tech-articles corpus missing: no sheet to print');
drawSample(ruled, seed).forEach(({ row }, i) => {
  const text = row.text.replace(/\s+/g, ' ').trim().slice(0, 1500);
  console.log(`=== ${i + 1}. id ${row.id}\nTITLE: ${row.title}\nURL: ${row.url}\nTEXT: ${text}\n`);
});
