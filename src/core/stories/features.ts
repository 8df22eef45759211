import type { Article } from '../article.ts';
import { analyze } from '../search/analyzer.ts';

/** What the clusterer compares: a MinHash of word shingles, title words, named things and a time. */
export interface StoryFeatures {
  minhash: Uint32Array;
  /** Stems of the title (counted twice) and the lead, with counts. */
  lead: Map<string, number>;
  entities: Set<string>;
  time: number;
}

/** Signature length: 64 hashes estimate Jaccard similarity within about ±0.06. */
export const MINHASH_SIZE = 64;
const SHINGLE = 3;
/** Body words shingled: the lead carries the event; the rest is background and boilerplate. */
const LEAD_WORDS = 400;
/** Body words compared as a bag of words. */
const BAG_WORDS = 120;

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
const NUMBER = /[$€£]?\d[\d,.]*(?:\s?(?:%|percent|billion|million|bn|m)(?![\p{L}]))?/gu;
const UNIT: Record<string, string> = { percent: '%', billion: 'bn', million: 'm' };
const SENTENCE_START = /(?:^|[.!?]["”’)]?\s+)$/;
const GENERIC = new Set([
  'the',
  'a',
  'an',
  'in',
  'on',
  'but',
  'and',
  'it',
  'this',
  'that',
  'he',
  'she',
  'they',
  'we',
  'i',
  'its',
  'their',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'mr',
  'ms',
  'mrs',
]);

/**
 * Named things in the lead: capitalised words and runs ("European Commission", "FTC") not at a sentence
 * start, and figures ("$1.2 billion", "25%"), lower-cased. Multi-word names also add their words.
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
    for (const match of text.matchAll(NUMBER)) {
      // "$400 million", "$400m" and "400m" are one figure.
      const key = match[0]
        .toLowerCase()
        .replace(/[,\s$€£]/g, '')
        .replace(/(percent|billion|million)$/, (unit) => UNIT[unit] ?? unit);
      if (key.length > 1 && !/^(19|20)\d\d$/.test(key)) out.add(key);
    }
  }
  return out;
}

/** Extracts the features of one article. */
export function featuresOf(article: Article): StoryFeatures {
  const leadText = article.text.slice(0, 4000);
  const stems = analyze(leadText, LEAD_WORDS).map((t) => t.term);
  const lead = new Map<string, number>();
  const title = analyze(article.title, 60).map((t) => t.term);
  for (const term of [...title, ...title, ...stems.slice(0, BAG_WORDS)])
    lead.set(term, (lead.get(term) ?? 0) + 1);
  return {
    minhash: minhashOf(stems),
    lead,
    entities: entitiesOf(article.title, leadText.slice(0, 1500)),
    time: Date.parse(article.publishedAt ?? article.fetchedAt) || 0,
  };
}
