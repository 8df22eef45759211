/**
 * The follow job's steady-state run (nothing changed) over a SQLite store of 10,000 articles, 1,000 of them
 * primary documents, with 50 follows in 10 channels, side by side with its floor: one bare scan of the same
 * store. The ratio says what matching, reminders and the follow records add to the one read of the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createFollowJob } from '../digests/follow-job.ts';
import { createConsoleAdapter } from '../src/adapters/console/console-adapter.ts';
import { type Article, articleIdFor } from '../src/core/article.ts';
import { createCore } from '../src/core/core.ts';
import { parseFollowId } from '../src/core/policy/follow-id.ts';
import { createStores } from '../src/core/store/open-stores.ts';
import { CONSOLE_TENANT } from '../src/core/tenant.ts';
import { createSsrfGuard } from '../src/ingest/ssrf-guard.ts';
import { createLogger } from '../src/logger.ts';
import { createFixedClock } from '../tests/helpers/clock.ts';
import { DEFAULT_COMMAND_SETTINGS, digestServicesFor } from '../tests/helpers/context.ts';

const ARTICLES = 10_000;
const POLICY_EVERY = 10;
const FOLLOWS = 50;
const RUNS = 5;
const now = new Date('2026-12-02T12:00:00Z');

function articleFor(i: number): Article {
  const url = `https://bench.example/${i}`;
  const docket = `EPA-HQ-OAR-2026-${String(i % 500).padStart(4, '0')}`;
  const base: Article = {
    id: articleIdFor(url),
    url,
    canonicalUrl: url,
    title: `Bench article ${i}`,
    source: 'bench',
    publishedAt: now.toISOString(),
    fetchedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    text: `Article ${i} body text about policy and regulation. `.repeat(40),
    summary: `Article ${i}.`,
    topics: [],
    language: 'en',
    owners: ['*'],
    contentHash: String(i),
    backlog: false,
  };
  if (i % POLICY_EVERY !== 0) return base;
  return {
    ...base,
    policy: {
      kind: 'proposed-rule',
      origin: 'federal-register',
      documentNumber: `2026-${String(10000 + i).slice(-5)}`,
      docketIds: [docket],
      agencies: [],
      commentsCloseOn: '2027-01-15',
      links: {},
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'pw-bench-follows-'));
const logger = createLogger('silent');
const stores = await createStores({ url: `sqlite://${join(dir, 'store.sqlite')}`, logger });
try {
  for (let i = 0; i < ARTICLES; i++) await stores.articles.put(articleFor(i));
  const clock = createFixedClock(now);
  const core = await createCore({
    stores,
    clock,
    logger,
    sourceGuard: createSsrfGuard({ allowPrivate: false }),
  });
  const digests = digestServicesFor(core, stores);
  for (let f = 0; f < FOLLOWS; f++) {
    const target = parseFollowId(`EPA-HQ-OAR-2026-${String(f * 10).padStart(4, '0')}`, now)!;
    await digests.follows.follow(CONSOLE_TENANT, `channel-${f % 10}`, target, 'bench', now);
  }
  const adapter = createConsoleAdapter({
    core,
    digests,
    stores,
    settings: DEFAULT_COMMAND_SETTINGS,
    logger,
    input: new PassThrough(),
    output: new PassThrough().resume(),
    interactive: false,
  });
  const job = createFollowJob({
    core,
    services: digests,
    adapters: { console: adapter },
    ledger: stores.ledger,
    logger,
    clock,
  });
  await job.runOnce(); // cards and starting points; the runs measured below find nothing new
  const time = async (work: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now();
      await work();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  };
  const follow = await time(() => job.runOnce());
  const scan = await time(async () => {
    let n = 0;
    for await (const _ of stores.articles.all()) n++;
    return n;
  });
  console.log(
    `follows: ${ARTICLES} articles (${ARTICLES / POLICY_EVERY} primary documents), ${FOLLOWS} follows`,
  );
  console.log(`  follow run (steady state): ${follow.toFixed(0)} ms median of ${RUNS}`);
  console.log(`  bare store scan (peer):    ${scan.toFixed(0)} ms median of ${RUNS}`);
  console.log(`  ratio follow run / scan:   ${(follow / scan).toFixed(2)}`);
} finally {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
}
