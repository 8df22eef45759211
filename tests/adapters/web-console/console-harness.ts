import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLateListener } from '../../../src/adapters/http/late-listener.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import type { AdminConsole } from '../../../src/adapters/web-console/console-server.ts';
import { parseConfig } from '../../../src/config.ts';
import { ingestInputs } from '../../../src/ingest/ingest-inputs.ts';
import { type App, createAdminConsoleFromApp, createApp, SAMPLES_DIR } from '../../../src/main.ts';
import { FakeOAuth } from '../../fakes/fake-oauth.ts';
import { freePort } from '../../helpers/bot-instances.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';
import { FakeSlack } from '../slack/fake-slack.ts';
import { SIGNING_SECRET } from '../slack/harness.ts';

/** The bot's own workspace in these tests, with an admin and a plain member. */
export const TEAM = 'T0ALPHA';
/** Another workspace whose records must never show. */
export const OTHER_TEAM = 'T0BETA';
/** The bot's token; its guild list is what the console trusts for Discord. */
export const DISCORD_BOT_TOKEN = 'discord-bot-token';

/** A running bot (Slack over HTTP with the console under /admin), its fake Slack and fake OAuth servers. */
export interface ConsoleHarness {
  app: App;
  adapter: SlackAdapter;
  console: AdminConsole;
  fake: FakeSlack;
  oauth: FakeOAuth;
  baseUrl: string;
  eventsUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the bot as `policywire start` wires it: the console mounted on the Slack receiver's port by
 * the same late listener and built by the same composition function, against fakes on 127.0.0.1.
 */
export async function startConsoleHarness(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  const fake = await new FakeSlack().start();
  fake.addTeam({
    teamId: TEAM,
    botToken: 'xoxb-alpha',
    botUserId: 'U0BOT',
    botId: 'B0BOT',
    users: { U0ADMIN: { is_admin: true }, U0MEMBER: {}, U0GUEST: { is_admin: true, is_restricted: true } },
  });
  const oauth = await new FakeOAuth({
    slack: { id: 'slack-client', secret: 'slack-secret' },
    discord: { id: '900000000000000001', secret: 'discord-secret' },
    botToken: DISCORD_BOT_TOKEN,
  }).start();
  const dir = mkdtempSync(join(tmpdir(), 'pw-console-'));
  const port = await freePort();
  const config = parseConfig({
    STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-alpha',
    SLACK_API_URL: fake.apiUrl,
    POLL_SOURCES: 'false',
    ADMIN_CONSOLE: 'true',
    ADMIN_CONSOLE_URL: `http://127.0.0.1:${port}`,
    ADMIN_SESSION_SECRET: 'test-session-secret-0123456789abcdef-xyz',
    ADMIN_SLACK_CLIENT_ID: 'slack-client',
    ADMIN_SLACK_CLIENT_SECRET: 'slack-secret',
    ADMIN_SLACK_OIDC_URL: oauth.url,
    DISCORD_TOKEN: DISCORD_BOT_TOKEN,
    DISCORD_APP_ID: '900000000000000001',
    DISCORD_API_URL: `${oauth.url}/api`,
    ADMIN_DISCORD_CLIENT_SECRET: 'discord-secret',
    ADMIN_DISCORD_OAUTH_URL: oauth.url,
    ...env,
  });
  const logger = createSilentLogger();
  const app = await createApp(config, logger, { storePrefix: `c${process.pid}${Date.now()}` });
  await ingestInputs([SAMPLES_DIR], { writer: app.core.writer, fetchLimits: app.fetchLimits, logger });
  const mount = createLateListener();
  const adapter = createSlackAdapter({
    config,
    core: app.core,
    digests: app.digests,
    settings: app.commandSettings,
    stores: app.stores,
    logger,
    listen: { port, host: '127.0.0.1' },
    retry: { retries: 1, factor: 2, minTimeout: 50, maxTimeout: 100 },
    web: { prefix: '/admin', listener: mount.listener },
  });
  await adapter.start();
  const adminConsole = await createAdminConsoleFromApp(app, { slack: adapter });
  mount.set(adminConsole.listener);
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    adapter,
    console: adminConsole,
    fake,
    oauth,
    baseUrl,
    eventsUrl: `${baseUrl}/slack/events`,
    async close() {
      await adminConsole.close();
      await adapter.stop();
      await app.close();
      await oauth.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
