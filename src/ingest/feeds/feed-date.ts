/** Zone abbreviations feeds use that V8's Date.parse does not know, as offsets. */
const ZONES: Record<string, string> = {
  UT: '+0000',
  UTC: '+0000',
  GMT: '+0000',
  Z: '+0000',
  WET: '+0000',
  BST: '+0100',
  IST: '+0530',
  CET: '+0100',
  MET: '+0100',
  CEST: '+0200',
  MEST: '+0200',
  EET: '+0200',
  EEST: '+0300',
  MSK: '+0300',
  JST: '+0900',
  KST: '+0900',
  HKT: '+0800',
  SGT: '+0800',
  AEST: '+1000',
  AEDT: '+1100',
  NZST: '+1200',
  NZDT: '+1300',
  EST: '-0500',
  EDT: '-0400',
  CST: '-0600',
  CDT: '-0500',
  MST: '-0700',
  MDT: '-0600',
  PST: '-0800',
  PDT: '-0700',
  AKST: '-0900',
  AKDT: '-0800',
  HST: '-1000',
  BRT: '-0300',
};

/** Month and day names in the languages feeds are most often written in, to their English form. */
const WORDS: Record<string, string> = {
  // months
  janv: 'Jan',
  ene: 'Jan',
  gen: 'Jan',
  jän: 'Jan',
  fev: 'Feb',
  fév: 'Feb',
  févr: 'Feb',
  mär: 'Mar',
  mrz: 'Mar',
  mars: 'Mar',
  abr: 'Apr',
  avr: 'Apr',
  mai: 'May',
  mag: 'May',
  mei: 'May',
  juin: 'Jun',
  giu: 'Jun',
  juil: 'Jul',
  lug: 'Jul',
  ago: 'Aug',
  août: 'Aug',
  aoû: 'Aug',
  set: 'Sep',
  sept: 'Sep',
  out: 'Oct',
  okt: 'Oct',
  ott: 'Oct',
  dez: 'Dec',
  dic: 'Dec',
  déc: 'Dec',
  // weekdays are dropped: they only ever disagree with the date
};

const WEEKDAY =
  /^\s*(mon|tue|wed|thu|fri|sat|sun|seg|ter|qua|qui|sex|sáb|sab|dom|lun|mar|mer|jeu|ven|sam|dim|mié|jue|vie|mo|di|mi|do|fr|sa|so)[a-zà-ÿ]*\.?,?\s+/i;

function toIso(time: number): string | undefined {
  if (Number.isNaN(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  // Outside this range a "date" is a typo or an epoch placeholder, not a publication time.
  return year >= 1970 && year <= 2200 ? new Date(time).toISOString() : undefined;
}

const HAS_ZONE = /(?:[zZ]|[+-]\d{1,2}:?\d{0,2}|\b[A-Z]{1,5})\s*$/;

/** Parses a feed date in any of the formats seen in the wild (RFC 822 and its misspellings, W3C-DTF, ISO 8601); undefined when unreadable. */
export function parseFeedDate(raw: string | undefined | null): string | undefined {
  if (typeof raw !== 'string') return undefined;
  let text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    let iso = text.replace(' ', 'T').replace(/([+-]\d{2}):(\d)$/, '$1:0$2');
    if (!/(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(iso) && /T\d/.test(iso)) iso += 'Z';
    const parsed = toIso(Date.parse(iso));
    if (parsed) return parsed;
  }
  text = text.replace(WEEKDAY, '');
  text = text.replace(/[A-Za-zÀ-ÿ]+\.?/g, (word) => {
    const bare = word.replace(/\.$/, '');
    const mapped = WORDS[bare.toLowerCase()];
    if (mapped) return mapped;
    const zone = ZONES[bare.toUpperCase()];
    return zone && bare === bare.toUpperCase() ? zone : word;
  });
  if (!HAS_ZONE.test(text) && /\d:\d{2}/.test(text)) text += ' +0000';
  const direct = toIso(Date.parse(text));
  if (direct) return direct;
  if (/^\d{9,11}$/.test(text)) return toIso(Number(text) * 1000);
  return undefined;
}
