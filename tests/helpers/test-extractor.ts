import {
  createOffThreadExtractor,
  type OffThreadExtractor,
  type PageExtractor,
} from '../../src/ingest/extract-off-thread.ts';

let pool: OffThreadExtractor | undefined;

/**
 * The real off-thread extractor, one pool per test file, made on first use: a worker's start-up takes
 * seconds, so files that never extract a page never pay it. Idle workers are unref'd and exit on their own.
 */
export const testExtractor: PageExtractor = {
  extract: (html, url) => {
    pool ??= createOffThreadExtractor();
    return pool.extract(html, url);
  },
};
