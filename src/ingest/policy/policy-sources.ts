import type { Fetcher } from '../../core/ports/fetcher.ts';
import type { PolicySourceCheck } from '../../core/ports/policy-source-check.ts';
import { UserError } from '../../errors.ts';
import { decodeBody } from '../charset.ts';
import { FetchError } from '../fetch.ts';
import { type ApiQuota, createApiQuota } from './api-quota.ts';
import {
  apiFor,
  apiUrlForPage,
  type PolicyApi,
  type PolicyApiSettings,
  policyApisFrom,
  requestFor,
  withoutKey,
} from './policy-apis.ts';
import type { PolicyDocument, PolicyOrigin, PolicyPage, PolicyReading } from './policy-document.ts';
import { recognisePolicyResponse } from './recognise-policy.ts';

/** A policy source that answered but could not be read: malformed, an unknown shape, a missing key. */
export class PolicySourceError extends UserError {
  constructor(message: string, hint?: string) {
    super('fetch_failed', message, hint);
  }
}

/** Everything read from one policy source in one poll, across its pages. */
export interface PolicyRead {
  origin: PolicyOrigin;
  label: string;
  documents: PolicyDocument[];
  pages: number;
  /** Documents or later pages that could not be read; the pages before them are kept. */
  errors: string[];
}

/** Reads primary sources (US APIs with keys and quotas, EU and UK feeds) into documents. */
export interface PolicySources extends PolicySourceCheck {
  /** True when the URL is one of the keyed or paged APIs, read through `read` from the first request. */
  isApiUrl(url: string): boolean;
  /** A response's page when its shape is a policy source's; `{ok:false}` when it is but is broken. */
  recognise(text: string, url: string): PolicyReading;
  /** Reads a source from `url` (or from an already fetched first page), following its pages. */
  read(url: string, options?: { first?: PolicyPage; maxPages?: number }): Promise<PolicyRead>;
}

/** Dependencies: the guarded fetcher (with its per-host limiter), the API settings, a clock for quotas. */
export interface PolicySourcesDeps {
  fetcher: Fetcher;
  settings: PolicyApiSettings;
  now?: () => number;
  /** Pages read per source per poll; later pages wait for the next poll. */
  maxPages?: number;
}

const DEFAULT_MAX_PAGES = 5;

/** Creates the policy source reader the composition root shares between the poller and `preview`. */
export function createPolicySources(deps: PolicySourcesDeps): PolicySources {
  const apis = policyApisFrom(deps.settings);
  const quotas = new Map<PolicyOrigin, ApiQuota>();
  for (const api of apis) if (api.perHour) quotas.set(api.origin, createApiQuota(api.perHour, deps.now));

  function check(given: string) {
    const translated = apiUrlForPage(given, deps.settings);
    const url = translated ?? given;
    const api = apiFor(url, apis);
    if (api?.keyVariable && !api.key)
      return {
        ok: false as const,
        reason: `${api.label} sources need an API key, and ${api.keyVariable} is not set`,
        hint: `Get a free key at ${api.signup}, set ${api.keyVariable} in the environment and restart.`,
      };
    if (!api) return { ok: true as const };
    return { ok: true as const, label: api.label.replace(/ API$/, ''), ...(translated ? { url } : {}) };
  }

  async function fetchPage(url: string): Promise<PolicyPage> {
    const api = apiFor(url, apis);
    const verdict = check(url);
    if (!verdict.ok) throw new PolicySourceError(`${verdict.reason}.`, verdict.hint);
    const quota = api ? quotas.get(api.origin) : undefined;
    const place = quota?.take();
    if (place && !place.ok)
      throw new FetchError(
        'http',
        `${api?.label} quota reached: waiting ${Math.ceil(place.retryAfterMs / 1000)} s`,
        {
          retryAfterMs: place.retryAfterMs,
        },
      );
    const request = requestFor(url, api);
    let text: string;
    let finalUrl: string;
    try {
      const fetched = await deps.fetcher.fetch(request.url, {
        accept: request.headers.accept,
        headers: request.headers,
      });
      if (fetched.notModified) throw new FetchError('http', `${url} answered 304 Not Modified`);
      text = decodeBody(fetched.body, fetched.contentType).text;
      finalUrl = unkeyed(fetched.url);
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      if (error.details.status === 429) quota?.pause(error.details.retryAfterMs ?? 60_000);
      throw rewordFetchError(error, api);
    }
    const reading = recognisePolicyResponse(text, finalUrl, api);
    if (!reading) throw new PolicySourceError(`${url} is not a policy source this bot can read.`);
    if (!reading.ok) throw new PolicySourceError(`${api?.label ?? url}: ${reading.reason}.`);
    return reading.page;
  }

  return {
    check,
    isApiUrl: (url) => apiFor(url, apis) !== undefined,
    recognise: (text, url) => recognisePolicyResponse(text, url, apiFor(url, apis)),
    async read(url, options = {}) {
      const maxPages = Math.max(1, options.maxPages ?? deps.maxPages ?? DEFAULT_MAX_PAGES);
      const first = options.first ?? (await fetchPage(url));
      return readFollowingPages(fetchPage, url, first, maxPages);
    },
  };
}

/** Reads the pages after `first`, up to `maxPages` in all; a failed page ends the read with what came before. */
async function readFollowingPages(
  fetchPage: (url: string) => Promise<PolicyPage>,
  url: string,
  first: PolicyPage,
  maxPages: number,
): Promise<PolicyRead> {
  const read: PolicyRead = {
    origin: first.origin,
    label: first.label,
    documents: [...first.documents],
    pages: 1,
    errors: [...first.skipped],
  };
  const visited = new Set([unkeyed(url)]);
  let next = first.next;
  while (next && read.pages < maxPages && !visited.has(next)) {
    visited.add(next);
    try {
      const page = await fetchPage(next);
      read.documents.push(...page.documents);
      read.errors.push(...page.skipped);
      read.pages += 1;
      next = page.next;
    } catch (error) {
      // The pages already read are news; the failed one is retried with the whole source next poll.
      read.errors.push(`page ${read.pages + 1}: ${(error as Error).message}`);
      break;
    }
  }
  return read;
}

/** A fetch failure told in the API's terms, with any key taken out of its message. */
function rewordFetchError(error: FetchError, api: PolicyApi | undefined): FetchError {
  const status = error.details.status;
  const what = api?.label ?? 'the policy source';
  let message = withoutKey(error.message, api);
  if (status === 429)
    message = `${what} is rate limiting us (HTTP 429)${
      error.details.retryAfterMs === undefined
        ? ''
        : `; retrying after ${Math.ceil(error.details.retryAfterMs / 1000)} s`
    }`;
  else if (status !== undefined && status >= 500)
    message = `${what} had a server error (HTTP ${status}); it will be retried`;
  else if (status === 401 || status === 403)
    message = `${what} refused the request (HTTP ${status})${api?.keyVariable ? `: check ${api.keyVariable}` : ''}`;
  return new FetchError(error.kind, message, {
    ...error.details,
    detail: withoutKey(error.details.detail ?? '', api),
  });
}

/** The URL without an `api_key` parameter: what a reader, a log or a stored link may hold. */
function unkeyed(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.searchParams.has('api_key')) return url;
    parsed.searchParams.delete('api_key');
    return parsed.href;
  } catch {
    return url;
  }
}
