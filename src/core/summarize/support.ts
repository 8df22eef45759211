/** Why a generated summary cannot be trusted, or nothing when the article supports it. */
export interface SupportVerdict {
  supported: boolean;
  /** Numbers and capitalised names the summary states that the article never mentions. */
  unsupported: string[];
}

const NUMBER = /(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*/gu;
// A capitalised word: a name, an acronym or a sentence opener ("The"); openers pass because the
// article contains them in some case.
const CAPITALISED = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}&-]*/gu;

/**
 * Checks a generated summary against its article: every number and every capitalised word in it must
 * appear in the article (or headline). A model that invents a figure or a name is rejected, not trusted.
 */
export function checkSupport(summary: string, article: string): SupportVerdict {
  const sourceWords = new Set(wordsOf(article));
  const sourceNumbers = new Set(numbersOf(article));
  const unsupported: string[] = [];
  for (const number of numbersOf(summary)) if (!sourceNumbers.has(number)) unsupported.push(number);
  for (const match of summary.matchAll(CAPITALISED)) {
    const word = match[0]
      .replace(/['’]s$/u, '')
      .replace(/-+$/, '')
      .toLowerCase();
    if (!word) continue;
    const parts = word.split('-').filter(Boolean);
    if (!sourceWords.has(word) && !parts.every((part) => sourceWords.has(part))) unsupported.push(match[0]);
  }
  return { supported: unsupported.length === 0, unsupported: [...new Set(unsupported)] };
}

function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}&]+(?:-[\p{L}\p{N}&]+)*/gu)) {
    words.push(match[0]);
    if (match[0].includes('-')) words.push(...match[0].split('-'));
  }
  return words;
}

/** Numbers in a canonical form: thousands separators dropped, so "1,200" and "1200" agree. */
function numbersOf(text: string): string[] {
  return (text.match(NUMBER) ?? []).map((n) =>
    /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(n) ? n.replace(/,/g, '') : n,
  );
}
