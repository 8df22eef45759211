import { Tinypool } from 'tinypool';
import type { ExtractResult } from './extract-html.ts';

/**
 * Longest one page may take, wall clock, before its worker is terminated and the page refused. A
 * backstop: bound-nesting.ts already keeps every page we measured under 1 s of CPU. It counts from the
 * moment a warm worker takes the page: neither the queue nor a fresh worker's start-up (tsx compiles the
 * extractor, seconds on a loaded machine) can make a good page fail.
 */
export const EXTRACT_TIME_LIMIT_MS = 5000;

/** How long a fresh worker may take to load the extractor before the page is refused anyway. */
const WORKER_START_LIMIT_MS = 60_000;

/** Extraction run on worker threads, so no page can stall the event loop (chat acks, other tenants). */
export interface OffThreadExtractor {
  extract(html: string, url?: string): Promise<ExtractResult>;
  close(): Promise<void>;
}

/** What the poller and feed reader need of an extractor: one page in, its article or a refusal out. */
export type PageExtractor = Pick<OffThreadExtractor, 'extract'>;

/**
 * A small tinypool of extraction workers. A page that takes longer than `timeLimitMs` has its worker
 * terminated and comes back as a refusal; idle workers are unref'd and exit after a while.
 */
export function createOffThreadExtractor(
  options: { threads?: number; timeLimitMs?: number } = {},
): OffThreadExtractor {
  const timeLimitMs = options.timeLimitMs ?? EXTRACT_TIME_LIMIT_MS;
  const pool = new Tinypool({
    filename: new URL('./extract-worker.mjs', import.meta.url).href,
    // No worker until the first page: most commands build the app and never extract anything.
    minThreads: 0,
    maxThreads: options.threads ?? 1,
    idleTimeout: 30_000,
  });
  // Pages wait here rather than in the pool's queue, so each one's time limit starts when it is worked.
  const slots = createSlots(options.threads ?? 1);
  const run = async (html: string, url: string | undefined): Promise<ExtractResult> => {
    // A no-op first: it waits out a fresh (or replaced) worker's start-up, outside the page's time limit.
    await pool.run({ warm: true }, { signal: AbortSignal.timeout(WORKER_START_LIMIT_MS) });
    return (await pool.run({ html, url }, { signal: AbortSignal.timeout(timeLimitMs) })) as ExtractResult;
  };
  let closing = false;
  return {
    async extract(html, url) {
      const release = await slots.take();
      try {
        if (closing) return SHUTTING_DOWN;
        return await run(html, url);
      } catch (error) {
        // A termination while closing is shutdown cutting a page off, not the page's fault.
        if (closing) return SHUTTING_DOWN;
        if (
          (error as Error)?.name === 'AbortError' ||
          /abort|terminat/i.test(String((error as Error)?.message))
        )
          return {
            ok: false,
            reason: `the page took over ${timeLimitMs} ms to extract and was given up (too large or too complex)`,
          };
        throw error;
      } finally {
        release();
      }
    },
    close: () => {
      closing = true;
      return pool.destroy();
    },
  };
}

/** The refusal for a page cut off by shutdown: nothing was wrong with the page itself. */
const SHUTTING_DOWN: ExtractResult = {
  ok: false,
  reason: 'extraction stopped because Policy Wire is shutting down (nothing is wrong with the page)',
};

/** A counting semaphore: `take` resolves with a release function once one of `n` slots is free. */
function createSlots(n: number) {
  let free = n;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    take(): Promise<() => void> {
      if (free > 0) {
        free--;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)));
    },
  };
}
