import { distance } from 'fastest-levenshtein';
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
  // A sentence only corrected (a typo, a comma) was not replaced: it is still there.
  const dropped = oldBody.filter((sentence) => !after.sentences.some((now) => nearlySame(sentence, now)));
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

/** A sentence and its corrected form: a few characters apart. */
function nearlySame(a: string, b: string): boolean {
  if (a === b) return true;
  const allowed = Math.max(3, Math.floor(Math.min(a.length, b.length) / 10));
  return Math.abs(a.length - b.length) <= allowed && distance(a, b) <= allowed;
}

const STOPWORDS = new Set(
  'the and for was were are has had have that this with from said says its his her their they will would'.split(
    ' ',
  ),
);

function words(text: string): Set<string> {
  const found = text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  return new Set(found.filter((word) => !STOPWORDS.has(word)));
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
  return best;
}

/** A sentence as a clause: no closing stop, a leading article in lower case, at most MAX_CLAUSE characters. */
function clause(sentence: string): string {
  let text = sentence.trim().replace(/[.!?]+["”’]?$/, '');
  if (LEADING.test(text)) text = text.charAt(0).toLowerCase() + text.slice(1);
  return text.length > MAX_CLAUSE ? `${text.slice(0, MAX_CLAUSE - 1).trimEnd()}…` : text;
}
