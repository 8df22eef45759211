import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import type {
  FetchErrorKind,
  FetchedBody,
  Fetcher,
  FetchLimits,
  FetchOptions,
} from '../core/ports/fetcher.ts';
import { UserError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { scrubUrlCredentials, withoutUserInfo } from '../url-credentials.ts';
import { createHostLimiter, type HostLimiter } from './host-limiter.ts';
import { BodyLimitError, readBody } from './read-body.ts';
import { createSsrfGuard, type ResolvedAddress, type SsrfGuard } from './ssrf-guard.ts';

/** A fetch failure whose message says which URL, which limit or which answer. */
export class FetchError extends UserError {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    /** `detail`: what only the log and the operator's CLI may show (e.g. the private address a host resolved to). */
    readonly details: { status?: number; retryAfterMs?: number; detail?: string } = {},
  ) {
    // Messages quote URLs and reach chat, incidents and the admin DM: a feed's basic-auth password never does.
    super('fetch_failed', scrubUrlCredentials(message));
  }
}

/** One HTTP exchange with an approved address: a redirect, a 304 or a body. */
export type Exchange =
  | { kind: 'redirect'; location: string }
  | { kind: 'not-modified' }
  | { kind: 'body'; body: Omit<FetchedBody, 'url' | 'hops'> };

/** Performs one exchange; the default speaks HTTP over node:http(s) to the pinned address. */
export type Transport = (
  url: URL,
  addresses: ResolvedAddress[],
  options: FetchOptions,
  firstHop: boolean,
  limits: FetchLimits,
  signal: AbortSignal,
) => Promise<Exchange>;

/** Dependencies of the fetcher: the limits, and optionally a guard (with injected DNS) and a shared host limiter. */
export interface FetcherDeps {
  limits: FetchLimits;
  guard?: SsrfGuard;
  hostLimiter?: HostLimiter;
  /** Replaced only where a test must prove the guard decides before any socket is opened. */
  transport?: Transport;
  /** Where refusals are logged with their detail, which the error message (shown in chat) leaves out. */
  logger?: Logger;
}

const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Creates the fetcher: SSRF guard on every hop, timeouts, body cap, redirect limit, decompression, conditional GET. */
export function createFetcher(deps: FetcherDeps): Fetcher {
  const limits = deps.limits;
  const guard = deps.guard ?? createSsrfGuard({ allowPrivate: limits.allowPrivateNetworks ?? false });
  const hosts = deps.hostLimiter ?? createHostLimiter(limits.perHostConcurrency ?? 2);
  const maxRedirects = limits.maxRedirects ?? 5;
  const transport = deps.transport ?? exchangeAny;
  return {
    async fetch(startUrl, options = {}) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
      const hops: string[] = [];
      let current = startUrl;
      try {
        for (;;) {
          // DNS cannot be cancelled, but the fetch need not wait for it past its deadline.
          const decision = await untilAborted(guard.check(current), controller.signal);
          if (!decision.ok) {
            const detail = decision.detail ?? decision.reason;
            deps.logger?.warn({ url: current, detail }, 'fetch refused by the SSRF guard');
            throw new FetchError('blocked', hopMessage(hops, current, decision.reason), { detail });
          }
          hops.push(decision.url.href);
          const url = decision.url;
          // An API key header is for the host it was meant for: a redirect elsewhere goes without it.
          const hopOptions =
            hops.length === 1 || url.host === new URL(hops[0] as string).host
              ? options
              : { ...options, headers: undefined };
          const response = await hosts.run(
            url.host,
            () =>
              transport(url, decision.addresses, hopOptions, hops.length === 1, limits, controller.signal),
            controller.signal,
          );
          if (response.kind === 'redirect') {
            const next = resolveLocation(response.location, url);
            if (!next) throw new FetchError('network', `${url.href} redirected to an unusable location`);
            if (hops.includes(next))
              throw new FetchError('redirects', `${startUrl} redirects in a loop (via ${next})`);
            if (hops.length > maxRedirects)
              throw new FetchError('redirects', `${startUrl} redirected more than ${maxRedirects} times`);
            current = next;
            continue;
          }
          // What was read, without the credentials that opened it: links in the body resolve against this URL,
          // and a card's link must not hand the feed's password to everyone in the channel.
          const read = withoutUserInfo(url);
          const shownHops = hops.map((hop) => withoutUserInfo(new URL(hop)));
          if (response.kind === 'not-modified') return { notModified: true, url: read, hops: shownHops };
          return { notModified: false, ...response.body, url: read, hops: shownHops };
        }
      } catch (error) {
        // The total timeout surfaces as whatever the aborted socket or stream threw: name it for what it is.
        if (controller.signal.aborted)
          throw new FetchError('timeout', `${startUrl} did not answer within ${limits.timeoutMs} ms`);
        if (error instanceof FetchError) throw error;
        throw new FetchError('network', `could not reach ${current}: ${causeOf(error)}`);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Settles as `work` does, or rejects as soon as `signal` aborts (leaving `work` to finish unobserved). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Tries each approved address in turn until one accepts the connection (a host with IPv6 and IPv4). */
const exchangeAny: Transport = async (url, addresses, options, firstHop, limits, signal) => {
  let lastError: unknown;
  for (const address of addresses) {
    try {
      return await exchange(url, address, options, firstHop, limits, signal);
    } catch (error) {
      lastError = error;
      const code = (error as { code?: string }).code;
      if (signal.aborted || !code || !CONNECT_ERRORS.has(code)) throw error;
    }
  }
  throw lastError;
};

function exchange(
  url: URL,
  pinned: ResolvedAddress,
  options: FetchOptions,
  firstHop: boolean,
  limits: FetchLimits,
  signal: AbortSignal,
): Promise<Exchange> {
  // Connect to the address the guard approved, never to a fresh DNS answer.
  const lookup: LookupFunction = (_host, opts, callback) => {
    if ((opts as { all?: boolean }).all)
      (callback as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const headers: Record<string, string> = {
    ...options.headers,
    'user-agent': limits.userAgent,
    accept: options.accept ?? DEFAULT_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  // Validators belong to the URL they came from, so only the first hop sends them.
  if (firstHop && options.etag) headers['if-none-match'] = options.etag;
  if (firstHop && options.lastModified) headers['if-modified-since'] = options.lastModified;
  // A feed behind basic auth is followed as https://user:pass@host/feed. Each hop sends the credentials its
  // own URL carries: a relative redirect keeps them (same origin), a redirect to another host drops them.
  if (url.username || url.password) headers.authorization = basicAuth(url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Exchange>((resolve, reject) => {
    const req = request(
      {
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers,
        lookup,
        agent: false,
        signal,
        ...(isIP(host) ? {} : { servername: host }),
      },
      (response) => handle(response, url, limits).then(resolve, reject),
    );
    const connectMs = limits.connectTimeoutMs ?? limits.timeoutMs;
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(
        () => req.destroy(new FetchError('timeout', `${url.href}: no connection within ${connectMs} ms`)),
        connectMs,
      );
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.on('error', reject);
    req.end();
  });
}

async function handle(response: IncomingMessage, url: URL, limits: FetchLimits): Promise<Exchange> {
  const status = response.statusCode ?? 0;
  if (REDIRECTS.has(status) && response.headers.location) {
    response.resume();
    return { kind: 'redirect', location: response.headers.location };
  }
  if (status === 304) {
    response.resume();
    return { kind: 'not-modified' };
  }
  if (status < 200 || status > 299) {
    response.resume();
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    throw new FetchError('http', `${url.href} answered HTTP ${status}`, { status, retryAfterMs });
  }
  const declared = Number(response.headers['content-length'] ?? '0');
  if (declared > limits.maxBytes) {
    response.destroy();
    throw new FetchError(
      'too-large',
      `${url.href} is ${declared} bytes, over the ${limits.maxBytes}-byte limit`,
    );
  }
  let body: Buffer;
  try {
    body = await readBody(response, limits.maxBytes);
  } catch (error) {
    if (error instanceof BodyLimitError) {
      throw new FetchError(
        'too-large',
        error.which === 'decoded'
          ? `${url.href} decompresses to more than ${limits.maxBytes} bytes: refused as a possible compression bomb`
          : `${url.href} is over the ${limits.maxBytes}-byte limit: stopped reading`,
      );
    }
    throw new FetchError('decode', `reading ${url.href} failed: ${causeOf(error)}`);
  }
  const header = (name: string) => {
    const value = response.headers[name];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  return {
    kind: 'body',
    body: {
      status,
      contentType: header('content-type') ?? '',
      body,
      etag: header('etag'),
      lastModified: header('last-modified'),
    },
  };
}

function resolveLocation(location: string, base: URL): string | undefined {
  try {
    const next = new URL(location, base);
    next.hash = '';
    return next.href;
  } catch {
    return undefined;
  }
}

/** The Basic credentials a URL's user-info carries, percent-decoded as RFC 7617 sends them. */
function basicAuth(url: URL): string {
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  return `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')}`;
}

function hopMessage(hops: string[], url: string, reason: string): string {
  return hops.length > 0
    ? `redirect from ${hops[hops.length - 1]} to ${url} refused: ${reason}`
    : `${url}: ${reason}`;
}

/** Retry-After in milliseconds, from seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const code = (error as { code?: string }).code;
    if (cause instanceof Error) return cause.message;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

/** Fetches one URL through a one-off guarded fetcher; throws a FetchError for 304 as there was no copy to keep. */
export async function fetchBody(url: string, limits: FetchLimits): Promise<FetchedBody> {
  const outcome = await createFetcher({ limits }).fetch(url);
  if (outcome.notModified) throw new FetchError('http', `${url} answered 304 Not Modified`);
  const { notModified: _unused, ...body } = outcome;
  return body;
}
