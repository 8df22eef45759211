import { createConsoleAdapter } from '../adapters/console/console-adapter.ts';
import type { ChatAdapter } from '../core/ports/chat-adapter.ts';
import type { App } from '../main.ts';
import { seedSamples } from '../main.ts';
import { type ExitCode, parseFlags, withApp } from './shared.ts';

/** `policywire chat`: the console chat over stdin and stdout; exits at end of input. */
export async function chatVerb(argv: string[]): Promise<ExitCode> {
  parseFlags({ args: argv, options: {} });
  return withApp('warn', async (app) => {
    await runConsoleChat(app);
    return 0;
  });
}

/**
 * Runs the console chat until its input ends; shared by `chat` and `start`. `onStarted` may start jobs that
 * post through the adapter (digests) and returns how to stop them.
 */
export async function runConsoleChat(
  app: App,
  onStarted?: (adapter: ChatAdapter) => Promise<() => Promise<void>>,
): Promise<void> {
  await seedSamples(app);
  const adapter = createConsoleAdapter({
    core: app.core,
    digests: app.digests,
    settings: app.commandSettings,
    stores: app.stores,
    logger: app.logger,
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY),
  });
  await adapter.start();
  const stop = await onStarted?.(adapter);
  await adapter.done;
  await stop?.();
}
