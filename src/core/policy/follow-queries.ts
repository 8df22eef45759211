import type { FollowTarget } from './follow-id.ts';

/** Base URLs of the primary-source APIs (config sets them; tests point them at 127.0.0.1). */
export interface PolicyApiBases {
  federalRegister: string;
  regulationsGov: string;
  congressGov: string;
  /** The European Parliament's Legislative Observatory. */
  euOeil: string;
  ukBills: string;
  /** Which keyed APIs have a key configured: a query needing a missing one is left out and said so. */
  keys: { regulationsGov: boolean; congressGov: boolean };
}

/** The public services' own addresses, the defaults when config names none. */
export const DEFAULT_POLICY_API_BASES: PolicyApiBases = {
  federalRegister: 'https://www.federalregister.gov/api/v1',
  regulationsGov: 'https://api.regulations.gov/v4',
  congressGov: 'https://api.congress.gov/v3',
  euOeil: 'https://oeil.secure.europarl.europa.eu/oeil/en',
  ukBills: 'https://bills-api.parliament.uk/api/v1',
  keys: { regulationsGov: false, congressGov: false },
};

/** One source query that reports changes to a followed item; polled by the ordinary poller. */
export interface FollowQuery {
  url: string;
  /** Which public source answers it, as in `PolicyRecord.origin`. */
  origin: string;
}

/** Why a query that would help could not be added, e.g. a missing API key. */
export interface SkippedQuery {
  origin: string;
  reason: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');
// Regulations.gov dockets look like AGENCY-YEAR-NUMBER; FCC's own dockets (GN Docket No. …) live elsewhere.
const REGS_DOCKET = /^[A-Z]{2,10}(?:-[A-Z0-9]{1,10})*-(?:19|20)\d{2}(?:-[A-Z]{1,3})?-\d{3,6}$/;

function federalRegister(bases: PolicyApiBases, params: [string, string][]): FollowQuery {
  const search = new URLSearchParams([...params, ['order', 'newest'], ['per_page', '100']]);
  return { url: `${trimSlash(bases.federalRegister)}/documents.json?${search}`, origin: 'federal-register' };
}

/**
 * The source queries to poll for a followed item: a Federal Register search by docket or document number,
 * regulations.gov documents of a docket, a bill's congress.gov actions, an EU procedure's RSS, a UK bill's
 * stages. Keyed APIs without a key are skipped with the variable to set.
 */
export function followQueries(
  target: FollowTarget,
  bases: PolicyApiBases,
): { queries: FollowQuery[]; skipped: SkippedQuery[] } {
  const queries: FollowQuery[] = [];
  const skipped: SkippedQuery[] = [];
  switch (target.kind) {
    case 'docket': {
      queries.push(federalRegister(bases, [['conditions[docket_id]', target.id]]));
      if (REGS_DOCKET.test(target.id)) {
        if (bases.keys.regulationsGov) {
          const search = new URLSearchParams([
            ['filter[docketId]', target.id],
            ['sort', '-lastModifiedDate'],
          ]);
          queries.push({
            url: `${trimSlash(bases.regulationsGov)}/documents?${search}`,
            origin: 'regulations-gov',
          });
        } else {
          skipped.push({
            origin: 'regulations-gov',
            reason: 'REGULATIONS_GOV_API_KEY is not set (a free key from https://api.data.gov/signup/)',
          });
        }
      }
      break;
    }
    case 'document':
      queries.push(federalRegister(bases, [['conditions[term]', target.id]]));
      break;
    case 'bill': {
      if (bases.keys.congressGov) {
        const path = `bill/${target.congress}/${target.billType}/${target.billNumber}/actions`;
        queries.push({
          url: `${trimSlash(bases.congressGov)}/${path}?format=json&limit=250`,
          origin: 'congress-gov',
        });
      } else {
        skipped.push({
          origin: 'congress-gov',
          reason: 'CONGRESS_GOV_API_KEY is not set (a free key from https://api.congress.gov/sign-up/)',
        });
      }
      break;
    }
    case 'procedure':
      queries.push({
        url: `${trimSlash(bases.euOeil)}/procedure-file/rss?reference=${encodeURIComponent(target.id)}`,
        origin: 'eu-oeil',
      });
      break;
    case 'uk-bill':
      queries.push(
        /^uk-bill-\d+$/.test(target.id)
          ? {
              url: `${trimSlash(bases.ukBills)}/Bills/${target.id.slice('uk-bill-'.length)}`,
              origin: 'uk-parliament',
            }
          : {
              url: `${trimSlash(bases.ukBills)}/Bills?${new URLSearchParams([['SearchTerm', target.id]])}`,
              origin: 'uk-parliament',
            },
      );
      break;
  }
  return { queries, skipped };
}
