import { tokenize } from './tokens.ts';

const MARKERS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'for', 'with'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'auf'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'pour', 'dans'],
  es: ['el', 'los', 'las', 'que', 'para', 'por', 'con', 'una'],
  it: ['il', 'che', 'della', 'per', 'sono', 'con', 'gli', 'una'],
  nl: ['de', 'het', 'een', 'van', 'niet', 'voor', 'zijn', 'met'],
};

/** Guesses an ISO 639-1 language from function words; `und` when unsure. */
export function detectLanguage(text: string): string {
  const tokens = tokenize(text.slice(0, 5000));
  if (tokens.length < 10) return 'und';
  let best = 'und';
  let bestScore = 0;
  for (const [language, words] of Object.entries(MARKERS)) {
    const set = new Set(words);
    const score = tokens.filter((token) => set.has(token)).length / tokens.length;
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return bestScore >= 0.04 ? best : 'und';
}
