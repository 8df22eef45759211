import { isFurnitureText } from './furniture-rules.ts';

/** Elements that hold no story text in an article body: media, their captions, sidebars and controls. */
const NEVER_BODY = new Set([
  'FIGURE',
  'FIGCAPTION',
  'ASIDE',
  'AUDIO',
  'VIDEO',
  'FORM',
  'BUTTON',
  'INPUT',
  'SELECT',
  'NAV',
]);
const NEVER_BODY_ROLES = /^(complementary|navigation|banner|contentinfo|dialog|alert)$/i;

/** class/id words that name furniture, after splitting camelCase and -_ separators ("adWrapper" -> "ad wrapper"). */
const HINT_WORDS = new Set(
  'ad ads advert adverts advertisement advertising adslot gpt dfp sponsor sponsored promo promotion newsletter newsletters signup subscribe subscription paywall regwall piano register registration related share sharing social listen audio player podcast caption captions credit credits disclaimer affiliate cta trending popular mostread outbrain taboola'.split(
    ' ',
  ),
);

/** Blocks judged as a whole; inline elements are judged with the block that holds them. */
const BLOCKS = new Set('P DIV LI SECTION H2 H3 H4 H5 H6 BLOCKQUOTE SPAN SMALL TABLE UL OL DL'.split(' '));

/** The code units JavaScript's `\s` matches, so a count by hand splits words where `split(/\s+/)` does. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * The number of words in `root.textContent`, but counting stops once it passes `cap`: a block is judged
 * only on whether it holds more than 80 words, so a wrapper around the whole story is no longer copied
 * out as one string.
 * Text nodes are read in document order and a word may run across two of them, as in `textContent`.
 */
function wordsUpTo(root: Node, cap: number): number {
  let count = 0;
  let inWord = false;
  let node: Node | null = root.firstChild;
  while (node) {
    // Text and CDATA nodes, the two kinds `textContent` reads.
    if (node.nodeType === 3 || node.nodeType === 4) {
      const data = (node as CharacterData).data;
      for (let i = 0; i < data.length; i++) {
        if (isSpace(data.charCodeAt(i))) inWord = false;
        else if (!inWord) {
          inWord = true;
          if (++count > cap) return count;
        }
      }
    }
    let next: Node | null = node.nodeType === 1 ? node.firstChild : null;
    while (!next && node && node !== root) {
      next = node.nextSibling;
      if (!next) node = node.parentNode;
    }
    node = next;
  }
  return count;
}

/** Whether a class/id/data-component string names furniture: pages repeat a few names on many elements. */
const hintCache = new Map<string, boolean>();

function hintWords(raw: string): string[] {
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** A furniture word in the class or id, unless negated ("no_caption", "without-ads"). */
function hasHint(el: Element): boolean {
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('data-component') ?? ''}`;
  // Most elements carry no names at all: skip the regex work a page-wide pass would spend on them.
  if (raw.length === 2) return false;
  let hinted = hintCache.get(raw);
  if (hinted === undefined) {
    const list = hintWords(raw);
    hinted = list.some(
      (word, index) => HINT_WORDS.has(word) && !/^(no|non|without|has)$/.test(list[index - 1] ?? ''),
    );
    // Bounded: a worker extracting for weeks meets unbounded class names.
    if (hintCache.size >= 5000) hintCache.clear();
    hintCache.set(raw, hinted);
  }
  return hinted;
}

function linkDensity(el: Element, textLength: number): number {
  let linked = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) linked += (a.textContent ?? '').trim().length;
  return textLength === 0 ? 0 : linked / textLength;
}

/** Word counts above this are a real share of any story: such a block is never furniture. */
const MAX_BLOCK_WORDS = 80;
/**
 * The body word count at which 30% of it exceeds MAX_BLOCK_WORDS: past it, the 30% rule decides nothing,
 * so the body is counted no further.
 */
const BODY_WORDS_CAP = Math.ceil(MAX_BLOCK_WORDS / 0.3);

/** True when a block is furniture by its markup alone (tag, role, class or id), or by its text too. */
function isFurnitureBlock(el: Element, tag: string, bodyWords: () => number, byText: boolean): boolean {
  // Markup first: it is cheap, and a page-wide pass must not read every block's whole subtree text.
  const byMarkup =
    NEVER_BODY.has(tag) ||
    NEVER_BODY_ROLES.test(el.getAttribute('role') ?? '') ||
    el.getAttribute('aria-hidden') === 'true' ||
    hasHint(el);
  if (!byMarkup && !byText) return false;
  // Never take out a block that holds a real share of the story, whatever its name says.
  const count = wordsUpTo(el, MAX_BLOCK_WORDS);
  if (count > MAX_BLOCK_WORDS || count > bodyWords() * 0.3) return false;
  if (byMarkup) return true;
  if (count === 0) return false;
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  // A box of two or more headline links ("More on this topic"), not a list item or paragraph of the story.
  const box = tag === 'DIV' || tag === 'SECTION';
  if (box && count <= 30 && el.querySelectorAll('a').length >= 2 && linkDensity(el, text.length) > 0.8)
    return true;
  return isFurnitureText(text);
}

/**
 * Removes inline furniture under `root`, outermost first: a box that goes is not searched again.
 * Before Readability it runs on the whole page by markup alone (Readability drops some class names
 * when it rewrites blocks); after, on the story's own container, by text as well.
 */
export function removeFurniture(root: Element, options: { byText: boolean } = { byText: true }): void {
  // Counted on first need only: most blocks are kept on their markup without it.
  let body = -1;
  const bodyWords = () => {
    if (body < 0) body = wordsUpTo(root, BODY_WORDS_CAP);
    return body;
  };
  // Each block is judged on its own attributes and subtree alone, so the order of the walk is free.
  const stack: Element[] = [];
  for (let child = root.firstElementChild; child; child = child.nextElementSibling) stack.push(child);
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    const tag = el.tagName;
    const candidate = NEVER_BODY.has(tag) || BLOCKS.has(tag) || el.hasAttribute('role');
    if (candidate && isFurnitureBlock(el, tag, bodyWords, options.byText)) {
      el.remove();
      continue;
    }
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) stack.push(child);
  }
}
