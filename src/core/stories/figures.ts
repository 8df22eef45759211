/**
 * Figures that survive rewording: "€1.84 billion", "1.84 billion euros" and "EUR 1.8bn" are one amount;
 * "4.7%" and "4.7 percent" one share; "3-2" a vote tally; "AT.40437", "T-260/26", "1:20-cv-03010" and
 * "WC Docket No. 23-320" case numbers. Outlets round and restate figures, so amounts keep two significant
 * digits and the currency is dropped ("1.84 billion euros ($2 billion)" keeps both amounts).
 */

const MAGNITUDE: Record<string, number> = {
  trillion: 1e12,
  tn: 1e12,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  crore: 1e7,
  lakh: 1e5,
  thousand: 1e3,
};

// A number with an optional currency before it and an optional magnitude and currency word after it.
const AMOUNT =
  /(?<cur>[$€£¥₹]|\b(?:US\$|USD|EUR|GBP|Rs\.?)\s?)?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?<mag>trillion|billion|million|thousand|crore|lakh|tn|bn|mn|[bm])(?![\p{L}]))?(?:\s(?<word>euros?|dollars?|pounds?|rupees?|yuan|reais|yen))?/giu;
const PERCENT = /(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)/gi;
// Tallies and short case numbers: 3-2, 91-3, 523-46-49, 23-320, 24-1113 (not dates like 2026-03-04).
const TALLY = /(?<![\d./:-])\d{1,3}(?:-\d{1,4}){1,2}(?![\d/:-])/g;
// Codes with letters and digits: AT.40437, T-260/26, C-311/18, ME/7057/26, 1:20-cv-03010, IN-20-8-1, 3A090.
const CODE =
  /\b(?:[A-Z]{1,5}[.\-/]\d[\dA-Za-z]*(?:[.\-/]\d[\dA-Za-z]*)*|\d:\d{2}-[a-z]{2}-\d{3,}|\d[A-Z]\d{3}(?:\.[a-z])?)\b/g;
const YEAR = /^(?:19|20)\d\d$/;

function significant(value: number): string {
  return Number(value.toPrecision(2)).toExponential();
}

/** The figures of a text as comparable keys: `amt:…`, `pct:…`, `n:…`, `tally:…` and `code:…`. */
export function figuresOf(text: string): Set<string> {
  const out = new Set<string>();
  // Codes and tallies are taken out first, so their digits are not read again as amounts.
  const rest = text
    .replace(CODE, (code) => {
      out.add(`code:${code.toLowerCase()}`);
      return ' ';
    })
    .replace(TALLY, (tally) => {
      out.add(`tally:${tally}`);
      return ' ';
    })
    .replace(PERCENT, (_, share: string) => {
      out.add(`pct:${Number(share)}`);
      return ' ';
    });
  for (const m of rest.matchAll(AMOUNT)) {
    const { cur, num = '', mag, word } = m.groups ?? {};
    const value = Number(num.replace(/,/g, ''));
    if (!Number.isFinite(value) || value === 0) continue;
    const scale = mag ? (MAGNITUDE[mag.toLowerCase()] ?? 1) : 1;
    // A bare "m" or "b" counts only after a currency sign ("$400m"), never in "5 m" or "3b".
    if (mag && mag.length === 1 && !cur) continue;
    if (cur || word || mag) out.add(`amt:${significant(value * scale)}`);
    else if (!YEAR.test(num) && value >= 100 && !num.includes('.')) out.add(`n:${value}`);
  }
  return out;
}
