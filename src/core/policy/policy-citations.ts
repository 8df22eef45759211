import { billId, billLabel, congressGovBillUrl, congressOn } from './bill-ids.ts';
import type { PolicyKind } from './policy-record.ts';

/**
 * Finds the primary documents a text cites: Federal Register citations ("91 FR 81234") and document
 * numbers ("2026-12345"), docket ids ("FCC-2026-0412", "EPA-HQ-OAR-2026-0001", "GN Docket No. 26-118"),
 * CELEX numbers ("32024R1689"), EU procedures ("2024/0001(COD)") and US bills ("H.R. 1234", "S. 56").
 * Each pattern is anchored on what surrounds it, so phone numbers, ISBNs, dates and prices do not match.
 */

/** What kind of identifier a citation is. */
export type CitationType = 'fr-citation' | 'fr-document' | 'docket' | 'celex' | 'eu-procedure' | 'us-bill';

/** One identifier found in a text. */
export interface PolicyCitation {
  /** As a reader writes it: "91 FR 81234", "H.R. 1234". */
  id: string;
  type: CitationType;
  /** The lookup key stored policy articles are tagged with (`ref:<key>`): lower case, no spaces. */
  key: string;
  /** The official page for it, used when no stored record has it. */
  url: string;
  /** The kind it must be when the identifier says so (a bill, a procedure, a docket). */
  kind?: PolicyKind;
}

/** Not glued to a letter, digit, dash, slash, dot-digit or currency sign on either side. */
const LEFT = String.raw`(?<![\p{L}\p{N}$€£¥#+/.-])`;
const RIGHT = String.raw`(?![\p{L}\p{N}/-]|\.\d|,\d)`;

/** A citation may run on as a page range ("87 FR 51273-51300"): only the first page names the document. */
const FR_CITATION = new RegExp(
  `${LEFT}(\\d{1,3}) (?:FR|Fed\\. ?Reg\\.) (\\d{1,6})(?![\\p{L}\\p{N}/]|\\.\\d|,\\d)`,
  'gu',
);
/** A document number: year, dash, five digits (optionally a correction prefix "C1-"). */
const FR_DOCUMENT = new RegExp(`${LEFT}((?:C\\d-)?(?:19|20)\\d{2}-\\d{5})${RIGHT}`, 'gu');
/** regulations.gov docket ids: agency, sub-offices, year, serial ("EPA-HQ-OAR-2026-0001"); a document's suffix names its docket. */
const DOCKET = new RegExp(
  `${LEFT}([A-Z]{2,8}(?:-[A-Z]{1,6}){0,3}-(?:19|20)\\d{2}-(?:[A-Z]-)?\\d{4})(?:-\\d{4,5})?${RIGHT}`,
  'gu',
);
/** FCC dockets as the FCC writes them: "GN Docket No. 26-118". */
const FCC_DOCKET = new RegExp(`${LEFT}([A-Z]{2}) Docket Nos?\\.? (\\d{2}-\\d{1,4})${RIGHT}`, 'gu');
/** CELEX: sector, year, document type, number ("32024R1689", "52023PC0206"). */
const CELEX = new RegExp(
  `${LEFT}([1-9CE])((?:19[5-9]|20[0-4])\\d)(R|L|D|PC|DC|SC|JC|CJ|TJ|F|H|A|G)(\\d{4})${RIGHT}`,
  'gu',
);
const EU_PROCEDURE = new RegExp(
  `${LEFT}((?:19|20)\\d{2})/(\\d{4}) ?\\((COD|CNS|APP|NLE|INI|BUD|DEC|RSP|INL|SYN|AVC|ACI|IMM|REG|RSO|DCE|INS|RPS|DEA)\\)`,
  'gu',
);
/** Bills as written in news: "H.R. 1234", "H.R.1234", "S. 56", "H.Res. 12", "S.J.Res. 5" (dots required). */
const US_BILL = new RegExp(
  `${LEFT}(H\\. ?R\\.|S\\.|H\\. ?Res\\.|S\\. ?Res\\.|H\\. ?J\\. ?Res\\.|S\\. ?J\\. ?Res\\.|H\\. ?Con\\. ?Res\\.|S\\. ?Con\\. ?Res\\.) ?(\\d{1,5})${RIGHT}`,
  'gu',
);
/** A Congress named in the same sentence, after the bill or before it; "H.R." and "S." are not sentence ends. */
const CONGRESS_AFTER = /^(?:(?!\.\s+[A-Z][a-z])[^;]){0,60}?\b(\d{2,3})(?:st|nd|rd|th) Cong(?:ress|\.)/;
const CONGRESS_BEFORE = /\b(\d{2,3})(?:st|nd|rd|th) Congress\b[^.;]{0,40}$/;

const BILL_TYPE_OF: Record<string, string> = {
  'H.R.': 'hr',
  'S.': 's',
  'H.Res.': 'hres',
  'S.Res.': 'sres',
  'H.J.Res.': 'hjres',
  'S.J.Res.': 'sjres',
  'H.Con.Res.': 'hconres',
  'S.Con.Res.': 'sconres',
};

/** Words before a number that make it something else: an ISBN, a phone, a patent, a price. */
const NOT_BEFORE = /\b(?:ISBN(?:-1[03])?:?|ISSN:?|tel\.?:?|phone:?|fax:?|call|US|EP|WO|pages?|pp\.?)\s*$/i;

/** The kind a CELEX number means: sector 3 is adopted law, 5 with PC a legislative proposal. */
function celexKind(sector: string, type: string): PolicyKind {
  if (sector === '3') return 'legislation';
  if (sector === '5' && type === 'PC') return 'proposed-rule';
  return 'other';
}

/** Every identifier a text cites, each once, in order of first appearance; `on` dates a bill with no Congress. */
export function findPolicyCitations(text: string, on: Date = new Date()): PolicyCitation[] {
  const found: { at: number; citation: PolicyCitation }[] = [];
  const add = (at: number, citation: PolicyCitation) => found.push({ at, citation });
  const before = (at: number) => text.slice(Math.max(0, at - 12), at);
  for (const m of text.matchAll(FR_CITATION)) {
    add(m.index, {
      id: `${m[1]} FR ${m[2]}`,
      type: 'fr-citation',
      key: `fr-${m[1]}-${m[2]}`,
      url: `https://www.federalregister.gov/citation/${m[1]}-FR-${m[2]}`,
    });
  }
  for (const m of text.matchAll(FR_DOCUMENT)) {
    if (NOT_BEFORE.test(before(m.index))) continue;
    const number = m[1] as string;
    add(m.index, {
      id: number,
      type: 'fr-document',
      key: number.toLowerCase(),
      url: `https://www.federalregister.gov/d/${number}`,
    });
  }
  for (const m of text.matchAll(DOCKET)) {
    const id = m[1] as string;
    if (/^(ISBN|ISSN|COVID|SARS|CVE|RFC|ISO)-/.test(id)) continue;
    add(m.index, {
      id,
      type: 'docket',
      key: id.toLowerCase(),
      url: `https://www.regulations.gov/docket/${id}`,
      kind: 'docket',
    });
  }
  for (const m of text.matchAll(FCC_DOCKET)) {
    add(m.index, {
      id: `${m[1]} Docket No. ${m[2]}`,
      type: 'docket',
      key: `${(m[1] as string).toLowerCase()}-${m[2]}`,
      url: `https://www.fcc.gov/ecfs/search/docket-detail/${m[2]}`,
      kind: 'docket',
    });
  }
  for (const m of text.matchAll(CELEX)) {
    const id = `${m[1]}${m[2]}${m[3]}${m[4]}`;
    add(m.index, {
      id,
      type: 'celex',
      key: id.toLowerCase(),
      url: `https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:${id}`,
      kind: celexKind(m[1] as string, m[3] as string),
    });
  }
  for (const m of text.matchAll(EU_PROCEDURE)) {
    const id = `${m[1]}/${m[2]}(${m[3]})`;
    add(m.index, {
      id,
      type: 'eu-procedure',
      key: euProcedureKey(id),
      url: `https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file?reference=${id}`,
      kind: 'procedure',
    });
  }
  for (const m of text.matchAll(US_BILL)) {
    const citation = billCitation(text, m, on);
    if (citation) add(m.index, citation);
  }
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  return found
    .map((entry) => entry.citation)
    .filter((citation) => !seen.has(citation.key) && Boolean(seen.add(citation.key)));
}

function billCitation(text: string, m: RegExpMatchArray, on: Date): PolicyCitation | undefined {
  const at = m.index ?? 0;
  const written = (m[1] as string).replace(/\s+/g, '');
  const type = BILL_TYPE_OF[written];
  // "S. 56" must read as a bill, not an initial: a capital name before it ("John S. 56") rules it out.
  if (!type || (type === 's' && /\b[A-Z][a-z]+\s$/.test(text.slice(Math.max(0, at - 20), at))))
    return undefined;
  const after = text.slice(at + m[0].length, at + m[0].length + 60);
  const beforeText = text.slice(Math.max(0, at - 60), at);
  const stated = CONGRESS_AFTER.exec(after)?.[1] ?? CONGRESS_BEFORE.exec(beforeText)?.[1];
  const congress = stated ? Number(stated) : congressOn(on);
  const id = billId(type, m[2] as string, congress);
  const url = id ? congressGovBillUrl(id) : undefined;
  if (!id || !url) return undefined;
  return { id: billLabel(id).replace(/ \(.*\)$/, ''), type: 'us-bill', key: id, url, kind: 'bill' };
}

/** The tag key of an EU procedure: `2024/0001(COD)` → `2024-0001-cod`. */
export function euProcedureKey(reference: string): string {
  return reference
    .toLowerCase()
    .replace(/[/()]+/g, '-')
    .replace(/-$/, '');
}
