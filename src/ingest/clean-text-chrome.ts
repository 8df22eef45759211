/**
 * Chrome inside one line of a plain-text scrape, found from that page alone: menu runs, save/alert
 * prompts, byline menus, sponsor calls and a section heading glued to the next sentence. Raw scrapes
 * run a page's navigation, headline and lede together in one line, so these rules cut inside lines;
 * see docs/extraction.md ("Chrome inside a line").
 */

/** Words a Title-Case menu item or headline leaves in lower case. */
const MINOR = new Set(
  'a an and as at but by for from in into is it of on or over the to up vs via with nor so yet'.split(' '),
);

/** Capitalised words that usually open a sentence rather than name something. */
const OPENERS = new Set(
  `a an the in on at as after before while when what why how who where this that these those it its he she they we
  i our his her their there here but and if for from by with since despite although though today yesterday last now
  still even some many most one both according under over for instead meanwhile however yet so then once until
  unlike like more each every no not just only another other such`
    .split(/\s+/)
    .filter(Boolean),
);

/** Verbs of attribution: a run holding one is a sentence's start, never a section heading. */
const REPORTING =
  /^(told|tells|tell|said|says|say|asked|asks|wrote|writes|added|adds|reported|reports|according|announced|announces|confirmed|confirms)$/i;

/** Prompts addressed to a reader about the page itself, never story prose. */
const PROMPT_SENTENCE = [
  /\bvisit my profile\b|\bview saved (stories|articles)\b/i,
  /\b(consider )?becom(e|ing) an? (sponsor|member|subscriber|patron|supporter)\b/i,
  /\bjoin us (for|at|in|on)\b.{0,120}\b(event|evening|tour|summit|webinar|conference|networking)\b/i,
  /\b(sign|log) in (to|for) (save|read|continue|comment|access|view)\b/i,
  /^(thank you for submitting your email|enter your email)\b/i,
  /^learn more\b(\s\S+){0,6}\s*$/i,
  /\bchip in to (help|keep)\b|\bhelp keep \S+ free\b|^(reader|your) support (helps|makes|keeps)\b/i,
];

/** Prompts that end a run of chrome glued in front of the lede: everything before them goes too. */
const CHROME_ENDS = [
  /(?:\bSave this (?:story|article)(?: Save)?\s*)+/g,
  /\bBy (?:[\p{Lu}][\p{L}'’.-]*\s+){1,5}(?:and (?:[\p{Lu}][\p{L}'’.-]*\s+){1,4})?archive page\s*/gu,
];

/** The end of a sentence: terminal punctuation, maybe a closing quote or bracket, then a space. */
const SENTENCE_END = /[.!?]["”’)\]]*$/;

const bare = (token: string) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
const isCapitalised = (token: string) => /^\p{Lu}/u.test(bare(token));
const isMinor = (token: string) => MINOR.has(bare(token).toLowerCase());
/** A token a Title-Case run can hold: a capitalised word, a minor word, a number or a symbol. */
const isTitleToken = (token: string) =>
  !SENTENCE_END.test(token) && (isCapitalised(token) || isMinor(token) || !/\p{Ll}/u.test(bare(token)));
const opensSentence = (token: string) => /^["“‘(]/u.test(token) || OPENERS.has(bare(token).toLowerCase());

/**
 * Where prose starts in `tokens` after a run of chrome that ends at `breakAt` (the first word the run
 * could not hold), looking back no further than `from`: the last opener word or opening quote, else the
 * last capitalised word before the break (so of a name only the surname may be kept).
 */
function proseStart(tokens: string[], from: number, breakAt: number): number {
  for (let i = breakAt - 1; i >= from; i--) {
    const token = tokens[i] ?? '';
    if (isCapitalisedOrQuote(token) && opensSentence(token)) return i;
  }
  let i = breakAt - 1;
  while (i > from && !isCapitalisedOrQuote(tokens[i])) i--;
  return Math.max(from, i);
}

function isCapitalisedOrQuote(token: string | undefined): boolean {
  return token !== undefined && (isCapitalised(token) || /^["“‘(]/u.test(token));
}

/** Minimum length of a Title-Case run that is a menu or a list of headlines, not a name in a sentence. */
const RUN_TOKENS = 8;
const RUN_CAPITALS = 7;
/** Longest Title-Case run read as a sentence's subject (titles and names) when a verb follows it. */
const SUBJECT_TOKENS = 16;

/**
 * Drops a leading Title-Case run (menu items, related headlines with their authors) from one sentence.
 * Returns the sentence unchanged when it holds no such run at its start.
 */
function withoutLeadingRun(sentence: string): string {
  const tokens = sentence.split(' ');
  let end = 0;
  let capitals = 0;
  let bridged = false;
  while (end < tokens.length) {
    const token = tokens[end] ?? '';
    if (!isTitleToken(token)) {
      if (!continuesRun(tokens, end, capitals)) break;
      bridged = true;
    }
    if (isCapitalised(token) && !isMinor(token)) capitals++;
    end++;
  }
  if (end < RUN_TOKENS || capitals < RUN_CAPITALS) return sentence;
  // Officials' titles and names run Title-Case too ("Senate Majority Leader Chuck Schumer and House Speaker
  // Mike Johnson agreed …"): a run of a subject's length that its verb follows directly is the sentence.
  if (!bridged && end < SUBJECT_TOKENS && /^\p{Ll}/u.test(tokens[end] ?? '') && !isMinor(tokens[end] ?? ''))
    return sentence;
  // A run that fills the sentence (up to its last word) is all chrome.
  if (end >= tokens.length - 1) return '';
  return tokens.slice(proseStart(tokens, Math.max(0, end - 6), end)).join(' ');
}

/**
 * A lower-case word inside a long menu ("… Play The Atlantic crossword The Print Edition …"): menu items
 * follow it. Only a run already holding a menu's worth of capitals may bridge one, so a sentence that
 * opens with a few names ("Google, Microsoft and Meta told the European Commission …") is not a menu.
 */
function continuesRun(tokens: string[], at: number, capitals: number): boolean {
  if (capitals < RUN_CAPITALS || SENTENCE_END.test(tokens[at] ?? '')) return false;
  const next = tokens.slice(at + 1, at + 4);
  return next.length === 3 && next.every(isTitleToken) && next.filter((t) => !isMinor(t)).length >= 2;
}

/** Drops a short credit or label run left in front of prose once chrome before it has been cut. */
function withoutLeftover(text: string): string {
  const tokens = text.split(' ');
  let end = 0;
  while (end < tokens.length && end < 8 && isTitleToken(tokens[end] ?? '')) end++;
  if (end < 2 || end >= tokens.length) return text;
  // Only an opener marks where a credit ends; a bare name ("Ken Patchett ran …") is the lede's subject.
  for (let i = end - 1; i > 0; i--) {
    if (isCapitalisedOrQuote(tokens[i]) && opensSentence(tokens[i] ?? '')) return tokens.slice(i).join(' ');
  }
  return text;
}

/** Splits a line into sentences at terminal punctuation followed by a space and a capital or quote. */
function sentencesOf(line: string): string[] {
  return line.split(/(?<=[.!?]["”’)\]]*)\s+(?=["“‘(©]?[\p{Lu}\p{N}©])/u);
}

/** Cuts each chrome-ending prompt and whatever chrome precedes it in its sentence. */
function cutChromeEnds(sentence: string): string {
  let out = sentence;
  for (const pattern of CHROME_ENDS) {
    pattern.lastIndex = 0;
    let last = -1;
    for (const match of out.matchAll(pattern)) last = (match.index ?? 0) + match[0].length;
    if (last >= 0) out = withoutLeftover(out.slice(last).trim());
  }
  return out;
}

/**
 * A section heading glued to the sentence after it ("What's missing from LLMs In their paper, …"):
 * returns [heading, sentence] when a short unpunctuated run is followed by a capitalised word that
 * opens a sentence, or by a word and a comma ("Breaking down the numbers Apple aside, …").
 */
export function splitGluedHeading(line: string): [string, string] | undefined {
  const tokens = line.split(' ');
  if (tokens.length < 10 || !isCapitalised(tokens[0] ?? '')) return undefined;
  for (let i = 2; i <= Math.min(9, tokens.length - 8); i++) {
    const prev = tokens[i - 1] ?? '';
    const word = tokens[i] ?? '';
    if (/[,;.!?"”)]$/.test(prev)) return undefined;
    if (!isCapitalised(word) || isMinor(prev)) continue;
    // "The senator told The Associated Press …", "She told NBC's Today show …": a heading reports nothing.
    if (tokens.slice(1, i).some((t) => REPORTING.test(bare(t)))) return undefined;
    const rest = tokens.slice(i).join(' ');
    if (!/[.!?]["”’)]*(\s|$)/.test(rest)) return undefined;
    const opener = opensSentence(word) && !/^(I|A)$/.test(bare(word));
    const lowerHeading = tokens.slice(1, i).every((t) => !isCapitalised(t));
    // "Apple aside, …" opens a sentence; "Wang Yi, Beijing's foreign minister, …" is a name after its
    // title ("State councillor"), so the word before the comma must be lower-case.
    const clause = /^[^\s,]+ \p{Ll}[^\s,]*,/u.test(rest) && !/,$/.test(word);
    if (opener || (lowerHeading && clause)) return [tokens.slice(0, i).join(' '), rest];
  }
  return undefined;
}

/** A sentence from which a footer starts: copyright lines run the rest of the page. */
const FOOTER_START = /^(©|copyright ©|all rights reserved\b)/i;

/**
 * The line with its inline chrome removed: prompt sentences, chrome ended by a save prompt or byline
 * menu, leading Title-Case runs, and a footer glued after the last sentence. A glued heading comes back
 * as a line of its own. May return no lines.
 */
export function stripLineChrome(line: string): string[] {
  const out: string[] = [];
  let kept: string[] = [];
  for (const raw of sentencesOf(line)) {
    if (FOOTER_START.test(raw)) break;
    if (PROMPT_SENTENCE.some((pattern) => pattern.test(raw))) continue;
    const sentence = withoutLeadingRun(cutChromeEnds(raw));
    if (!sentence) continue;
    const glued = splitGluedHeading(sentence);
    if (!glued) {
      kept.push(sentence);
      continue;
    }
    if (kept.length > 0) out.push(kept.join(' '));
    out.push(glued[0]);
    kept = [glued[1]];
  }
  if (kept.length > 0) out.push(kept.join(' '));
  return out;
}
