import { distance } from 'fastest-levenshtein';
import { entitiesOf } from '../stories/features.ts';
import { figuresOf } from '../stories/figures.ts';
import { splitSentences } from '../summarize/sentences.ts';

/**
 * What a version of an article asserts, in forms that survive rewording: figures (amounts, shares, tallies,
 * case numbers, via the clusterer's reader), dates, named people and organisations, and verdict words.
 */
export interface KeyFacts {
  figures: string[];
  dates: string[];
  names: string[];
  verdicts: string[];
}

/** Characters of the body read for facts: the report's substance, not the outlet's boilerplate at the end. */
const FACT_CHARS = 6000;
/** Sentences kept per version, so "what changed" can quote the old and the new wording. */
const MAX_SENTENCES = 30;
const MAX_SENTENCE_CHARS = 300;

/** Verdict words by what they decide; every inflection of one maps to its base ("rejected" → reject). */
const VERDICTS: [string, RegExp][] = [
  ['reject', /\breject(?:s|ed|ing)?\b/i],
  ['approve', /\bapprov(?:es?|ed|ing|al)\b/i],
  ['fine', /\bfine[sd]\b|\bfining\b/i],
  ['block', /\bblock(?:s|ed|ing)\b/i],
  ['clear', /\bclear(?:s|ed)\b/i],
  ['sue', /\bsu(?:es|ed|ing)\b|\blawsuit\b/i],
  ['ban', /\bban(?:s|ned|ning)?\b/i],
  ['uphold', /\buph(?:olds?|eld|olding)\b/i],
  ['overturn', /\boverturn(?:s|ed|ing)?\b/i],
  ['dismiss', /\bdismiss(?:es|ed|ing)?\b/i],
  ['settle', /\bsettle(?:s|d|ment)\b/i],
  ['veto', /\bveto(?:es|ed|ing)?\b/i],
  ['strike down', /\bstr(?:ikes?|uck|iking) down\b/i],
  ['withdraw', /\bwithdr(?:aws?|ew|awn)\b/i],
  ['suspend', /\bsuspend(?:s|ed|ing)?\b/i],
  ['charge', /\bcharged\b|\bindict(?:s|ed|ment)?\b/i],
  ['rule', /\bruled\b/i],
];

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE_PATTERNS: RegExp[] = [
  new RegExp(`\\b${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`, 'gi'),
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}(?:\\s+\\d{4})?\\b`, 'gi'),
  new RegExp(`\\b${MONTH}\\s+\\d{4}\\b`, 'gi'),
  /\b\d{4}-\d{2}-\d{2}\b/g,
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi,
];

/** The key facts of a title and body. */
export function keyFactsOf(title: string, text: string): KeyFacts {
  const body = text.slice(0, FACT_CHARS);
  const all = `${title}\n${body}`;
  const dates = new Set<string>();
  for (const pattern of DATE_PATTERNS)
    for (const match of all.matchAll(pattern)) dates.add(normalizeDate(match[0]));
  return {
    figures: [...figuresOf(all)].sort(),
    dates: [...dates].sort(),
    names: [...entitiesOf(title, body)].sort(),
    verdicts: verdictsIn(all),
  };
}

/** The verdict words a text uses, by base form. */
export function verdictsIn(text: string): string[] {
  return VERDICTS.filter(([, pattern]) => pattern.test(text))
    .map(([name]) => name)
    .sort();
}

/** The sentences of a version worth quoting in "what changed": the title, then the body's opening. */
export function quotableSentences(title: string, text: string): string[] {
  const sentences = splitSentences(text.slice(0, FACT_CHARS))
    .map((sentence) => sentence.replace(/\s+/g, ' ').trim())
    .filter((sentence) => sentence.length > 0)
    .map((sentence) => sentence.slice(0, MAX_SENTENCE_CHARS));
  return [title.slice(0, MAX_SENTENCE_CHARS), ...sentences].slice(0, MAX_SENTENCES);
}

function normalizeDate(text: string): string {
  return text
    .toLowerCase()
    .replace(/(\d)(?:st|nd|rd|th)\b/g, '$1')
    .replace(/[.,]/g, '')
    .replace(/\s+/g, ' ');
}

/** How two versions' facts differ: what was added and what went, per kind. */
export interface FactDiff {
  added: KeyFacts;
  removed: KeyFacts;
}

const KINDS = ['verdicts', 'figures', 'dates', 'names'] as const;

/**
 * The facts added and removed between two versions. Names are matched loosely (one or two letters apart
 * count as the same name), so correcting "Comission" to "Commission" changes nothing.
 */
export function diffFacts(before: KeyFacts, after: KeyFacts): FactDiff {
  const added: KeyFacts = { figures: [], dates: [], names: [], verdicts: [] };
  const removed: KeyFacts = { figures: [], dates: [], names: [], verdicts: [] };
  for (const kind of KINDS) {
    const same = kind === 'names' ? nearlySame : (a: string, b: string) => a === b;
    added[kind] = after[kind].filter((fact) => !before[kind].some((old) => same(old, fact)));
    removed[kind] = before[kind].filter((fact) => !after[kind].some((now) => same(now, fact)));
  }
  return { added, removed };
}

/** A typo, not another name: short names must match exactly, longer ones may be a letter or two apart. */
function nearlySame(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 5) return false;
  return distance(a, b) <= (shorter >= 7 ? 2 : 1);
}

/**
 * True when the change matters to a reader: a verdict, figure, date or name came or went. A typo fix or a
 * reworded sentence keeps every fact, so it is not material.
 */
export function isMaterial(diff: FactDiff): boolean {
  return KINDS.some((kind) => diff.added[kind].length > 0 || diff.removed[kind].length > 0);
}

/** The diff as short lines for people and the CLI: "verdict added: reject", "figure removed: amt:5e+6". */
export function describeDiff(diff: FactDiff): string[] {
  const label = { verdicts: 'verdict', figures: 'figure', dates: 'date', names: 'name' } as const;
  const lines: string[] = [];
  for (const kind of KINDS) {
    for (const fact of diff.added[kind]) lines.push(`${label[kind]} added: ${fact}`);
    for (const fact of diff.removed[kind]) lines.push(`${label[kind]} removed: ${fact}`);
  }
  return lines;
}
