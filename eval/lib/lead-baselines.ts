import { selectSentences } from '../../src/core/summarize/extractive.ts';
import { DEFAULT_WEIGHTS } from '../../src/core/summarize/rank.ts';
import { splitSentenceUnits } from '../../src/core/summarize/sentences.ts';
import type { EvalDoc } from './corpora.ts';

/** Lead-3: the first three sentences of the body, split by the same splitter our summarizer uses. */
export function lead3(doc: EvalDoc): string {
  return splitSentenceUnits(doc.text)
    .slice(0, 3)
    .map((s) => s.text)
    .join(' ');
}

const LEAD_ONLY = { ...DEFAULT_WEIGHTS, forward: 0, backward: 0, title: 0, lead: 1, positionDecay: 1 };

/**
 * The first sentences our summarizer would accept (furniture, headings and over-long lines skipped),
 * while they fit in 70 words: what position alone achieves on pages whose opening lines are navigation.
 */
export function leadFiltered(doc: EvalDoc): string {
  return selectSentences(doc, 3, 70, { weights: LEAD_ONLY, maxRedundancy: 1 })
    .map((s) => s.text)
    .join(' ');
}
