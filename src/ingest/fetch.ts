import { UserError } from '../errors.ts';

/** Limits every outgoing request obeys. */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
}

/** A fetched body with what the server said about it. */
export interface FetchedBody {
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

/** Fetches a URL with a total timeout and a body size cap; throws a UserError that says which limit was hit. */
export async function fetchBody(url: string, limits: FetchLimits): Promise<FetchedBody> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        'user-agent': limits.userAgent,
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5',
      },
      redirect: 'follow',
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new UserError(
      'fetch_failed',
      timedOut
        ? `${url} did not answer within ${limits.timeoutMs} ms`
        : `could not reach ${url}: ${causeOf(error)}`,
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new UserError('fetch_failed', `${url} answered HTTP ${response.status}`);
  }
  const body = await readCapped(response, limits, url);
  return {
    url: response.url || url,
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body,
  };
}

async function readCapped(response: Response, limits: FetchLimits, url: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new UserError(
      'fetch_failed',
      `${url} is ${declared} bytes, over the ${limits.maxBytes}-byte limit`,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new UserError('fetch_failed', `${url} is over the ${limits.maxBytes}-byte limit`);
      }
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('fetch_failed', `reading ${url} failed: ${causeOf(error)}`);
  }
  return Buffer.concat(chunks);
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) return cause.message;
    return error.message;
  }
  return String(error);
}
