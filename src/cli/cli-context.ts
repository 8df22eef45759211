import type { CommandContext } from '../../commands/define.ts';
import { consoleContext } from '../adapters/console/console-context.ts';
import type { Logger } from '../logger.ts';
import type { App } from '../main.ts';

/** The context a CLI verb runs a command in: the console workspace, as its admin (the operator at the shell). */
export function cliContext(app: App, logger: Logger = app.logger): CommandContext {
  return consoleContext(
    { core: app.core, digests: app.digests, settings: app.commandSettings, logger },
    { channelId: 'cli', userId: 'cli' },
  );
}
