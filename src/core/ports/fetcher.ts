/** Limits every outgoing request obeys. */
export interface FetchLimits {
  /** Whole fetch, redirects and body included. */
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  /** Until the TCP connection is up; defaults to the total timeout. */
  connectTimeoutMs?: number;
  maxRedirects?: number;
  /** Lifts the SSRF guard (ALLOW_PRIVATE_NETWORKS); off unless said. */
  allowPrivateNetworks?: boolean;
  perHostConcurrency?: number;
}

/** What kind of failure a fetch hit; the poller backs off on all of them. */
export type FetchErrorKind =
  | 'blocked'
  | 'timeout'
  | 'too-large'
  | 'redirects'
  | 'http'
  | 'network'
  | 'decode';

/** Per-request options: what to accept and the validators for a conditional GET. */
export interface FetchOptions {
  accept?: string;
  etag?: string;
  lastModified?: string;
  /** Extra request headers for an API that wants them (a policy API's `X-Api-Key`); never logged. */
  headers?: Readonly<Record<string, string>>;
}

/** A fetched body with what the server said about it. */
export interface FetchedBody {
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
  etag?: string;
  lastModified?: string;
  /** Every URL visited, the first one included. */
  hops: string[];
}

/** A fetch's result: a body, or the server's "not modified since your copy". */
export type FetchOutcome =
  | ({ notModified: false } & FetchedBody)
  | { notModified: true; url: string; hops: string[] };

/** The guarded HTTP client every source, page and `ingest <url>` goes through. */
export interface Fetcher {
  fetch(url: string, options?: FetchOptions): Promise<FetchOutcome>;
}
