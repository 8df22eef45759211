import { createFetcher } from '../../src/ingest/fetch.ts';
import type { PolicySources } from '../../src/ingest/policy/policy-sources.ts';
import { createPoller, type Poller } from '../../src/ingest/poll.ts';
import { createSilentLogger } from './silent-logger.ts';
import type { TestCore } from './temp-store.ts';
import { testExtractor } from './test-extractor.ts';

/** A poller over a test core with a fetcher that may reach the fake web on 127.0.0.1. */
export function createTestPoller(
  t: TestCore,
  options: { fetchTeasers?: boolean; policy?: PolicySources } = {},
): Poller {
  const fetcher = createFetcher({
    limits: { timeoutMs: 2000, maxBytes: 2_000_000, userAgent: 'PolicyWireTest', allowPrivateNetworks: true },
  });
  return createPoller({
    sources: t.core.sources,
    writer: t.core.writer,
    articles: t.core.articles,
    extractor: testExtractor,
    fetcher,
    clock: t.clock,
    logger: createSilentLogger(),
    ...options,
  });
}
