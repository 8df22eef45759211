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

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

function hintWords(el: Element): string[] {
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('data-component') ?? ''}`;
  // Most elements carry no names at all: skip the regex work a page-wide pass would spend on them.
  if (raw.length === 2) return [];
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** A furniture word in the class or id, unless negated ("no_caption", "without-ads"). */
function hasHint(el: Element): boolean {
  const list = hintWords(el);
  return list.some(
    (word, index) => HINT_WORDS.has(word) && !/^(no|non|without|has)$/.test(list[index - 1] ?? ''),
  );
}

function linkDensity(el: Element, textLength: number): number {
  let linked = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) linked += (a.textContent ?? '').trim().length;
  return textLength === 0 ? 0 : linked / textLength;
}

/** True when a block is furniture by its markup alone (tag, role, class or id), or by its text too. */
function isFurnitureBlock(el: Element, bodyWords: number, byText: boolean): boolean {
  // Markup first: it is cheap, and a page-wide pass must not read every block's whole subtree text.
  const byMarkup =
    NEVER_BODY.has(el.tagName) ||
    NEVER_BODY_ROLES.test(el.getAttribute('role') ?? '') ||
    el.getAttribute('aria-hidden') === 'true' ||
    hasHint(el);
  if (!byMarkup && !byText) return false;
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const count = wordCount(text);
  // Never take out a block that holds a real share of the story, whatever its name says.
  if (count > 80 || count > bodyWords * 0.3) return false;
  if (byMarkup) return true;
  if (count === 0) return false;
  // A box of two or more headline links ("More on this topic"), not a list item or paragraph of the story.
  const box = el.tagName === 'DIV' || el.tagName === 'SECTION';
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
  const bodyWords = wordCount(root.textContent ?? '');
  const stack: Element[] = Array.from(root.children);
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    const candidate = NEVER_BODY.has(el.tagName) || BLOCKS.has(el.tagName) || el.hasAttribute('role');
    if (candidate && isFurnitureBlock(el, bodyWords, options.byText)) {
      el.remove();
      continue;
    }
    stack.push(...Array.from(el.children));
  }
}
