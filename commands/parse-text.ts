/** Splits command text into words, keeping "quoted phrases" together. */
export function splitWords(text: string): string[] {
  return text.match(/"[^"]*"|“[^”]*”|\S+/g) ?? [];
}

/**
 * Reads `key:value` words for the named keys and joins every other word into `rest`.
 * Other colons stay in the rest, so `since:7d` style search filters pass through untouched.
 */
export function parseKeyValues(
  text: string,
  keys: string[],
): { values: Record<string, string>; rest: string } {
  const values: Record<string, string> = {};
  const rest: string[] = [];
  for (const word of splitWords(text)) {
    const match = /^([a-z_]+)[:=](.*)$/i.exec(word);
    const key = match?.[1]?.toLowerCase();
    if (match && key && keys.includes(key)) values[key] = match[2] ?? '';
    else rest.push(word);
  }
  return { values, rest: rest.join(' ') };
}
