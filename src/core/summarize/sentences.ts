/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'rev',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'gov',
  'sen',
  'rep',
  'pres',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'inc',
  'ltd',
  'co',
  'corp',
  'plc',
  'vs',
  'etc',
  'no',
  'nos',
  'fig',
  'approx',
  'est',
  'dept',
  'univ',
  'u.s',
  'u.k',
  'e.g',
  'i.e',
  'u.n',
  'e.u',
  'a.m',
  'p.m',
  'mt',
  'ft',
  'op',
  'cf',
  'al',
]);

/** Splits prose into sentences, keeping abbreviations, initials, decimals and quotations whole. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const paragraph of text.split(/\n\s*\n|\n(?=[A-Z“"‘'])/)) {
    const flat = paragraph.replace(/\s+/g, ' ').trim();
    if (flat) sentences.push(...splitParagraph(flat));
  }
  return sentences;
}

function splitParagraph(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const boundary = /([.!?…]+)(["”’')\]]*)(\s+)(?=["“‘'([]?[A-Z0-9])/g;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const end = match.index + match[1]!.length + match[2]!.length;
    const before = text.slice(start, match.index);
    if (match[1] === '.' && !match[2] && isAbbreviation(before)) continue;
    if (insideQuotation(text.slice(start, end))) continue;
    out.push(text.slice(start, end).trim());
    start = end + match[3]!.length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** A sentence break inside an open quotation belongs to the quote, not the text around it. */
function insideQuotation(segment: string): boolean {
  const opened = (segment.match(/“/g) ?? []).length - (segment.match(/”/g) ?? []).length;
  if (opened > 0) return true;
  return (segment.match(/"/g) ?? []).length % 2 === 1 && segment.length < 600;
}

function isAbbreviation(before: string): boolean {
  const word = /([A-Za-z][A-Za-z.]*)$/.exec(before)?.[1];
  if (!word) return false;
  if (/^[A-Z]$/.test(word)) return true; // an initial: "J. Smith"
  if (/^([A-Za-z]\.)+[A-Za-z]$/.test(word)) return true; // U.S, e.g
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Counts the words of a sentence the way the 70-word budget counts them. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
