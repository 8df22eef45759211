/**
 * One bot instance for the distributed tests, run with `node --import tsx`: the real poller and digest job
 * on Redis or PostgreSQL with the job engine, posting through the real Slack and Discord posters to the
 * test's fake servers on 127.0.0.1. Polling runs on a fast clock (PW_SPEED times real time, from
 * PW_EPOCH) so a one-minute source interval passes in seconds; the digest job keeps real time.
 */

import { WebClient } from '@slack/web-api';
import { REST } from 'discord.js';
import { createDigestJob } from '../../digests/job.ts';
import { postToChannel } from '../../src/adapters/discord/post-channel.ts';
import { createPostOnce } from '../../src/adapters/shared/post-once.ts';
import { createSlackPoster, type PostMessageClient } from '../../src/adapters/slack/post-message.ts';
import { createCore } from '../../src/core/core.ts';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import { openJobQueue } from '../../src/core/store/open-job-queue.ts';
import { createStores } from '../../src/core/store/open-stores.ts';
import { systemClock } from '../../src/core/system-clock.ts';
import { createFetcher } from '../../src/ingest/fetch.ts';
import { createPoller } from '../../src/ingest/poll.ts';
import { createSsrfGuard } from '../../src/ingest/ssrf-guard.ts';
import { digestServicesFor } from '../helpers/context.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { testExtractor } from '../helpers/test-extractor.ts';

const env = process.env;
const instance = env.PW_INSTANCE ?? 'pw';
const logger = createSilentLogger();
const epoch = Number(env.PW_EPOCH);
const speed = Number(env.PW_SPEED ?? 1);
const fastClock: Clock = { now: () => new Date(epoch + (Date.now() - epoch) * speed) };

const stores = await createStores({ url: env.PW_STORE_URL!, prefix: env.PW_PREFIX! });
const core = await createCore({
  stores,
  clock: systemClock,
  logger,
  sourceGuard: createSsrfGuard({ allowPrivate: true }),
});
const queue = await openJobQueue({
  kind: stores.kind,
  url: env.PW_STORE_URL!,
  prefix: env.PW_PREFIX!,
  logger,
  tuning: { stallMs: 3_000, maxRunMs: 8_000, attempts: 50, backoffMs: 500, keepDoneMs: 3_600_000 },
});
if (!queue) throw new Error('the distributed worker needs Redis or PostgreSQL');

const fetcher = createFetcher({
  limits: { timeoutMs: 2_000, maxBytes: 1_000_000, userAgent: 'PolicyWireTest', allowPrivateNetworks: true },
});
const poller = createPoller(
  {
    sources: core.sources,
    writer: core.writer,
    articles: core.articles,
    extractor: testExtractor,
    fetcher,
    clock: fastClock,
    logger,
    fetchTeasers: false,
  },
  { queue, tickMs: 200, hostSpacingMs: 0 },
);

const headers = { 'x-pw-instance': instance };
const memory = createPostOnce({ stores, logger });
const slackClient = new WebClient(env.PW_SLACK_TOKEN, {
  slackApiUrl: env.PW_SLACK_API,
  headers,
  retryConfig: { retries: 0 },
});
const slackPoster = createSlackPoster({
  logger,
  posted: memory,
  clientFor: async () => slackClient as unknown as PostMessageClient,
});
const rest = new REST({ api: env.PW_DISCORD_API!, headers, retries: 0 }).setToken('discord-test-token');
const adapter = (platform: 'slack' | 'discord', post: ChatAdapter['post']): ChatAdapter => ({
  platform,
  async start() {},
  async stop() {},
  post,
  // The workers deliver channel digests only: no alert DMs in this test.
  async dm() {
    return { ok: false, retryable: false, error: 'no DMs in the distributed test' };
  },
  async adminIds() {
    return [];
  },
});
const job = createDigestJob({
  core,
  services: digestServicesFor(core, stores),
  adapters: {
    slack: adapter('slack', (channel, reply, options) => slackPoster.post(channel, reply, options)),
    discord: adapter('discord', (channel, reply, options) =>
      postToChannel(rest, memory, channel, reply, options),
    ),
  },
  ledger: stores.ledger,
  logger,
  clock: systemClock,
  instanceId: instance,
  cron: '* * * * * *',
  leaseMs: 6_000,
  settleMs: 0,
  concurrency: 1,
  retry: { attempts: 5, baseDelayMs: 200, maxDelayMs: 1_000 },
  queue,
});
poller.start();
job.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void job
    .stop()
    .then(() => poller.stop())
    .then(() => queue.close())
    .then(() => stores.close())
    .finally(() => process.exit(0));
});
