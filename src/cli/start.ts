import { startDigests } from '../../digests/wire.ts';
import { configuredPlatforms } from '../main.ts';
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
      // The console is a platform like the others: its channel's digests are delivered into the chat.
      await runConsoleChat(app, async (adapter) => (await startDigests(app, { console: adapter })).stop);
      return 0;
    }
    logger.error({ platforms }, 'chat platforms are configured but their adapters are not built yet');
    return 1;
  });
}
