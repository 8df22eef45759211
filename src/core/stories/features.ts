import type { Article } from '../article.ts';
import { analyze } from '../search/analyzer.ts';
import { figuresOf } from './figures.ts';
import { genreOf, reportedParagraphs, type StoryGenre } from './genre.ts';

/** What the clusterer compares: wording of headline and lede, names, figures, time, outlet and genre. */
export interface StoryFeatures {
  /** MinHash of word shingles of the opening: copies of one text (wire copy, syndication). */
  minhash: Uint32Array;
  /** Stems of the headline (counted twice) and the lede, with counts. */
  lead: Map<string, number>;
  /** Named things of headline and lede, lower-cased. */
  entities: Set<string>;
  /** Amounts, shares, tallies and case numbers of headline and body opening (see figures.ts). */
  figures: Set<string>;
  time: number;
  source: string;
  genre: StoryGenre;
}

/** Signature length: 64 hashes estimate Jaccard similarity within about ±0.06. */
export const MINHASH_SIZE = 64;
const SHINGLE = 3;
/** Body words shingled: the opening carries the event; the rest is background and boilerplate. */
const SHINGLE_WORDS = 400;
/** Body words of the lede compared as a bag of words: about the first three paragraphs of a report. */
const LEDE_WORDS = 120;
/** Characters of the body read for names and figures. */
const NAME_CHARS = 1200;
const FIGURE_CHARS = 2500;

// Fixed seeds keep signatures comparable across runs and processes.
const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => ({
  a: (Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0,
  b: Math.imul(i + 7, 0x85ebca6b) >>> 0,
}));

function fnv(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function mix(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** MinHash signature over word 3-shingles of stems. */
export function minhashOf(stems: string[]): Uint32Array {
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (let i = 0; i + SHINGLE <= stems.length; i++) {
    const shingle = fnv(stems.slice(i, i + SHINGLE).join(' '));
    for (let k = 0; k < MINHASH_SIZE; k++) {
      const seed = SEEDS[k]!;
      const h = mix((Math.imul(shingle, seed.a) + seed.b) >>> 0);
      if (h < signature[k]!) signature[k] = h;
    }
  }
  return signature;
}

/** Estimated Jaccard similarity of two signatures; 0 when either text was too short to shingle. */
export function minhashSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a[0] === 0xffffffff || b[0] === 0xffffffff) return 0;
  let same = 0;
  for (let k = 0; k < MINHASH_SIZE; k++) if (a[k] === b[k]) same++;
  return same / MINHASH_SIZE;
}

const NAME =
  /\b(?:[A-Z][\p{L}'’-]*[A-Za-z0-9]|[A-Z]{2,}\d*)(?:\s+(?:[A-Z][\p{L}'’-]*[A-Za-z0-9]|[A-Z]{2,}\d*|of|de|and|for))*\b/gu;
const SENTENCE_START = /(?:^|[.!?:;]["”’)]?\s+|["“(]\s*)$/;
const GENERIC = new Set(
  (
    'the a an in on at as by but and or it this that these those he she they we i you its their our his her ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december jan feb mar apr jun jul aug sep sept oct nov dec mr ms mrs ' +
    'dr opinion analysis update here what why how who when where if so after before under one two three'
  ).split(' '),
);
// "WASHINGTON, April 25 (Wire Daily) - " and "BRUSSELS, March 4 — ": where the report was filed, not what.
const DATELINE = /^[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\p{L}.]+)*,?\s[^\n]{0,40}?[-—–]\s/u;

/**
 * Named things in a headline and lede: capitalised words and runs ("European Commission", "FTC") not at a
 * sentence start, lower-cased; multi-word names add their words, so "Federal Trade Commission" meets
 * "the commission" halfway and "Margrethe Vestager" meets "Vestager".
 */
export function entitiesOf(title: string, lead: string): Set<string> {
  const out = new Set<string>();
  for (const text of [title, lead]) {
    for (const match of text.matchAll(NAME)) {
      const at = match.index ?? 0;
      const before = text.slice(Math.max(0, at - 4), at);
      const words = match[0].split(/\s+/).filter((w) => !/^(of|de|and|for)$/.test(w));
      if (words.length === 1 && text !== title && SENTENCE_START.test(before)) continue;
      for (const word of words) {
        const key = word.toLowerCase().replace(/['’]s$/, '');
        if (key.length > 1 && !GENERIC.has(key)) out.add(key);
      }
    }
  }
  return out;
}

// "… | MIT Technology Review", "… - The Verge": the site's name, on every headline it serves.
const SITE_SUFFIX = /\s+[|–—-]\s+[^|–—-]{2,40}$/u;

/** Extracts the features of one article. */
export function featuresOf(article: Article): StoryFeatures {
  const body = article.text.slice(0, 4000).replace(DATELINE, '');
  const stems = analyze(body, SHINGLE_WORDS).map((t) => t.term);
  // Wording, names and figures come from the reported paragraphs only; shingles (copies) from all.
  const paragraphs = reportedParagraphs(body);
  const reported = paragraphs.reported.join('\n');
  const lead = new Map<string, number>();
  const headline = article.title.replace(SITE_SUFFIX, '');
  const title = analyze(headline, 60).map((t) => t.term);
  // The first LEDE_WORDS content stems (analyze's limit counts every word); most reports recap nothing,
  // and then they are the start of the stems already read.
  const lede = (paragraphs.recaps === 0 ? stems : analyze(reported, SHINGLE_WORDS).map((t) => t.term)).slice(
    0,
    LEDE_WORDS,
  );
  for (const term of [...title, ...title, ...lede]) lead.set(term, (lead.get(term) ?? 0) + 1);
  const entities = entitiesOf(headline, reported.slice(0, NAME_CHARS));
  // The outlet's own name ("(Wire Daily)", "said a Ledger spokesman") says nothing about the event.
  for (const word of article.source.toLowerCase().split(/\s+/)) entities.delete(word);
  return {
    minhash: minhashOf(stems),
    lead,
    entities,
    figures: figuresOf(`${headline}\n${reported.slice(0, FIGURE_CHARS)}`),
    time: Date.parse(article.publishedAt ?? article.fetchedAt) || 0,
    source: article.source.toLowerCase(),
    genre: genreOf(headline, body, article.canonicalUrl || article.url),
  };
}
