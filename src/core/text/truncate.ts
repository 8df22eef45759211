const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Below this share of `max`, a cut does not back off to a word break: too much would be lost. */
const WORD_BREAK_SHARE = 0.8;

/**
 * Cuts text to at most `max` UTF-16 units (the unit Slack and Discord count), ending in an ellipsis.
 * It never splits a character as a reader sees it: no surrogate pair, emoji sequence, flag or letter
 * with its combining marks is cut, and it backs off to a word break when one is near the end.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, Math.max(0, max));
  const budget = max - 1;
  // Boundaries depend only on what comes before them and the code point at them, so segmenting a
  // prefix one code point past the budget finds every real boundary up to it without reading the rest.
  let cut = 0;
  let wordBreak = 0;
  for (const { index, segment } of graphemes.segment(text.slice(0, budget + 2))) {
    if (index > budget) break;
    cut = index;
    if (/^\s+$/.test(segment) && index >= max * WORD_BREAK_SHARE) wordBreak = index;
  }
  if (wordBreak > 0 && wordBreak < cut) cut = wordBreak;
  return `${text.slice(0, cut).trimEnd()}…`;
}
