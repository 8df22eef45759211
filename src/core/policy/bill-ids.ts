/**
 * US bill identifiers in one form everywhere: `hr1234-119` as the record's id, "H.R. 1234" as people
 * write it, and congress.gov's page for it. Shared by the congress.gov reader and the citation finder.
 */

/** Bill types congress.gov uses (lower case), with how they are written and their congress.gov path. */
export const BILL_TYPES: Readonly<Record<string, { label: string; path: string }>> = {
  hr: { label: 'H.R.', path: 'house-bill' },
  s: { label: 'S.', path: 'senate-bill' },
  hjres: { label: 'H.J.Res.', path: 'house-joint-resolution' },
  sjres: { label: 'S.J.Res.', path: 'senate-joint-resolution' },
  hconres: { label: 'H.Con.Res.', path: 'house-concurrent-resolution' },
  sconres: { label: 'S.Con.Res.', path: 'senate-concurrent-resolution' },
  hres: { label: 'H.Res.', path: 'house-resolution' },
  sres: { label: 'S.Res.', path: 'senate-resolution' },
};

/** The Congress sitting on a day: the 119th from 3 January 2025, a new one every odd year. */
export function congressOn(day: Date): number {
  const year = day.getUTCFullYear();
  // A Congress starts on 3 January of an odd year; 1 and 2 January still belong to the one before.
  const started = year % 2 === 1 && day.getUTCMonth() === 0 && day.getUTCDate() < 3 ? year - 2 : year;
  return Math.floor((started - 1789) / 2) + 1;
}

/** `119th`, `121st`, `122nd`, `123rd`. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The record id of a bill: `hr1234-119`; undefined for a type congress.gov does not have. */
export function billId(type: string, number: string | number, congress: number): string | undefined {
  const key = type.toLowerCase().replace(/[^a-z]/g, '');
  return BILL_TYPES[key] ? `${key}${String(number).replace(/^0+/, '')}-${congress}` : undefined;
}

/** "H.R. 1234 (119th Congress)" for `hr1234-119`. */
export function billLabel(id: string): string {
  const match = /^([a-z]+)(\d+)-(\d+)$/.exec(id);
  const type = match ? BILL_TYPES[match[1] as string] : undefined;
  if (!match || !type) return id;
  return `${type.label} ${match[2]} (${ordinal(Number(match[3]))} Congress)`;
}

/** congress.gov's public page for a bill id. */
export function congressGovBillUrl(id: string): string | undefined {
  const match = /^([a-z]+)(\d+)-(\d+)$/.exec(id);
  const type = match ? BILL_TYPES[match[1] as string] : undefined;
  if (!match || !type) return undefined;
  return `https://www.congress.gov/bill/${ordinal(Number(match[3]))}-congress/${type.path}/${match[2]}`;
}
