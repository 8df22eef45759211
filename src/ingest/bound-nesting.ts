/**
 * Deepest element nesting we hand to the DOM. Real pages stay far below it (51 levels at most across
 * the 311 Zyte and Readability test pages). linkedom's tree building (htmlparser2 keeps its open-tag
 * stack with unshift/shift) and Readability's scoring both grow with the square of the depth: 1,000
 * levels cost seconds, 100,000 levels minutes. Hence this one linear pass of our own before any DOM.
 */
export const MAX_NESTING = 128;

/** A page with its nesting bounded: the HTML to parse, how deep the original went, and why it was cut. */
export interface BoundedHtml {
  html: string;
  depth: number;
  cut?: string;
}

const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'iframe', 'noembed']);
const P_CLOSERS =
  'address article aside blockquote details div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main nav ol p pre section table ul'.split(
    ' ',
  );
/** The open tags that close an open element on top of the stack, as htmlparser2 (and so linkedom) does. */
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ...P_CLOSERS.map((name): [string, Set<string>] => [name, new Set(['p'])]),
  ['li', new Set(['li'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['tr', new Set(['tr', 'th', 'td'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['th', new Set(['th'])],
]);

// Attribute runs are capped so a `<` with no `>` costs a bounded look-ahead, never a scan to the end.
// Greedy, since `[^>]` cannot pass the first `>` anyway (a lazy run tried `/>` at every character); the
// optional `/` keeps a run of exactly the cap followed by `/>` a tag. A tag closes itself when `/>` ends it.
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)([^>]{0,8192}\/?)>/g;

/** One tag as the scan meets it; for a raw-text element (script, style, …) also where its body ends. */
export interface Token {
  name: string;
  start: number;
  end: number;
  level: number;
  close: boolean;
  /** Index of a raw-text element's end tag (the page's length when it has none). */
  rawEnd?: number;
}

/** The end-tag pattern of each raw-text element, compiled once (the names are RAW_TEXT's few). */
const END_TAGS = new Map<string, RegExp>(
  [...RAW_TEXT].map((name) => [name, new RegExp(`</${name}(?=[\\s/>])`, 'ig')]),
);

/** Walks the tags with an open-element stack (push/pop, so linear), calling `visit` with each one's level. */
export function scanTags(html: string, visit: (token: Token) => void): number {
  const stack: string[] = [];
  const open = new Map<string, number>();
  const pop = () => {
    const name = stack.pop() as string;
    open.set(name, (open.get(name) ?? 1) - 1);
  };
  let deepest = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    const [whole, slash, rawName] = match;
    if (!rawName) continue;
    const selfClose = whole.endsWith('/>');
    const name = rawName.toLowerCase();
    const start = match.index;
    if (slash) {
      if (VOID.has(name) || !open.get(name)) continue;
      const level = stack.length;
      while (stack.length > 0 && stack[stack.length - 1] !== name) pop();
      pop();
      visit({ name, start, end: start + whole.length, level, close: true });
      continue;
    }
    const closes = IMPLIES_CLOSE.get(name);
    while (closes && stack.length > 0 && closes.has(stack[stack.length - 1] as string)) pop();
    const level = stack.length + 1;
    deepest = Math.max(deepest, level);
    const token: Token = { name, start, end: start + whole.length, level, close: false };
    if (RAW_TEXT.has(name) && !VOID.has(name) && !selfClose) {
      // Script and style bodies are text: skip to their end tag without reading tags inside them.
      // As the HTML tokenizer does, only `</script` followed by space, `/` or `>` ends it (not `</scripts>`).
      const endTag = END_TAGS.get(name) as RegExp;
      endTag.lastIndex = TAG.lastIndex;
      token.rawEnd = endTag.exec(html)?.index ?? html.length;
      TAG.lastIndex = token.rawEnd;
    }
    visit(token);
    if (VOID.has(name) || selfClose) continue;
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
  }
  return deepest;
}

/** The deepest element nesting of a page, the way linkedom would build it (approximately), in linear time. */
export function nestingDepth(html: string): number {
  return scanTags(html, () => {});
}

/**
 * Returns the page unchanged when it nests at most `limit` levels. A deeper page is rewritten with the
 * tags below `limit` dropped and their text kept inside the element at the limit.
 */
export function boundNesting(html: string, limit = MAX_NESTING): BoundedHtml {
  const depth = nestingDepth(html);
  if (depth <= limit) return { html, depth };
  const out: string[] = [];
  let from = 0;
  scanTags(html, (token) => {
    if (token.level <= limit) return;
    // One space stands for a run of dropped tags, so 100,000 of them leave no 100,000-space text node.
    const text = html.slice(from, token.start);
    if (text.trim()) out.push(text, ' ');
    from = token.end;
  });
  out.push(html.slice(from));
  return {
    html: out.join(''),
    depth,
    cut: `the page nests elements ${depth} levels deep; below level ${limit} its markup was dropped and only its text kept`,
  };
}
