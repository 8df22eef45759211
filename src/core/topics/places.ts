/**
 * Jurisdiction and agency tags found in an article. Matching is case-sensitive on purpose: "US" the country
 * is not "us" the pronoun, and "CMA" the regulator is spelt in capitals. Tags look like `jurisdiction:eu`
 * and `agency:ftc`, and are searched with `jurisdiction:eu` and `agency:ftc` filters.
 */

interface Marker {
  tag: string;
  /** Case-sensitive patterns; each match counts once. */
  patterns: RegExp[];
  /** Optional context that must also appear somewhere, for acronyms with other meanings. */
  context?: RegExp;
  /** The jurisdiction an agency belongs to; finding the agency implies it. */
  jurisdiction?: string;
}

const w = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'gu');

/** Places, by the names news uses for them and for their capitals and institutions. */
export const JURISDICTIONS: readonly Marker[] = [
  {
    tag: 'us',
    patterns: [
      w(
        'United States|U\\.S\\.|US|USA|America|American|Washington|Congress|White House|Senate|Biden administration|Trump administration',
      ),
    ],
  },
  {
    tag: 'eu',
    patterns: [
      w('European Union|EU|Brussels|European Commission|European Parliament|MEPs?|Council of the EU'),
    ],
  },
  {
    tag: 'uk',
    patterns: [w('United Kingdom|UK|U\\.K\\.|Britain|British|London|Westminster|Ofcom|Downing Street')],
  },
  { tag: 'cn', patterns: [w('China|Chinese|Beijing|PRC|Xi Jinping|Communist Party')] },
  { tag: 'in', patterns: [w('India|Indian|New Delhi')] },
  { tag: 'jp', patterns: [w('Japan|Japanese|Tokyo')] },
  { tag: 'kr', patterns: [w('South Korea|South Korean|Seoul')] },
  { tag: 'tw', patterns: [w('Taiwan|Taiwanese|Taipei')] },
  { tag: 'ru', patterns: [w('Russia|Russian|Moscow|Kremlin')] },
  { tag: 'de', patterns: [w('Germany|German|Berlin|Bundeskartellamt')] },
  { tag: 'fr', patterns: [w('France|French|Paris|CNIL|Arcep')] },
  { tag: 'ca', patterns: [w('Canada|Canadian|Ottawa')] },
  { tag: 'au', patterns: [w('Australia|Australian|Canberra|ACCC|eSafety')] },
];

/** Regulators and ministries that tech-policy news names, with the jurisdiction each implies. */
export const AGENCIES: readonly Marker[] = [
  { tag: 'ftc', jurisdiction: 'us', patterns: [w('FTC|Federal Trade Commission')] },
  { tag: 'fcc', jurisdiction: 'us', patterns: [w('FCC|Federal Communications Commission')] },
  {
    tag: 'bis',
    jurisdiction: 'us',
    patterns: [w('Bureau of Industry and Security|BIS')],
    context: w('export|Commerce|Entity List|chips?'),
  },
  { tag: 'doj', jurisdiction: 'us', patterns: [w('DOJ|Department of Justice|Justice Department')] },
  { tag: 'commerce', jurisdiction: 'us', patterns: [w('Commerce Department|Department of Commerce')] },
  { tag: 'cisa', jurisdiction: 'us', patterns: [w('CISA|Cybersecurity and Infrastructure Security Agency')] },
  { tag: 'cfius', jurisdiction: 'us', patterns: [w('CFIUS|Committee on Foreign Investment')] },
  { tag: 'sec', jurisdiction: 'us', patterns: [w('Securities and Exchange Commission')] },
  {
    tag: 'dg-comp',
    jurisdiction: 'eu',
    patterns: [w('DG COMP|DG Competition|Directorate-General for Competition')],
  },
  { tag: 'european-commission', jurisdiction: 'eu', patterns: [w('European Commission')] },
  { tag: 'edpb', jurisdiction: 'eu', patterns: [w('EDPB|European Data Protection Board')] },
  { tag: 'cma', jurisdiction: 'uk', patterns: [w('CMA|Competition and Markets Authority')] },
  {
    tag: 'ico',
    jurisdiction: 'uk',
    patterns: [w("Information Commissioner(?:'s Office)?|ICO")],
    context: w('data|privacy|Information Commissioner'),
  },
  { tag: 'ofcom', jurisdiction: 'uk', patterns: [w('Ofcom')] },
  { tag: 'cnil', jurisdiction: 'fr', patterns: [w('CNIL')] },
  { tag: 'dpc', jurisdiction: 'eu', patterns: [w('Data Protection Commission|Irish DPC')] },
  { tag: 'miit', jurisdiction: 'cn', patterns: [w('MIIT|Ministry of Industry and Information Technology')] },
  {
    tag: 'cac',
    jurisdiction: 'cn',
    patterns: [w('Cyberspace Administration of China|CAC')],
    context: w('China|Chinese|Beijing'),
  },
  { tag: 'samr', jurisdiction: 'cn', patterns: [w('SAMR|State Administration for Market Regulation')] },
  {
    tag: 'mofcom',
    jurisdiction: 'cn',
    patterns: [w('MOFCOM|Ministry of Commerce')],
    context: w('China|Chinese|Beijing'),
  },
];

function count(text: string, patterns: RegExp[]): number {
  let n = 0;
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    while (pattern.exec(text)) n++;
  }
  return n;
}

/**
 * Tags `jurisdiction:xx` and `agency:yy` for an article. An agency counts on one mention; a place needs a
 * mention in the title, two in the body, or an agency of its own, so a passing "in London" is not a tag.
 */
export function placeTags(article: { title: string; text: string }): string[] {
  const body = article.text.slice(0, 50_000);
  const tags: string[] = [];
  const implied = new Set<string>();
  for (const agency of AGENCIES) {
    const hits = count(article.title, agency.patterns) + count(body, agency.patterns);
    if (hits === 0) continue;
    if (agency.context && count(`${article.title}\n${body}`, [agency.context]) === 0) continue;
    tags.push(`agency:${agency.tag}`);
    if (agency.jurisdiction) implied.add(agency.jurisdiction);
  }
  const places: string[] = [];
  for (const place of JURISDICTIONS) {
    const inTitle = count(article.title, place.patterns);
    const inBody = count(body, place.patterns);
    if (inTitle > 0 || inBody >= 2 || implied.has(place.tag)) places.push(`jurisdiction:${place.tag}`);
  }
  return [...places, ...tags];
}
