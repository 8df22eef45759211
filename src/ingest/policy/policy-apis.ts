import type { PolicyOrigin } from './policy-document.ts';

/** Where the keyed and unkeyed US APIs live and the keys they take (from config; keys never logged). */
export interface PolicyApiSettings {
  federalRegisterUrl: string;
  regulationsGovUrl: string;
  regulationsGovKey?: string;
  congressGovUrl: string;
  congressGovKey?: string;
}

/** One API Policy Wire reads with its own rules: where it is, its key and how it is sent, its quota. */
export interface PolicyApi {
  origin: PolicyOrigin;
  label: string;
  /** Base URLs that mean this API: the configured one and the official one. */
  bases: string[];
  key?: string;
  /** How the key travels: an `X-Api-Key` header, or an `api_key` query parameter. */
  keyIn?: 'header' | 'query';
  /** The environment variable holding the key, named when it is missing. */
  keyVariable?: string;
  /** Where a key is had. */
  signup?: string;
  /** The API's stated requests per hour; undefined when it states none. */
  perHour?: number;
}

const OFFICIAL = {
  federalRegister: 'https://www.federalregister.gov/api/v1/',
  regulationsGov: 'https://api.regulations.gov/v4/',
  congressGov: 'https://api.congress.gov/v3/',
};

/** The APIs, from settings. */
export function policyApisFrom(settings: PolicyApiSettings): PolicyApi[] {
  return [
    {
      origin: 'federal-register',
      label: 'Federal Register API',
      bases: bases(settings.federalRegisterUrl, OFFICIAL.federalRegister),
    },
    {
      origin: 'regulations-gov',
      label: 'regulations.gov API',
      bases: bases(settings.regulationsGovUrl, OFFICIAL.regulationsGov),
      ...(settings.regulationsGovKey ? { key: settings.regulationsGovKey } : {}),
      keyIn: 'header',
      keyVariable: 'REGULATIONS_GOV_API_KEY',
      signup: 'https://api.data.gov/signup/',
      perHour: 1000,
    },
    {
      origin: 'congress-gov',
      label: 'congress.gov API',
      bases: bases(settings.congressGovUrl, OFFICIAL.congressGov),
      ...(settings.congressGovKey ? { key: settings.congressGovKey } : {}),
      keyIn: 'query',
      keyVariable: 'CONGRESS_GOV_API_KEY',
      signup: 'https://api.congress.gov/sign-up/ (an api.data.gov key)',
      perHour: 5000,
    },
  ];
}

function bases(configured: string, official: string): string[] {
  const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
  return [...new Set([withSlash(configured), official])];
}

/** The API a URL belongs to, by its base; undefined for any other URL. */
export function apiFor(url: string, apis: readonly PolicyApi[]): PolicyApi | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const here = `${parsed.origin}${parsed.pathname}`.toLowerCase();
  return apis.find((api) =>
    api.bases.some((base) => here.startsWith(base.toLowerCase()) || `${here}/` === base.toLowerCase()),
  );
}

/** The request for a page of an API: the URL with its key (congress.gov) and the headers (regulations.gov). */
export function requestFor(
  url: string,
  api: PolicyApi | undefined,
): { url: string; headers: Record<string, string> } {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!api?.key) return { url, headers };
  if (api.keyIn === 'header') return { url, headers: { ...headers, 'x-api-key': api.key } };
  const keyed = new URL(url);
  keyed.searchParams.set('api_key', api.key);
  if (!keyed.searchParams.has('format')) keyed.searchParams.set('format', 'json');
  return { url: keyed.href, headers };
}

/** Text with an API key taken out, for any message that may carry a keyed URL. */
export function withoutKey(text: string, api: PolicyApi | undefined): string {
  const scrubbed = text.replace(/([?&]api_key=)[^&#\s]+/gi, '$1[secret]');
  return api?.key ? scrubbed.split(api.key).join('[secret]') : scrubbed;
}

/** congress.gov's bill pages: `/bill/119th-congress/house-bill/1234`. */
const CONGRESS_PAGE =
  /^https?:\/\/(?:www\.)?congress\.gov\/bill\/(\d+)(?:st|nd|rd|th)-congress\/([a-z-]+)\/(\d+)/i;
const BILL_PATHS: Record<string, string> = {
  'house-bill': 'hr',
  'senate-bill': 's',
  'house-joint-resolution': 'hjres',
  'senate-joint-resolution': 'sjres',
  'house-concurrent-resolution': 'hconres',
  'senate-concurrent-resolution': 'sconres',
  'house-resolution': 'hres',
  'senate-resolution': 'sres',
};
/** regulations.gov's pages: `/docket/FCC-2026-0412`, `/document/FCC-2026-0412-0001`. */
const REGULATIONS_PAGE = /^https?:\/\/(?:www\.)?regulations\.gov\/(docket|document)\/([A-Za-z0-9-]+)\/?$/i;
/** The Federal Register's search page, whose query string is the API's own. */
const FEDERAL_REGISTER_SEARCH = /^https?:\/\/(?:www\.)?federalregister\.gov\/documents\/search\/?\?/i;

/**
 * The API URL that reads what a pasted web page shows: a congress.gov bill page becomes its actions, a
 * regulations.gov docket page the docket's documents, a Federal Register search its documents.json.
 * Undefined for any other URL (it is followed as given).
 */
export function apiUrlForPage(url: string, settings: PolicyApiSettings): string | undefined {
  const slash = (base: string) => (base.endsWith('/') ? base : `${base}/`);
  const bill = CONGRESS_PAGE.exec(url);
  const type = bill ? BILL_PATHS[(bill[2] as string).toLowerCase()] : undefined;
  if (bill && type) return `${slash(settings.congressGovUrl)}bill/${bill[1]}/${type}/${bill[3]}/actions`;
  const regs = REGULATIONS_PAGE.exec(url);
  if (regs) {
    const id = encodeURIComponent(regs[2] as string);
    return (regs[1] as string).toLowerCase() === 'docket'
      ? `${slash(settings.regulationsGovUrl)}documents?filter%5BdocketId%5D=${id}&sort=-lastModifiedDate`
      : `${slash(settings.regulationsGovUrl)}documents/${id}`;
  }
  if (FEDERAL_REGISTER_SEARCH.test(url))
    return `${slash(settings.federalRegisterUrl)}documents.json${url.slice(url.indexOf('?'))}`;
  return undefined;
}
