import { Tinypool } from 'tinypool';
import type { ExtractResult } from './extract-html.ts';

/**
 * Longest one page may take, wall clock, before its worker is terminated and the page refused. A
 * backstop: bound-nesting.ts already keeps every page we measured under 1 s of CPU; this also covers a
 * fresh worker's start-up (tsx compiles the extractor) on a loaded machine.
 */
export const EXTRACT_TIME_LIMIT_MS = 5000;

/** Extraction run on worker threads, so no page can stall the event loop (chat acks, other tenants). */
export interface OffThreadExtractor {
  extract(html: string, url?: string): Promise<ExtractResult>;
  close(): Promise<void>;
}

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
    minThreads: 1,
    maxThreads: options.threads ?? 1,
    idleTimeout: 30_000,
  });
  return {
    async extract(html, url) {
      try {
        return (await pool.run({ html, url }, { signal: AbortSignal.timeout(timeLimitMs) })) as ExtractResult;
      } catch (error) {
        if ((error as Error)?.name === 'AbortError' || /abort/i.test(String((error as Error)?.message)))
          return {
            ok: false,
            reason: `the page took over ${timeLimitMs} ms to extract and was given up (too large or too complex)`,
          };
        throw error;
      }
    },
    close: () => pool.destroy(),
  };
}

let shared: OffThreadExtractor | undefined;

/** The process-wide extractor the poller uses; created on first use. */
export function extractOffThread(html: string, url?: string): Promise<ExtractResult> {
  shared ??= createOffThreadExtractor();
  return shared.extract(html, url);
}
