import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import { parseConfig } from '../../../src/config.ts';
import { ingestInputs } from '../../../src/ingest/ingest-inputs.ts';
import type { Logger } from '../../../src/logger.ts';
import { type App, createApp, SAMPLES_DIR } from '../../../src/main.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';
import { FakeSlack, type FakeTeam } from './fake-slack.ts';

/** The signing secret every test app verifies requests with. */
export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** A workspace with a bot token and no users of note, for tests about something else. */
export const ALPHA_TEAM: FakeTeam = {
  teamId: 'T0ALPHA',
  botToken: 'xoxb-alpha',
  botUserId: 'U0BOT',
  botId: 'B0BOT',
  users: {},
};

/** A running Policy Wire with its Slack adapter in HTTP mode, and the fake Slack it talks to. */
export interface SlackHarness {
  fake: FakeSlack;
  app: App;
  adapter: SlackAdapter;
  eventsUrl: string;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts a fake Slack, a Policy Wire on a fresh SQLite file with the bundled sample ingested through
 * the article writer, and the Slack adapter listening on 127.0.0.1.
 */
export async function startSlackHarness(
  env: Record<string, string>,
  setup: (fake: FakeSlack) => void = () => undefined,
  options: { logger?: Logger } = {},
): Promise<SlackHarness> {
  const fake = await new FakeSlack().start();
  setup(fake);
  if (env.SLACK_APP_TOKEN) fake.enableSocketMode();
  const dir = mkdtempSync(join(tmpdir(), 'pw-slack-'));
  const config = parseConfig({
    STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...env,
  });
  const logger = options.logger ?? createSilentLogger();
  const app = await createApp(config, logger, { storePrefix: `t${process.pid}${Date.now()}` });
  await ingestInputs([SAMPLES_DIR], { writer: app.core.writer, fetchLimits: app.fetchLimits, logger });
  const adapter = createSlackAdapter({
    config,
    core: app.core,
    digests: app.digests,
    settings: app.commandSettings,
    stores: app.stores,
    logger,
    listen: { port: 0, host: '127.0.0.1' },
    retry: { retries: 3, factor: 2, minTimeout: 50, maxTimeout: 200 },
  });
  try {
    await adapter.start();
  } catch (error) {
    await app.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const port = adapter.address()?.port;
  const baseUrl = port ? `http://127.0.0.1:${port}` : '';
  return {
    fake,
    app,
    adapter,
    baseUrl,
    eventsUrl: `${baseUrl}/slack/events`,
    async close() {
      await adapter.stop();
      await app.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
