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
  /\b(?:shares|stocks?|share price|equities|ADRs?|index|indices|Nasdaq|NYSE|Dow Jones|S&P|FTSE|DAX|CAC|Nikkei|Hang Seng|KOSPI|TSX|Sensex|Nifty|STOXX|ASX|bourse|market value|market capitali[sz]ation|investors|traders|trading|session|sell-?off)\b|\((?:NASDAQ|NYSE|LSE|TSX|ASX|TYO|HKEX|KRX|XETRA|Euronext)\s*:\s*[A-Z.]+\)/i;

/**
 * A markets story moves a price: in the headline, a move with a level or something traded ("Alphabet
 * trails Nasdaq", "Zalando hits six-week low", "Nvidia slides 4%"); in the lede's first 300 characters, all
 * three ("underperformed the broader Nasdaq…, giving up 1.9%"). A news report's lede has a percentage
 * ("up to 6% of turnover") or a verb ("gain access") often, all three rarely.
 */
function isMarket(title: string, lede: string): boolean {
  if (MOVE.test(title) && (LEVEL.test(title) || TRADED.test(title))) return true;
  const opening = lede.split('\n', 1)[0]!.slice(0, 300);
  return MOVE.test(opening) && LEVEL.test(opening) && TRADED.test(opening);
}

/** Opinion by its headline label or URL path; a markets story by a price move in headline or lede. */
export function genreOf(title: string, lede: string, url = ''): StoryGenre {
  if (OPINION_TITLE.test(title) || OPINION_PATH.test(url)) return 'opinion';
  return isMarket(title, lede) ? 'market' : 'news';
}

const COUNT = '(?:a|an|one|two|three|four|five|six|seven|several|few|\\d+)';
// A paragraph that points back in time or aside: "comes two days after", "the day before", "last week",
// "earlier this month", "follows", "in a separate case", "the second fine in a week".
const RECAP = new RegExp(
  [
    `\\b(?:comes?|came|coming|lands?|landed|arrives?|arrived|follows?|followed)\\b[^.]{0,60}?\\b(?:after|on the heels of|${COUNT}\\s+(?:days?|weeks?|months?))\\b`,
    `\\b${COUNT}\\s+(?:days?|weeks?|months?)\\s+(?:after|before|earlier|ago|since)\\b`,
    '\\bthe\\s+(?:day|week|month)\\s+(?:before|earlier)\\b',
    '\\b(?:last|earlier this|earlier in the|the previous|the prior)\\s+(?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b',
    '\\b(?:yesterday|separately|separate|unrelated|on the heels of)\\b',
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
