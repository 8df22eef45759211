import { analyze } from '../src/core/search/analyzer.ts';
import type { TechArticle } from './tech-corpus.ts';

/** The bench's query sets; every engine runs the same ones. */
export interface QuerySets {
  /** One- to three-word queries drawn from the corpus titles (the latency goals are about these). */
  words: string[];
  phrases: string[];
  filtered: string[];
}

// Hand-picked policy words, so the mix always holds the common, heavy terms a newsroom searches for.
const HAND_PICKED = [
  'huawei',
  'privacy',
  'antitrust',
  'regulation',
  'chips',
  'tiktok',
  'ransomware',
  'google',
  'china',
  'election',
  'huawei 5g',
  'google antitrust',
  'gdpr fine',
  'tiktok ban',
  'ai regulation',
  'facial recognition',
  'chip shortage',
  'data breach',
  'net neutrality',
  'section 230',
  'export controls',
  'cloud security',
  'privacy law',
  'microsoft cloud',
  'nvidia gpu',
];

/**
 * 200 one- to three-word queries: the hand-picked ones plus runs of consecutive title words from
 * articles chosen by a fixed-seed generator, so each run of the bench asks the same questions.
 */
export function benchQueries(rows: TechArticle[], count = 200): QuerySets {
  const words = [...HAND_PICKED];
  const seen = new Set(words);
  let seed = 0x2545f491;
  const random = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  while (words.length < count) {
    const title = rows[Math.floor(random() * rows.length)]!.title;
    const terms = analyze(title).map((t) => t.raw);
    if (terms.length === 0) continue;
    const size = 1 + (words.length % 3);
    const start = Math.floor(random() * Math.max(1, terms.length - size + 1));
    const query = terms.slice(start, start + size).join(' ');
    if (query.length < 3 || seen.has(query)) continue;
    seen.add(query);
    words.push(query);
  }
  const twoWords = HAND_PICKED.filter((q) => q.includes(' '));
  return {
    words,
    phrases: twoWords.map((q) => `"${q}"`),
    filtered: HAND_PICKED.slice(0, 10).map((q, i) =>
      i % 2 === 0 ? `${q} since:90d` : `${q} source:wired.com`,
    ),
  };
}
