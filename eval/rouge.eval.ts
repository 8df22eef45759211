import { selectSentences, summarizeExtractive } from '../src/core/summarize/extractive.ts';
import { splitSentenceUnits, wordCount } from '../src/core/summarize/sentences.ts';
import { type EvalDoc, loadBbc, loadSummEval, loadTechSummaries, type SummEvalDoc } from './lib/corpora.ts';
import { leadFiltered, lead3 as leadThree } from './lib/lead-baselines.ts';
import { type RougeScores, rougeMax } from './rouge.ts';

/** A system under evaluation: article in, summary out. */
interface System {
  name: string;
  summarize(doc: EvalDoc): string;
}

/** Lead-3: the first three sentences of the body, split by the same splitter our summarizer uses. */
const lead3: System = { name: 'Lead-3', summarize: leadThree };

/** The lead once furniture is skipped: on raw scrapes, the bar that position alone sets. */
const leadSkipping: System = { name: 'Lead, furniture skipped, within 70 words', summarize: leadFiltered };

/** Lead under our budget: whole opening sentences while they fit in 70 words (a length-matched baseline). */
const leadBudget: System = {
  name: 'Lead, whole sentences within 70 words',
  summarize: (doc) => {
    const out: string[] = [];
    let words = 0;
    for (const s of splitSentenceUnits(doc.text)) {
      const size = wordCount(s.text);
      if (out.length >= 3 || words + size > 70) break;
      out.push(s.text);
      words += size;
    }
    return out.join(' ');
  },
};

const ours: System = {
  name: 'ours (default: ≤3 sentences, 50–90 words)',
  summarize: (doc) => summarizeExtractive({ title: doc.title, text: doc.text }),
};

const oursUncapped: System = {
  name: 'ours, 3 sentences, no word cap',
  summarize: (doc) =>
    selectSentences({ title: doc.title, text: doc.text }, 3, 10_000)
      .map((s) => s.text)
      .join(' '),
};

/** Mean ROUGE F1 (×100) and mean summary length of one system over one set. */
export function scoreSystem(system: System, docs: EvalDoc[]): RougeScores & { words: number } {
  const total = { rouge1: 0, rouge2: 0, rougeL: 0, words: 0 };
  for (const doc of docs) {
    const summary = system.summarize(doc);
    const s = rougeMax(summary, doc.references);
    total.rouge1 += s.rouge1;
    total.rouge2 += s.rouge2;
    total.rougeL += s.rougeL;
    total.words += wordCount(summary);
  }
  const n = Math.max(1, docs.length);
  return {
    rouge1: (100 * total.rouge1) / n,
    rouge2: (100 * total.rouge2) / n,
    rougeL: (100 * total.rougeL) / n,
    words: total.words / n,
  };
}

function report(title: string, docs: EvalDoc[] | string): void {
  console.log(`\n${title}`);
  if (typeof docs === 'string') {
    console.log(`  skipped: corpus not found (${docs})`);
    return;
  }
  const refWords =
    docs.reduce(
      (sum, d) => sum + d.references.reduce((a, r) => a + wordCount(r), 0) / d.references.length,
      0,
    ) / Math.max(1, docs.length);
  console.log(`  ${docs.length} articles; reference summaries average ${refWords.toFixed(1)} words`);
  console.log(
    `  ${'system'.padEnd(44)} ${'R-1'.padStart(6)} ${'R-2'.padStart(6)} ${'R-L'.padStart(6)} ${'words'.padStart(6)}`,
  );
  const rows = [lead3, leadBudget, leadSkipping, ours, oursUncapped].map((system) => ({
    system,
    s: scoreSystem(system, docs),
  }));
  for (const { system, s } of rows) {
    console.log(
      `  ${system.name.padEnd(44)} ${s.rouge1.toFixed(2).padStart(6)} ${s.rouge2.toFixed(2).padStart(6)} ${s.rougeL.toFixed(2).padStart(6)} ${s.words.toFixed(1).padStart(6)}`,
    );
  }
  const lead = rows[0]!.s;
  const mine = rows[3]!.s;
  const verdict = mine.rouge2 > lead.rouge2 ? 'beats' : 'does NOT beat';
  const skipping = rows[2]!.s;
  console.log(
    `  ROUGE-2: ours ${verdict} Lead-3 (${mine.rouge2.toFixed(2)} vs ${lead.rouge2.toFixed(2)}, ratio ${(mine.rouge2 / lead.rouge2).toFixed(3)}); vs the furniture-skipping lead ${(mine.rouge2 / skipping.rouge2).toFixed(3)}`,
  );
}

/** Checks our ROUGE against the published Lead-3 figure: SummEval's own Lead-3 output vs the original highlight. */
function sanityCheck(docs: SummEvalDoc[]): void {
  const withOutput = docs.filter((d) => d.lead3Output);
  const scored = scoreSystem(
    { name: 'M0', summarize: (d) => (d as SummEvalDoc).lead3Output ?? '' },
    withOutput.map((d) => ({ ...d, references: [d.originalReference] })),
  );
  const lead = scoreSystem(
    lead3,
    docs.map((d) => ({ ...d, references: [d.originalReference] })),
  );
  console.log(
    '  sanity check of our ROUGE against the published Lead-3 ≈ R-1 40.8 / R-2 19.0 (original highlight only):',
  );
  console.log(
    `    SummEval's stored Lead-3 output (M0): R-1 ${scored.rouge1.toFixed(2)} / R-2 ${scored.rouge2.toFixed(2)} / R-L ${scored.rougeL.toFixed(2)}`,
  );
  console.log(
    `    our Lead-3 (our sentence splitter):   R-1 ${lead.rouge1.toFixed(2)} / R-2 ${lead.rouge2.toFixed(2)} / R-L ${lead.rougeL.toFixed(2)}`,
  );
}

/** ROUGE-1/2/L F1 of our summarizer and Lead-3 on SummEval and on BBC tech + politics. */
export async function run(): Promise<void> {
  console.log(
    'Summarization: ROUGE F1 ×100 (lower-case alphanumeric tokens, no stemming; ROUGE-L = whole-text LCS)',
  );
  console.log(
    'Weights and the word budget were tuned on BBC business, SummEval articles 1–50 by id and the tuning half of our tech-policy references (eval/tune-summarizer.ts).',
  );
  const summeval = loadSummEval();
  report('SummEval (CNN/DailyMail test articles; best of 11 references per metric)', summeval);
  if (typeof summeval !== 'string') {
    sanityCheck(summeval);
    const heldOut = [...summeval].sort((a, b) => a.id.localeCompare(b.id)).slice(50);
    report('SummEval held-out half (articles 51–100 by id, never used for tuning)', heldOut);
  }
  report(
    'BBC News Summary, tech + politics (one extractive reference each; never used for tuning)',
    loadBbc(['tech', 'politics']),
  );
  report(
    'Tech-policy scrapes, our own references (tech-summaries.json), checking half (never used for tuning)',
    loadTechSummaries('check'),
  );
  report('Tech-policy scrapes, our own references, tuning half', loadTechSummaries('tune'));
}
