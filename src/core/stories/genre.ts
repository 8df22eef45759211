/**
 * What kind of piece an article is, and which of its paragraphs report it. Only news reports of one event
 * make one card: an opinion piece or a markets story about the event is its own card, and a paragraph that
 * recaps an earlier event ("The ruling comes two days after…") is context, not what the article reports.
 */

/** What kind of piece an article is: only news reports of one event make one card. */
export type StoryGenre = 'news' | 'opinion' | 'market';

const OPINION_TITLE =
  /^(?:opinion|comment|column|editorial|analysis|letters?|view|viewpoint|op-ed)\s*[:|—–-]/i;
const OPINION_PATH = /\/(?:opinion|opinions|comment|commentisfree|editorials?|columns?|op-ed)\//i;

// How a markets desk moves a price: verbs up and down, and relative ones ("lags", "underperformed").
const MOVE = new RegExp(
  '\\b(?:falls?|falling|fell|slip\\w*|slid\\w*|dip(?:s|ped|ping)?|drop(?:s|ped|ping)?|sink\\w*|sank|tumbl\\w*|' +
    'plung\\w*|jump\\w*|ris(?:e|es|ing)|rose|gain\\w*|climb\\w*|soar\\w*|surg(?:e|es|ed|ing)|edg(?:e|es|ed|ing)|' +
    'rall(?:y|ies|ied|ying)|los(?:e|es|ing)|lost|shed\\w*|retreat\\w*|slump\\w*|sag(?:s|ged|ging)?|div(?:e|es|ed|ing)|' +
    'rebound\\w*|lag(?:s|ged|ging)?|trail(?:s|ed|ing)?|underperform\\w*|outperform\\w*|(?:give|gave|giving|gives) up|' +
    'par(?:e|es|ed|ing)|tank(?:s|ed|ing)?|hits?|touch(?:es|ed)?|(?:higher|lower))\\b',
  'i',
);
// Where a price ends up: a percentage, or a low or high of some period.
const LEVEL =
  /\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)|\b(?:[\w-]+[- ])?(?:day|week|month|year)s?\s+(?:low|high)\b|\b(?:record|all-time|multi-year|52-week)\s+(?:low|high)\b|\b(?:lowest|highest)\s+(?:\w+\s+)?since\b/i;
// What has a price: stocks and share prices, indices and exchanges, and the people who trade them. Not
// "market share", "market power" or "the market", which every antitrust report says.
const TRADED =
  /\b(?:shares|stocks?|share price|equities|ADRs?|REITs?|bonds?|futures|premarket|tokens?|coins?|bitcoin|ether|index|indices|Nasdaq|NYSE|Dow Jones|S&P|FTSE|DAX|CAC|Nikkei|Hang Seng|KOSPI|TSX|Sensex|Nifty|STOXX|ASX|bourse|market value|market capitali[sz]ation|investors|traders|trading|session|sell-?off)\b|\((?:NASDAQ|NYSE|LSE|TSX|ASX|TYO|HKEX|KRX|XETRA|Euronext)\s*:\s*[A-Z.]+\)/i;
// A move followed at once by where it ends ("slides 4%", "hits six-week low", "sheds a third"): a headline's
// "10% label … what was dropped" has both, but apart, and is no price move.
const MOVE_TO_LEVEL = new RegExp(
  `${MOVE.source}(?:\\s+(?:to|by|as much as|about|nearly|almost|more than|over|a|an))*\\s+(?:${LEVEL.source}|(?:a|one|two)[- ](?:third|quarter|fifth)|half)(?![\\w-])`,
  'i',
);
// One price move with its size in a sentence: "fell 4.1%", "closed down 2.3%", "edged up 0.2%".
const PRICE_MOVE =
  /\b(?:falls?|fell|slip\w*|slid\w*|dip\w*|drop\w*|sink\w*|sank|tumbl\w*|plung\w*|jump\w*|ris(?:e|es|ing)|rose|gain\w*|climb\w*|soar\w*|surg\w*|edg\w*|rall\w*|los(?:e|es|ing|t)|shed\w*|retreat\w*|slump\w*|sag\w*|rebound\w*|lag\w*|trail\w*|up|down)\b[^.;]{0,30}?\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)/i;
/** Sentences with a price move and its size from which a piece is a markets story: a report quotes one or two. */
const PRICE_MOVES_OF_MARKET_STORY = 3;

/** How many sentences of a text (quotes left out) state a price move with its size. */
function priceMoves(text: string): number {
  let n = 0;
  for (const sentence of text.replace(/[“"][^”"]*[”"]/g, ' ').split(/(?<=[.!?;])\s+/)) {
    if (PRICE_MOVE.test(sentence) && ++n >= PRICE_MOVES_OF_MARKET_STORY) break;
  }
  return n;
}

/**
 * A markets story moves a price: in the headline, a move of something traded ("Alphabet trails Nasdaq",
 * "LMO token sheds…") or a move straight to its level ("Zalando hits six-week low", "Nvidia slides 4%"); in
 * the lede's first 300 characters, all three ("underperformed the broader Nasdaq…, giving up 1.9%"); or, in
 * the body, three or more sentences that each move a price by a percentage ("the index closed down 2.3%…
 * Larchmont fell 4.1%… the S&P 500 edged up 0.2%") of something traded named in the lede: a report of
 * statistics ("complaints rose 20%") moves no price. A news report's lede has a percentage ("up to 6% of
 * turnover") or a verb ("gain access") often, all three rarely; its body quotes one or two price moves.
 */
function isMarket(title: string, body: string): boolean {
  if (MOVE.test(title) && (TRADED.test(title) || MOVE_TO_LEVEL.test(title))) return true;
  const lede = body.split('\n', 1)[0]!;
  const opening = lede.slice(0, 300);
  if (MOVE.test(opening) && LEVEL.test(opening) && TRADED.test(opening)) return true;
  return TRADED.test(lede) && priceMoves(body) >= PRICE_MOVES_OF_MARKET_STORY;
}

// What a writer who argues does, outside quotes, one kind each: asks the reader a question, says what
// should be done, speaks in the first person ("I think", "my worry"; not "Annex I"), weighs a better course.
const ARGUES = [
  /\?/,
  /\b(?:should|ought to)\b/i,
  /(?<![A-Z][\p{L}]*\s)\bI(?:['’][a-z]+)?\s+[a-z]|\b[Mm]y\s+[a-z]/u,
  /\b(?:a|the) better (?:way|model|design|approach|course|answer|route)\b|\bwould be better\b|\bthe real (?:problem|test|argument|question|issue|lesson)\b/i,
];
// Reported speech: how a report attributes what it says.
const ATTRIBUTION = /\b(?:said|says|say|told|according to|argued|added|stated|announced)\b/gi;
/** Kinds of argument (ARGUES) from which a piece that attributes next to nothing is an opinion piece. */
const ARGUMENT_KINDS = 2;

/**
 * An unlabelled opinion piece argues instead of reporting: it shows two or more kinds of argument and
 * attributes at most one statement to anyone. A report, even a chatty blog post, says who said what
 * ("Delgado says she'll try"); a trade brief advises ("should keep SCCs in place") but argues no more.
 */
function argues(body: string): boolean {
  if ((body.match(ATTRIBUTION)?.length ?? 0) > 1) return false;
  const own = body.replace(/[“"][^”"]*[”"]/g, ' ');
  return ARGUES.filter((kind) => kind.test(own)).length >= ARGUMENT_KINDS;
}

/** Opinion by its headline label, URL path or argument; a markets story by a price move in headline, lede or body. */
export function genreOf(title: string, body: string, url = ''): StoryGenre {
  if (OPINION_TITLE.test(title) || OPINION_PATH.test(url) || argues(body)) return 'opinion';
  return isMarket(title, body) ? 'market' : 'news';
}

const COUNT = '(?:a|an|one|two|three|four|five|six|seven|several|few|\\d+)';
// Matters a report can set beside its own: "a separate case", "a separate bill".
const MATTER =
  'case|bill|law|fine|penalty|decision|ruling|order|action|proceeding|probe|investigation|inquiry|lawsuit|suit|complaint|settlement|matter|amendments?|rules?|vote|deal|charges?';
// A paragraph that points back in time or aside: "comes two days after", "the day before", "last week",
// "earlier this month", "follows", "in a separate case", "the second fine in a week".
const RECAP = new RegExp(
  [
    `\\b(?:comes?|came|coming|lands?|landed|arrives?|arrived|follows?|followed)\\b[^.]{0,60}?\\b(?:after|on the heels of|${COUNT}\\s+(?:days?|weeks?|months?))\\b`,
    `\\b${COUNT}\\s+(?:days?|weeks?|months?)\\s+(?:after|before|earlier|ago|since)\\b`,
    '\\bthe\\s+(?:day|week|month)\\s+(?:before|earlier)\\b',
    '\\b(?:last|earlier this|earlier in the|the previous|the prior)\\s+(?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b',
    '\\b(?:yesterday|unrelated|on the heels of)\\b',
    // "a separate case", "a separate 150 million euro fine", "is separate from", "has separately proposed": another matter. Not "a separate rate
    // class" or "counted separately", which describe the reported event itself.
    `\\bseparate\\s+(?:\\S+\\s+){0,4}?(?:${MATTER})\\b|\\bseparate from\\b`,
    '(?:^|[.;]\\s+)separately\\b|\\b(?:has|have|had|is|are|was|were|also)\\s+separately\\b|\\bseparately\\s+\\w+(?:ed|ing)\\b',
    `\\b(?:second|third|another|latest)\\b[^.]{0,60}?\\b(?:in|within|this)\\s+(?:${COUNT}\\s+|the past\\s+|the last\\s+)?(?:days?|weeks?|month)\\b`,
  ].join('|'),
  'i',
);

// Words one of the RECAP forms needs: most paragraphs have none, and this test is much cheaper.
const RECAP_WORD =
  /\b(?:days?|weeks?|months?|year|yesterday|separate(?:ly)?|unrelated|heels|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;

/**
 * The paragraphs that report what the article is about, and how many were left out as recaps: the first always, and each later one unless it
 * refers back to another event (RECAP). A short report's closing recap of the same actor's other case
 * names that case's actors and figures; read as content, it joins the two cases into one card.
 */
export function reportedParagraphs(body: string): { reported: string[]; recaps: number } {
  const paragraphs = body.split(/\n+/).filter((p) => p.trim() !== '');
  const reported = paragraphs.filter((p, i) => i === 0 || !RECAP_WORD.test(p) || !RECAP.test(p));
  return { reported, recaps: paragraphs.length - reported.length };
}
