import { stripLineChrome } from './clean-text-chrome.ts';
import { isFurnitureText } from './furniture-rules.ts';
import { isRepeatedLine, withoutLearnedSuffix, withoutRepeatedSentences } from './source-furniture.ts';

/** Lines that end the story: whatever follows them on a scraped page is furniture. */
const TERMINATORS = [
  /^share (this )?(story|article|post)\s*:?$/i,
  /^recent (stories|posts|articles|news)\s*:?$/i,
  /^related (stories|articles|posts|content|reading|coverage|news)\s*:?$/i,
  /^(more|latest|top|popular|trending) (stories|articles|news|from [\w\s]{1,40})\s*:?$/i,
  /^(you (may|might) also like|read (more|next)|most (read|popular)|recommended( for you)?|further reading)\s*:?$/i,
  /^(comments?|leave a (comment|reply)|\d+ comments?)\s*:?$/i,
  /^(about the author|tags?)\s*:/i,
];

/** Single lines that are page chrome, wherever they stand. */
const FURNITURE = [
  /^(share( on| via)? (twitter|facebook|linkedin|email|whatsapp|x)|tweet|share|print|email)\s*:?$/i,
  /^(open navigation menu|close navigation menu|menu|search|skip to (main )?content|save this story|save|advertisement|sponsored( content)?|ad)$/i,
  /\b(sign up|subscribe) (to|for) (our|the) [\w\s-]{0,40}newsletter/i,
  /\bnewsletter\b.{0,60}\b(sign up|subscribe|inbox)\b/i,
  /\b(we use|this (site|website) uses) cookies\b/i,
  /\b(accept|manage) (all )?cookies\b/i,
  /^(follow us|like us) on\b/i,
  /^(photo|image|illustration)( credit)?s?\s*:/i,
  /^all rights reserved\b/i,
  /^©|^copyright\s+(©|\d{4})/i,
  /\bwebinar\b.*\b(register|sponsored|attendees|explore)\b/i,
];

/** True when a line looks like chrome rather than article prose. */
export function isFurnitureLine(line: string): boolean {
  const text = line.trim();
  return text.length > 0 && (FURNITURE.some((pattern) => pattern.test(text)) || isFurnitureText(text));
}

/** Terminators that also head boxes placed inside a story ("Read more", "Related news", "More from UK"). */
const INLINE_BOX =
  /^(read (more|next)|related (stories|articles|posts|content|reading|coverage|news)|(more|latest|top) (stories|articles|news|from [\w\s]{1,40}))\s*:?$/i;

const isProse = (line: string) => /[.!?"”’]$/.test(line) && line.split(' ').length >= 8;

/**
 * True when the story goes on after a box starting at `index`: at least two prose paragraphs follow
 * before the next terminator. A box at the real end is followed by headlines, not paragraphs.
 */
function storyContinuesAfter(lines: string[], index: number): boolean {
  let paragraphs = 0;
  for (let i = index + 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\s+/g, ' ').trim();
    if (TERMINATORS.some((pattern) => pattern.test(line))) break;
    if (isProse(line)) paragraphs += 1;
    if (paragraphs >= 2) return true;
  }
  return false;
}

/** How much of the cleanup applies to a text. */
export interface CleanOptions {
  /**
   * Cut chrome inside lines (menu runs, save prompts, glued headings): for plain-text scrapes, whose
   * markup is gone. Text extracted from HTML has its structure's cleanup already, and there these rules
   * only cut real text (Title-Case table rows, Wikipedia's headings).
   */
  inlineChrome?: boolean;
}

/**
 * Cuts scraped page text down to the story: drops chrome lines and everything after a terminator.
 * `repeated` holds the lines this source repeats across its articles (learnRepeatedLines).
 */
export function cleanArticleText(raw: string, repeated?: Set<string>, options: CleanOptions = {}): string {
  const lines = withoutInlineChrome(
    raw.replace(/\r\n?/g, '\n').split('\n'),
    repeated,
    options.inlineChrome ?? true,
  );
  const kept: string[] = [];
  let prose = 0;
  let inBox = false;
  for (const [index, line] of lines.entries()) {
    if (TERMINATORS.some((pattern) => pattern.test(line))) {
      // A terminator before any prose is a menu at the top of the page, not the end of the story.
      if (prose === 0) continue;
      // A "Read more" or "Related" box inside the story: skip its headlines, keep the story.
      if (INLINE_BOX.test(line) && storyContinuesAfter(lines, index)) {
        inBox = true;
        continue;
      }
      break;
    }
    if (inBox) {
      if (line.length > 0 && !isProse(line)) continue;
      if (line.length > 0) inBox = false;
    }
    if (isFurnitureLine(line) || isRepeatedLine(line, repeated)) continue;
    if (line.length > 0 && isProse(line)) prose += 1;
    kept.push(line);
  }
  return collapseBlankLines(kept).trim();
}

/**
 * Lines with whitespace collapsed, the source's repeated sentences cut out and chrome inside each line
 * removed (a glued heading becomes a line of its own). A line made only of them goes, leaving no gap.
 */
function withoutInlineChrome(lines: string[], repeated: Set<string> | undefined, inline: boolean): string[] {
  const out: string[] = [];
  for (const rawLine of lines) {
    const whole = rawLine.replace(/\s+/g, ' ').trim();
    if (!whole) {
      out.push('');
      continue;
    }
    const line = withoutRepeatedSentences(whole, repeated);
    if (line && inline) out.push(...stripLineChrome(line));
    else if (line) out.push(line);
  }
  return out;
}

/** Splits a scraped `.txt` file into its headline (first non-empty line) and cleaned body. */
export function parseScrapedText(raw: string, repeated?: Set<string>): { title: string; text: string } {
  const lines = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const first = lines.findIndex((line) => line.trim().length > 0);
  if (first < 0) return { title: '', text: '' };
  const title = (lines[first] ?? '').replace(/\s+/g, ' ').trim();
  const text = cleanArticleText(lines.slice(first + 1).join('\n'), repeated);
  return { title: withoutLearnedSuffix(title, repeated), text: stripRepeatedHeadline(title, text) };
}

function stripRepeatedHeadline(title: string, text: string): string {
  const [head, ...rest] = text.split('\n');
  return head?.trim() === title ? rest.join('\n').trim() : text;
}

function collapseBlankLines(lines: string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  return out.join('\n');
}
