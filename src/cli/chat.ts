import { createConsoleAdapter } from '../adapters/console/console-adapter.ts';
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

/** Runs the console chat until its input ends; shared by `chat` and `start`. */
export async function runConsoleChat(app: App): Promise<void> {
  await seedSamples(app);
  const adapter = createConsoleAdapter({
    core: app.core,
    logger: app.logger,
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY),
  });
  await adapter.start();
  await adapter.done;
}
