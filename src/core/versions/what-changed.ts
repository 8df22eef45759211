import { type FactDiff, keyFactsOf, verdictsIn } from './key-facts.ts';

/** Longest clause quoted from either version. */
const MAX_CLAUSE = 200;
/** Words that start a clause but are no name: lower-cased when the clause moves mid-sentence. */
const LEADING = /^(?:The|A|An|It|Its|This|That|These|Those|Officials|Earlier)\b/;

/** The wording of one version that "what changed" may quote. */
export interface QuotedVersion {
  sentences: string[];
}

/**
 * One or two sentences on what changed between two versions, quoting them: "Update: the court rejected the
 * challenge; earlier reports said a ruling was due." The new clause is the first sentence carrying an added
 * fact; the old clause is the sentence it replaced (the old one most like it that the new version dropped).
 */
export function whatChangedText(before: QuotedVersion, after: QuotedVersion, diff: FactDiff): string {
  // The body says it in a sentence; the headline (first) only when no body sentence carries the news.
  const [newTitle = '', ...newBody] = after.sentences;
  const [, ...oldBody] = before.sentences;
  const fresh = [...newBody, newTitle].find((sentence) => sentence && carriesAdded(sentence, diff));
  const dropped = oldBody.filter((sentence) => !after.sentences.includes(sentence));
  const anchor = fresh ?? after.sentences[0] ?? '';
  const replaced = bestMatch(anchor, dropped);
  if (!fresh) {
    // Only facts went: say what the report no longer says.
    return replaced
      ? `Update: the report no longer says ${clause(replaced)}.`
      : 'Update: the report was revised.';
  }
  return replaced && replaced !== fresh
    ? `Update: ${clause(fresh)}; earlier reports said ${clause(replaced)}.`
    : `Update: ${clause(fresh)}.`;
}

function carriesAdded(sentence: string, diff: FactDiff): boolean {
  const { added } = diff;
  const verdicts = verdictsIn(sentence);
  if (added.verdicts.some((verdict) => verdicts.includes(verdict))) return true;
  const facts = keyFactsOf('', sentence);
  return (
    added.figures.some((fact) => facts.figures.includes(fact)) ||
    added.dates.some((fact) => facts.dates.includes(fact)) ||
    added.names.some((fact) => facts.names.includes(fact) || sentence.toLowerCase().includes(fact))
  );
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}

/** The candidate sharing the most words with the anchor; undefined when none shares any. */
function bestMatch(anchor: string, candidates: string[]): string | undefined {
  const wanted = words(anchor);
  let best: string | undefined;
  let bestShared = 0;
  for (const candidate of candidates) {
    let shared = 0;
    for (const word of words(candidate)) if (wanted.has(word)) shared++;
    if (shared > bestShared) {
      best = candidate;
      bestShared = shared;
    }
  }
  return best ?? candidates[0];
}

/** A sentence as a clause: no closing stop, a leading article in lower case, at most MAX_CLAUSE characters. */
function clause(sentence: string): string {
  let text = sentence.trim().replace(/[.!?]+["”’]?$/, '');
  if (LEADING.test(text)) text = text.charAt(0).toLowerCase() + text.slice(1);
  return text.length > MAX_CLAUSE ? `${text.slice(0, MAX_CLAUSE - 1).trimEnd()}…` : text;
}
