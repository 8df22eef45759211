/** Splits command text into words, keeping "quoted phrases" together; a quote left open runs to the end. */
export function splitWords(text: string): string[] {
  return text.match(/"[^"]*"?|“[^”]*”?|\S+/g) ?? [];
}

const isOpenQuote = (word: string) => /^["“]/.test(word) && !/.["”]$/.test(word);

/**
 * Reads `key:value` words for the named keys and joins every other word into `rest`.
 * Other colons stay in the rest, so `since:7d` style search filters pass through untouched. A named key
 * typed after a quote left open (`"ai act page:2`) still counts. `values` has no prototype, so a key read
 * back that was never set is undefined even when it is called `constructor`.
 */
export function parseKeyValues(
  text: string,
  keys: string[],
): { values: Record<string, string>; rest: string } {
  const values: Record<string, string> = Object.create(null);
  const rest: string[] = [];
  const take = (word: string): boolean => {
    const match = /^([a-z_]+)[:=](.*)$/i.exec(word);
    const key = match?.[1]?.toLowerCase();
    if (!match || !key || !keys.includes(key)) return false;
    values[key] = match[2] ?? '';
    return true;
  };
  for (const word of splitWords(text)) {
    if (isOpenQuote(word)) {
      rest.push(
        word
          .split(/\s+/)
          .filter((part) => !take(part))
          .join(' '),
      );
    } else if (!take(word)) rest.push(word);
  }
  return { values, rest: rest.join(' ') };
}
