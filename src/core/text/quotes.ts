/**
 * Strips one pair of surrounding quotes, straight or curly (`"open banking"`, `“open banking”`), and trims.
 * A lone quote at one end goes too (a phrase whose closing quote was forgotten), unless the text quotes
 * something inside: `huawei "9:00"` keeps its quoted part whole rather than losing one mark of it.
 */
export function stripQuotes(text: string): string {
  const trimmed = text.trim();
  const opens = /^["“]/.test(trimmed);
  const closes = /["”]$/.test(trimmed);
  if (opens && closes && trimmed.length >= 2) return trimmed.slice(1, -1).trim();
  if (!opens && !closes) return trimmed;
  const inner = opens ? trimmed.slice(1) : trimmed.slice(0, -1);
  return /["“”]/.test(inner) ? trimmed : inner.trim();
}
