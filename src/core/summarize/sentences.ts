/** One sentence of a body, with where it stands: the summarizer's unit. */
export interface Sentence {
  /** The sentence with its whitespace collapsed; a verbatim slice of the body otherwise. */
  text: string;
  /** 0-based order in the whole body. */
  index: number;
  /** 0-based paragraph (or list item) the sentence belongs to. */
  paragraph: number;
  /** 0-based order inside its paragraph. */
  inParagraph: number;
  /** True for a list item (its bullet or number is not part of `text`). */
  bullet: boolean;
  /** True when it ends like a sentence (. ! ? or a closing quote after one), not like a heading. */
  terminated: boolean;
}

/** After these, a full stop never ends a sentence: titles that precede a name, months before a date. */
const ALWAYS_ABBREVIATED = new Set(
  (
    'mr mrs ms messrs dr prof sr jr st rev gen col lt sgt capt cmdr adm gov sen rep reps pres supt insp det ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'vs v fig figs no nos vol vols pp approx est dept univ assn bros mt ft op cf al ca e.g i.e viz'
  ).split(' '),
);

/** After these a full stop may also end the sentence; it does when a typical sentence opener follows. */
const SOMETIMES_ABBREVIATED = new Set('inc ltd co corp plc llc llp etc a.m p.m'.split(' '));

/** Words that commonly open a sentence: after an ambiguous abbreviation they signal a real break. */
const SENTENCE_OPENERS = new Set(
  (
    'the a an he she it they we i you his her its their our this that these those there here but and ' +
    'so yet however in on at for as if when while after before since although though meanwhile ' +
    'now then still also what who why how mr mrs ms dr some many most all one two no not'
  ).split(' '),
);

const BULLET = /^(?:[-*•‣◦▪▫●○–—]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+(?=\S)/;
const TERMINATED = /[.!?…]["”’')\]]*$|[.!?]\s*["”’']$/;
// A candidate break: terminal punctuation, optional closers, whitespace, then an optional opener and a
// capital letter or digit. The lookahead keeps the next sentence's first character out of the match.
const BOUNDARY = /([.!?]+|…|\.{3})(["”’')\]]*)(\s+)(?=["“‘'([]*[\p{Lu}\d])/gu;
/** Sentences inside a quotation stay whole until the quote gets this long (in words). */
const MAX_QUOTE_WORDS = 60;

/** Splits prose into sentences, keeping abbreviations, initials, decimals and quotations whole. */
export function splitSentences(text: string): string[] {
  return splitSentenceUnits(text).map((s) => s.text);
}

/**
 * Splits a body into sentences with their paragraph positions; list items become their own units.
 * Stops after `limit` sentences, so callers that only need the opening pay only for it.
 */
export function splitSentenceUnits(text: string, limit = Number.POSITIVE_INFINITY): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  for (const block of paragraphsOf(text)) {
    if (out.length >= limit) break;
    const bullet = BULLET.exec(block);
    const body = bullet ? block.slice(bullet[0].length) : block;
    const parts = splitParagraph(body);
    parts.forEach((part, inParagraph) => {
      if (out.length >= limit) return;
      out.push({
        text: part,
        index: out.length,
        paragraph,
        inParagraph,
        bullet: bullet !== null,
        terminated: TERMINATED.test(part),
      });
    });
    if (parts.length > 0) paragraph += 1;
  }
  return out;
}

/** Counts the words of a sentence the way the 70-word budget counts them. */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const space = code === 32 || (code >= 9 && code <= 13) || code === 160;
    if (!space && !inWord) count += 1;
    inWord = !space;
  }
  return count;
}

/** Collapses runs of whitespace to single spaces: sentences are compared and shown in this form. */
export function collapseWhitespace(text: string): string {
  // Most lines need no collapsing; testing first spares building a new string.
  return /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/**
 * Paragraphs: blank lines always separate; a single line break separates too, except when the next line
 * continues a hard-wrapped sentence (it starts in lower case and the line before has no final stop).
 */
function* paragraphsOf(text: string): Generator<string> {
  let current = '';
  const lineBreak = /\r\n?|\n|\u2028|\u2029/g;
  let from = 0;
  while (from <= text.length) {
    const found = lineBreak.exec(text);
    const to = found ? found.index : text.length;
    const line = collapseWhitespace(text.slice(from, to));
    from = found ? to + found[0].length : text.length + 1;
    if (!line) {
      if (current) yield current;
      current = '';
      continue;
    }
    const continues = current !== '' && /^[\p{Ll},;)]/u.test(line) && !/[.!?:"”]$/.test(current);
    if (continues) current = `${current} ${line}`;
    else {
      if (current) yield current;
      current = line;
    }
  }
  if (current) yield current;
}

function splitParagraph(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(text); match; match = BOUNDARY.exec(text)) {
    const stops = match[1]!;
    const closers = match[2]!;
    const end = match.index + stops.length + closers.length;
    const next = end + match[3]!.length;
    if (
      stops === '.' &&
      !closers &&
      isAbbreviation(wordBefore(text, start, match.index), text.slice(next, next + 40))
    )
      continue;
    const segment = text.slice(start, end);
    if (openQuotation(segment) && wordCount(segment) < MAX_QUOTE_WORDS) continue;
    out.push(segment);
    start = next;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Up to 40 characters before `end` (not before `start`), starting on a whole word. */
function wordBefore(text: string, start: number, end: number): string {
  const from = Math.max(start, end - 40);
  const slice = text.slice(from, end);
  return from > start ? slice.replace(/^\S*/, '') : slice;
}

/** True when the full stop that follows `before` belongs to an abbreviation or an initial. */
function isAbbreviation(before: string, after: string): boolean {
  // Space-separated tokens (as in "Sunday ." of pre-tokenized corpora) end nothing here.
  const word = /(?:^|[\s("“‘'[])([\p{L}][\p{L}.'’-]*)$/u.exec(before)?.[1];
  if (!word) return false;
  const lower = word.toLowerCase();
  const nextWord = /^["“‘'([]*([\p{L}\d]+)/u.exec(after)?.[1]?.toLowerCase() ?? '';
  const opener = SENTENCE_OPENERS.has(nextWord);
  if (ALWAYS_ABBREVIATED.has(lower)) return true;
  if (SOMETIMES_ABBREVIATED.has(lower)) return !opener;
  // A lone capital ("J. Smith") or dotted initials ("U.S", "D.C"): an abbreviation unless a sentence opens.
  if (/^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) return !opener;
  return false;
}

/** True when a quotation opened in this segment is still open at its end. */
function openQuotation(segment: string): boolean {
  let curly = 0;
  let straight = 0;
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i];
    if (ch === '“') curly += 1;
    else if (ch === '”') curly = Math.max(0, curly - 1);
    else if (ch === '"') straight += 1;
  }
  return curly > 0 || straight % 2 === 1;
}
