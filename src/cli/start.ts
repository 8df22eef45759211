import { once } from 'node:events';
import type { ChatAdapter } from '../adapters/chat-adapter.ts';
import { startPolling } from '../ingest/start-polling.ts';
import { configuredPlatforms, createDiscordFromApp, createSlackFromApp, seedSamples } from '../main.ts';
import { runConsoleChat } from './chat.ts';
import { type ExitCode, parseFlags, withApp } from './shared.ts';

/** `policywire start` (what `npm start` runs): every configured platform, or the console chat when none is. */
export async function startVerb(argv: string[]): Promise<ExitCode> {
  parseFlags({ args: argv, options: {} });
  return withApp('info', async (app, config, logger) => {
    await startPolling(app);
    const platforms = configuredPlatforms(config);
    if (platforms.length === 0) {
      logger.info(
        { store: config.STORE_URL.split('://')[0] },
        'no chat tokens configured: starting the console chat',
      );
      await runConsoleChat(app);
      return 0;
    }
    const adapters: ChatAdapter[] = [];
    if (platforms.includes('slack')) adapters.push(await createSlackFromApp(app));
    if (platforms.includes('discord')) adapters.push(await createDiscordFromApp(app));
    const unbuilt = platforms.filter((platform) => platform !== 'slack' && platform !== 'discord');
    if (unbuilt.length > 0) {
      logger.error(
        { platforms: unbuilt },
        'chat platforms are configured but their adapters are not built yet',
      );
      if (adapters.length === 0) return 1;
    }
    await seedSamples(app);
    const stopping = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
    const started: ChatAdapter[] = [];
    try {
      for (const adapter of adapters) {
        await adapter.start();
        started.push(adapter);
      }
      logger.info({ platforms: started.map((adapter) => adapter.platform) }, 'Policy Wire is running');
      await stopping;
      logger.info('shutting down');
      return 0;
    } finally {
      for (const adapter of started.reverse()) await adapter.stop().catch(() => undefined);
    }
  });
}
