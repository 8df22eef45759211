const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Text that is hard to cut: ZWJ family emoji, flags, skin tones, combining accents, Devanagari, astral CJK. */
export const HARD_TO_CUT = '👨‍👩‍👧‍👦 🇪🇺🇬🇧 👍🏽 é́ नमस्ते 𠜎𠜱 Ä ';

/** Characters of several UTF-16 units each and no spaces: almost any cut by units lands inside one. */
export const DENSE_TO_CUT = '👨‍👩‍👧‍👦🇪🇺👍🏽é́𠜎';

/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where characters as a reader sees them (grapheme clusters) begin and end, as UTF-16 offsets. */
export function graphemeBoundaries(text: string): Set<number> {
  const boundaries = new Set<number>([text.length]);
  for (const { index } of segmenter.segment(text)) boundaries.add(index);
  return boundaries;
}

/**
 * How much of `original` a shown text keeps, and whether it was cut mid-character: the shown text
 * agrees with the original up to `kept` units, and that point must be a grapheme boundary. A shown
 * text that is not well-formed UTF-16 (a lone surrogate) is broken whatever it agrees with.
 */
export function cutCheck(original: string, shown: string): { kept: number; broken: boolean } {
  let kept = 0;
  while (kept < original.length && kept < shown.length && original[kept] === shown[kept]) kept++;
  // A cut followed by whitespace trimming can stop inside a run that the original continues.
  const broken = LONE_SURROGATE.test(shown) || !graphemeBoundaries(original).has(kept);
  return { kept, broken };
}
