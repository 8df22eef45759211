/**
 * Grid search for the extractive scorer's weights on DEVELOPMENT data only: BBC business articles (never
 * reported by `npm run eval`) and SummEval's first 50 articles by id (rouge.eval.ts also reports the other
 * 50 on their own). The objective is the mean relative ROUGE-2 gain over Lead-3 on the two dev sets, so
 * neither corpus's taste (BBC: central sentences; CNN/DM: the lead) wins alone.
 * Run: npx tsx eval/tune-summarizer.ts
 */
import { summarizeExtractive } from '../src/core/summarize/extractive.ts';
import { DEFAULT_WEIGHTS, type RankWeights } from '../src/core/summarize/rank.ts';
import { splitSentences } from '../src/core/summarize/sentences.ts';
import { type EvalDoc, loadBbc, loadSummEval } from './lib/corpora.ts';
import { rougeMax } from './rouge.ts';

function meanRouge2(docs: EvalDoc[], summarize: (doc: EvalDoc) => string): number {
  let total = 0;
  for (const doc of docs) total += rougeMax(summarize(doc), doc.references).rouge2;
  return (100 * total) / docs.length;
}

const bbc = loadBbc(['business']);
const summeval = loadSummEval();
if (typeof bbc === 'string' || typeof summeval === 'string') throw new Error('corpora missing');
const summDev = [...summeval].sort((a, b) => a.id.localeCompare(b.id)).slice(0, 50);
const lead3 = (doc: EvalDoc) => splitSentences(doc.text).slice(0, 3).join(' ');
const base = { bbc: meanRouge2(bbc, lead3), summ: meanRouge2(summDev, lead3) };
console.log(`Lead-3 R2: BBC business ${base.bbc.toFixed(2)}, SummEval dev ${base.summ.toFixed(2)}`);

const results: { weights: RankWeights; bbc: number; summ: number; gain: number }[] = [];
for (const forward of [0.5, 1])
  for (const backward of [0, 0.5])
    for (const title of [0, 0.5])
      for (const lead of [0.5, 1, 2])
        for (const quote of [0, 0.3])
          for (const dangling of [0, 0.3]) {
            const weights = { ...DEFAULT_WEIGHTS, forward, backward, title, lead, quote, dangling };
            const run = (doc: EvalDoc) => summarizeExtractive(doc, 3, 70, { weights });
            const bbcR2 = meanRouge2(bbc, run);
            const summR2 = meanRouge2(summDev, run);
            const gain = (bbcR2 / base.bbc + summR2 / base.summ) / 2;
            results.push({ weights, bbc: bbcR2, summ: summR2, gain });
          }
results.sort((a, b) => b.gain - a.gain);
for (const r of results.slice(0, 12))
  console.log(
    `gain ${r.gain.toFixed(4)}  BBC-business R2 ${r.bbc.toFixed(2)}  SummEval-dev R2 ${r.summ.toFixed(2)}  ${JSON.stringify(r.weights)}`,
  );
