import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from '../../../commands/define.ts';
import { createDiscordAdapter, type ShardSetting } from '../../../src/adapters/discord/discord-adapter.ts';
import { parseConfig } from '../../../src/config.ts';
import { ingestInputs } from '../../../src/ingest/ingest-inputs.ts';

import { createApp, discordAutocomplete } from '../../../src/main.ts';
import { type FakeGuild, startFakeDiscord } from '../../fakes/fake-discord.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';

/** The bundled seed story about Huawei. */
export const SAMPLE = fileURLToPath(
  new URL('../../../samples/china-slams-immoral-spying-claims.txt', import.meta.url),
);
export const SAMPLE_TITLE = 'China slams ‘immoral’ spying claims';

/** Two guilds, each with one text channel. */
export const GUILD_A: FakeGuild = {
  id: '400000000000000001',
  name: 'Policy Team',
  channelIds: ['500000000000000001'],
};
export const GUILD_B: FakeGuild = {
  id: '400000000000000002',
  name: 'Other Team',
  channelIds: ['500000000000000002'],
};

/** A real discord.js client on a real store, against the fake Discord on 127.0.0.1, with the seed story ingested. */
export async function startHarness(
  options: {
    guilds?: FakeGuild[];
    recommendedShards?: number;
    shards?: ShardSetting;
    commands?: readonly Command[];
    deferAfterMs?: number;
    adminUserIds?: string;
    connect?: boolean;
  } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'pw-discord-'));
  const fake = await startFakeDiscord({
    guilds: options.guilds ?? [GUILD_A, GUILD_B],
    recommendedShards: options.recommendedShards,
  });
  const config = parseConfig({
    STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
    SEED_SAMPLES: 'false',
    DISCORD_TOKEN: 'test-bot-token',
    DISCORD_API_URL: fake.apiUrl,
    ADMIN_USER_IDS: options.adminUserIds ?? '',
  });
  const logger = createSilentLogger();
  const app = await createApp(config, logger, { storePrefix: `discord${process.pid}${Date.now()}` });
  await ingestInputs([SAMPLE], { writer: app.core.writer, fetchLimits: app.fetchLimits, logger });
  const adapter = createDiscordAdapter({
    token: 'test-bot-token',
    apiUrl: fake.apiUrl,
    core: app.core,
    digests: app.digests,
    settings: app.commandSettings,
    stores: app.stores,
    logger,
    autocomplete: discordAutocomplete(app),
    adminUserIds: config.ADMIN_USER_IDS,
    shards: options.shards ?? config.DISCORD_SHARD_COUNT,
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
    rest: { retries: 2, timeout: 5000 },
  });
  if (options.connect !== false) await adapter.start();
  return {
    fake,
    app,
    adapter,
    async close() {
      await adapter.stop();
      await fake.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The harness handle. */
export type Harness = Awaited<ReturnType<typeof startHarness>>;
