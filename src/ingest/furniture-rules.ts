/**
 * General rules for the furniture publishers put inside a story: ad labels, calls to action, players,
 * credits, paywall counters and disclaimers. They judge the shape of a short block (its length, its
 * mood, whether it is a sentence) rather than match one outlet's wording; see docs/extraction.md.
 */

/** Words that open an imperative call to action ("Sign up…", "Listen to…", "Get … in your inbox"). */
const CTA_VERBS = new Set(
  'sign subscribe register log download follow listen hear get become join create share tweet email print pin jump skip read click tap scroll continue watch support donate try start save bookmark'.split(
    ' ',
  ),
);

/** Who a call to action speaks to, or what it sells: a story's own sentences rarely carry these at once. */
const ADDRESSED =
  /\b(you|your|our|us|this (article|story|post|page)|free|now|today|app|newsletter|inbox|podcast|account|member(ship)?|alerts?|updates?|recipe|section|main story)\b/i;

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** An ad slot's label: "Advertisement", "Story continues below advertisement", "Sponsored". */
function isAdLabel(text: string, count: number): boolean {
  if (count <= 8 && /\badverti[sz]e?ment\b|^ad$|^ads$/i.test(text)) return true;
  // "Story continues below": a label left where a slot was, never a sentence of the story.
  if (count <= 6 && /^(the )?(story|article|text) continues\b/i.test(text)) return true;
  return count <= 6 && /^(sponsored|paid (post|content)|promoted)\b/i.test(text);
}

const CREDIT = '(photo(graph)?s?|images?|pictures?|illustrations?|credits?)';
const CREDIT_LINES = [
  new RegExp(`^\\(?${CREDIT}(\\s+(credit|by|courtesy( of)?))?\\s*(:|by\\b)`, 'i'),
  new RegExp(`\\(${CREDIT}\\b[^)]{0,80}\\)$`, 'i'),
  new RegExp(`\\b${CREDIT}\\s*:\\s*[^.]{2,60}$`, 'i'),
];

/** A photo credit or captioned credit: "Photo: …", "… (Photo by …)", "Image credit: …", "Photograph by …". */
function isCredit(text: string, count: number): boolean {
  return count <= 30 && CREDIT_LINES.some((pattern) => pattern.test(text));
}

/** Boilerplate notices: delayed quotes, data vendors, affiliate links, metered-paywall counters. */
function isNotice(text: string, count: number): boolean {
  if (count > 30) return false;
  return (
    /\bdelayed (by )?(at least )?\d+ ?(minutes|mins)\b/i.test(text) ||
    /\b(market )?data (is )?provided by\b/i.test(text) ||
    /\baffiliate (links?|commission)\b/i.test(text) ||
    /\b(read|viewed|used) \d+ of (your )?\d+ (free )?(articles|stories)\b/i.test(text) ||
    /\b\d+ (free )?(articles|stories) (left|remaining)\b/i.test(text)
  );
}

/** A short imperative addressed to the reader: "Sign up for …", "Download the app …", "Jump to recipe". */
function isCallToAction(text: string, count: number): boolean {
  if (count > 16) return false;
  const first = (words(text)[0] ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (!CTA_VERBS.has(first))
    return /^(already (registered|a subscriber|a member)|listen\b|hear\b)/i.test(text);
  // "Read more: …", "Continue reading …", "Jump to …": navigation, whatever follows.
  if (/^(read more|read next|continue reading|jump to|skip to|scroll to)\b/i.test(text)) return true;
  return ADDRESSED.test(text) && !/\b(said|says|told|according)\b/i.test(text);
}

/** A block or line too short to be prose and shaped like page furniture. */
export function isFurnitureText(raw: string): boolean {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return false;
  const count = words(text).length;
  return (
    isAdLabel(text, count) || isCredit(text, count) || isNotice(text, count) || isCallToAction(text, count)
  );
}
