import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { headlineSuffix } from '../core/text/headline.ts';

/** Longest line counted as a source's chrome: repeated prose (a standard disclosure) is left alone. */
const MAX_WORDS = 20;

const key = (line: string): string => line.replace(/\s+/g, ' ').trim().toLowerCase();

/** Shortest sentence learned on its own: a shorter run ("Learn more.") is as likely prose as chrome. */
const MIN_SENTENCE_WORDS = 5;

// A sentence ends at . ! or ? followed by a space and a capital or an opening quote; "U.S. Senate" splits
// too, which only makes a key shorter, never joins two sentences.
const SENTENCE_BREAK = /(?<=[.!?])\s+(?=[\p{Lu}"“‘(])/u;

/** The sentences of one line, as written. */
export function sentencesOf(line: string): string[] {
  return line.split(SENTENCE_BREAK);
}

/** In how many of `texts` each unit appears (a unit counts once per text). */
function countPerText(texts: string[], unitsOf: (lines: string[]) => string[]): Map<string, number> {
  const seenIn = new Map<string, number>();
  for (const text of texts)
    for (const unit of new Set(unitsOf(text.split(/\r?\n/)))) seenIn.set(unit, (seenIn.get(unit) ?? 0) + 1);
  return seenIn;
}

/** Sentences of five words or more, inside paragraphs or alone, as keys. */
const sentenceKeys = (lines: string[]): string[] =>
  lines
    .flatMap(sentencesOf)
    .map(key)
    .filter((sentence) => sentence.split(' ').length >= MIN_SENTENCE_WORDS);

/** Short lines, as keys. */
const shortLineKeys = (lines: string[]): string[] =>
  lines.map(key).filter((line) => line && line.split(' ').length <= MAX_WORDS);

/**
 * Lines that a source repeats across at least two of its articles (menus, slogans, sign-up lines,
 * "Continue reading the main story"): learned from the source's own scrapes, so no outlet's wording is
 * written down here. Short lines only, and a sentence line only when it recurs in at least half of them.
 * Also the sentences a source repeats verbatim in at least three articles and a tenth of them, alone
 * or glued into a paragraph (an event promo, a mission statement, an affiliate disclosure): reporting is
 * not copied word for word from story to story, so such a sentence is the page's, not the story's.
 * And the site-name suffix that a tenth of the headlines (at least three) end with.
 */
export function learnRepeatedLines(scrapes: string[], minArticles = 2): Set<string> {
  // A page saved twice would otherwise teach every one of its own lines as the source's.
  const texts = distinctTexts(scrapes);
  const seenIn = countPerText(texts, shortLineKeys);
  // A sentence may recur by chance (a stock "did not respond" line); chrome recurs in most articles.
  const sentenceMin = Math.max(minArticles, Math.ceil(texts.length / 2));
  const isSentence = (line: string) => /[.!?"”’]$/.test(line) && line.split(' ').length >= 8;
  const learned = new Set(
    [...seenIn]
      .filter(([line, count]) => count >= (isSentence(line) ? sentenceMin : minArticles))
      .map(([line]) => line),
  );
  const gluedMin = Math.max(minArticles, 3, Math.ceil(texts.length / 10));
  for (const [sentence, count] of countPerText(texts, sentenceKeys))
    if (count >= gluedMin) learned.add(sentence);
  learnHeadlineSuffixes(texts, learned);
  return learned;
}

// Learned headline suffixes share the set with learned lines; this prefix keeps them from ever matching one.
const SUFFIX_KEY = '\u0001headline suffix ';

/**
 * The site-name suffixes ("… | WIRED", "… - VentureBeat") that at least three of a source's scrapes end
 * their first line with: the name of a site nobody told us, read off its own headlines.
 */
function learnHeadlineSuffixes(texts: string[], learned: Set<string>): void {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const first = text.split(/\r?\n/).find((line) => line.trim().length > 0) ?? '';
    const suffix = headlineSuffix(first)?.suffix;
    if (suffix) counts.set(key(suffix), (counts.get(key(suffix)) ?? 0) + 1);
  }
  const min = Math.max(3, Math.ceil(texts.length / 10));
  for (const [suffix, count] of counts) if (count >= min) learned.add(SUFFIX_KEY + suffix);
}

/** The headline without a site-name suffix its source was seen to repeat (see learnRepeatedLines). */
export function withoutLearnedSuffix(title: string, repeated: Set<string> | undefined): string {
  if (repeated === undefined || repeated.size === 0) return title;
  const cut = headlineSuffix(title);
  return cut && repeated.has(SUFFIX_KEY + key(cut.suffix)) ? cut.rest : title;
}

/** The texts with copies of one page (the same words, spaced alike or not) kept once. */
export function distinctTexts(texts: string[]): string[] {
  const seen = new Map<string, string>();
  for (const text of texts) {
    const words = text.replace(/\s+/g, ' ').trim();
    if (words && !seen.has(words)) seen.set(words, text);
  }
  return [...seen.values()];
}

/** A line without the sentences its source repeats (see learnRepeatedLines); '' when none is left. */
export function withoutRepeatedSentences(line: string, repeated: Set<string> | undefined): string {
  if (repeated === undefined || repeated.size === 0) return line;
  const sentences = sentencesOf(line);
  const kept = sentences.filter((sentence) => !repeated.has(key(sentence)));
  return kept.length === sentences.length ? line : kept.join(' ');
}

/** True when a line is one the source repeats (see learnRepeatedLines). */
export function isRepeatedLine(line: string, repeated: Set<string> | undefined): boolean {
  return repeated !== undefined && repeated.size > 0 && repeated.has(key(line));
}

/**
 * For a batch of local scrapes, the repeated lines of each folder (a folder of scrapes is one source):
 * learned only where a folder holds at least three different `.txt` files, so two unrelated files (or one
 * file and its copies) never teach.
 */
export async function learnRepeatedLinesByFolder(paths: string[]): Promise<Map<string, Set<string>>> {
  const byFolder = new Map<string, string[]>();
  for (const path of paths.filter((p) => p.toLowerCase().endsWith('.txt'))) {
    const folder = dirname(resolve(path));
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), path]);
  }
  const learned = new Map<string, Set<string>>();
  for (const [folder, files] of byFolder) {
    if (files.length < 3) continue;
    const texts = distinctTexts(
      await Promise.all(files.map((file) => readFile(file, 'utf8').catch(() => ''))),
    );
    if (texts.length < 3) continue;
    learned.set(folder, learnRepeatedLines(texts));
  }
  return learned;
}
