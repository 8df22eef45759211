import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Longest line counted as a source's chrome: repeated prose (a standard disclosure) is left alone. */
const MAX_WORDS = 20;

const key = (line: string): string => line.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Lines that a source repeats across at least two of its articles (menus, slogans, sign-up lines,
 * "Continue reading the main story"): learned from the source's own scrapes, so no outlet's wording is
 * written down here. Short lines only, and a sentence only when it recurs in at least half of them.
 */
export function learnRepeatedLines(texts: string[], minArticles = 2): Set<string> {
  const seenIn = new Map<string, number>();
  for (const text of texts) {
    const lines = new Set(
      text
        .split(/\r?\n/)
        .map(key)
        .filter((line) => line && line.split(' ').length <= MAX_WORDS),
    );
    for (const line of lines) seenIn.set(line, (seenIn.get(line) ?? 0) + 1);
  }
  // A sentence may recur by chance (a stock "did not respond" line); chrome recurs in most articles.
  const sentenceMin = Math.max(minArticles, Math.ceil(texts.length / 2));
  const isSentence = (line: string) => /[.!?"”’]$/.test(line) && line.split(' ').length >= 8;
  return new Set(
    [...seenIn]
      .filter(([line, count]) => count >= (isSentence(line) ? sentenceMin : minArticles))
      .map(([line]) => line),
  );
}

/** True when a line is one the source repeats (see learnRepeatedLines). */
export function isRepeatedLine(line: string, repeated: Set<string> | undefined): boolean {
  return repeated !== undefined && repeated.size > 0 && repeated.has(key(line));
}

/**
 * For a batch of local scrapes, the repeated lines of each folder (a folder of scrapes is one source):
 * learned only where a folder holds at least three `.txt` files, so two unrelated files never teach.
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
    const texts = await Promise.all(files.map((file) => readFile(file, 'utf8').catch(() => '')));
    learned.set(folder, learnRepeatedLines(texts));
  }
  return learned;
}
