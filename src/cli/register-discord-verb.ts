import { commands } from '../../commands/index.ts';
import { buildCommandJson } from '../adapters/discord/command-json.ts';
import { registerCommands } from '../adapters/discord/register-commands.ts';
import { countOf } from '../core/text/plural.ts';
import { UserError } from '../errors.ts';
import { discordAutocomplete } from '../main.ts';
import { type ExitCode, parseFlags, printJson, withApp } from './shared.ts';

/** `policywire register-discord [--dry-run]` (`npm run register:discord`): registers the slash commands. */
export async function registerDiscordVerb(argv: string[]): Promise<ExitCode> {
  const { values } = parseFlags({ args: argv, options: { 'dry-run': { type: 'boolean' } } });
  return withApp('warn', async (app, config) => {
    const body = buildCommandJson(commands, discordAutocomplete(app));
    if (values['dry-run']) {
      printJson(body);
      return 0;
    }
    if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) {
      throw new UserError(
        'invalid_option',
        'DISCORD_TOKEN and DISCORD_APP_ID must be set to register the commands.',
        'Copy them from the Discord developer portal (Bot → Token, General Information → Application ID) into .env; --dry-run prints the JSON without them.',
      );
    }
    const result = await registerCommands({
      token: config.DISCORD_TOKEN,
      appId: config.DISCORD_APP_ID,
      guildId: config.DISCORD_GUILD_ID,
      apiUrl: config.DISCORD_API_URL,
      body,
    });
    process.stdout.write(
      `Registered ${countOf(result.names.length, 'command')} ${
        result.scope === 'guild'
          ? `in guild ${config.DISCORD_GUILD_ID} (shows at once)`
          : 'globally (may take up to an hour to show)'
      }: ${result.names.map((name) => `/${name}`).join(' ')}\n`,
    );
    return 0;
  });
}
