import { readFileSync } from 'node:fs';
import { loadTechArticles } from '../../bench/tech-corpus.ts';
import { summarizeExtractive } from '../../src/core/summarize/extractive.ts';
import { splitSentences } from '../../src/core/summarize/sentences.ts';

/** One labelled single-page scrape: where its story starts, and which half it belongs to. */
export interface LedeLabel {
  id: number;
  site: string;
  half: 'tune' | 'check';
  lede: string | null;
}

/** A cleaner under test: the ingest's `parseScrapedText`, or an older one for a before/after. */
export type ScrapeCleaner = (raw: string) => { title: string; text: string };

/** The labelled sample (eval/tech-chrome-ledes.json) with each page's raw `.txt` form, or a reason. */
export function loadLedeSample(): { label: LedeLabel; raw: string }[] | string {
  const rows = loadTechArticles();
  if (!rows) return 'tech-articles corpus missing';
  const file = new URL('../tech-chrome-ledes.json', import.meta.url);
  const labels = (JSON.parse(readFileSync(file, 'utf8')) as { articles: LedeLabel[] }).articles;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return labels.flatMap((label) => {
    const row = byId.get(label.id);
    return row && label.lede ? [{ label, raw: `${row.title}\n${row.text}` }] : [];
  });
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const opening = (sentence: string) => squash(sentence).split(' ').slice(0, 6).join(' ');

/**
 * Per half: share of summaries whose first sentence, or any sentence, does not come from the story
 * (its opening words are not found in the raw page at or after the labelled lede: menus, prompts,
 * bylines and headline runs all sit before it), share of pages whose lede survives cleaning, and the
 * mean words the cleaned text keeps before its lede.
 */
export function scoreLedes(pages: { label: LedeLabel; raw: string }[], clean: ScrapeCleaner) {
  let startsOff = 0;
  let holdsOff = 0;
  let ledeKept = 0;
  let wordsBefore = 0;
  for (const { label, raw } of pages) {
    const page = squash(raw);
    const lede = label.lede ?? '';
    const from = page.indexOf(lede);
    const { title, text } = clean(raw);
    const body = squash(text);
    const at = body.indexOf(lede);
    if (at >= 0) {
      ledeKept++;
      wordsBefore += body.slice(0, at).split(' ').filter(Boolean).length;
    }
    const sentences = splitSentences(summarizeExtractive({ title, text }));
    const fromStory = sentences.map((s) => from >= 0 && page.indexOf(opening(s), from) >= 0);
    if (fromStory[0] === false) startsOff++;
    if (fromStory.includes(false)) holdsOff++;
  }
  const n = pages.length || 1;
  return {
    pages: pages.length,
    startsOff: startsOff / n,
    holdsOff: holdsOff / n,
    ledeKept: ledeKept / n,
    wordsBefore: wordsBefore / Math.max(1, ledeKept),
  };
}
