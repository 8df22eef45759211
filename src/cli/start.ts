import type { ChatAdapter } from '../adapters/chat-adapter.ts';
import { configuredPlatforms, createPlatformAdapters, seedSamples } from '../main.ts';
import { runConsoleChat } from './chat.ts';
import { type ExitCode, parseFlags, withApp } from './shared.ts';

/** `policywire start` (what `npm start` runs): every configured platform, or the console chat when none is. */
export async function startVerb(argv: string[]): Promise<ExitCode> {
  parseFlags({ args: argv, options: {} });
  return withApp('info', async (app, config, logger) => {
    const platforms = configuredPlatforms(config);
    if (platforms.length === 0) {
      logger.info(
        { store: config.STORE_URL.split('://')[0] },
        'no chat tokens configured: starting the console chat',
      );
      await runConsoleChat(app);
      return 0;
    }
    const adapters = createPlatformAdapters(app);
    const unbuilt = platforms.filter(
      (platform) => !adapters.some((adapter) => adapter.platform === platform),
    );
    if (unbuilt.length > 0) {
      logger.error(
        { platforms: unbuilt },
        'chat platforms are configured but their adapters are not built yet',
      );
    }
    if (adapters.length === 0) return 1;
    await seedSamples(app);
    const started: ChatAdapter[] = [];
    try {
      for (const adapter of adapters) {
        await adapter.start();
        started.push(adapter);
      }
      await untilSignal();
      logger.info('shutting down');
    } finally {
      for (const adapter of started.reverse()) await adapter.stop().catch(() => undefined);
    }
    return 0;
  });
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
