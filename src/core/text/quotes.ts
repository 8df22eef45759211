/** Strips one pair of surrounding quotes, straight or curly (`"open banking"`, `“open banking”`), and trims. */
export function stripQuotes(text: string): string {
  return text.replace(/^["“]|["”]$/g, '').trim();
}
