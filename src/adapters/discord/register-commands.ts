import {
  REST,
  type RESTOptions,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';

/** Where and what to register. */
export interface RegisterOptions {
  token: string;
  appId: string;
  /** A guild for development (instant); global when absent (production, may take a while to show). */
  guildId?: string;
  apiUrl: string;
  body: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  rest?: Partial<RESTOptions>;
}

/** What registration did. */
export interface RegisterResult {
  scope: 'guild' | 'global';
  route: string;
  names: string[];
}

/** Replaces the application's commands in one PUT (bulk overwrite), so removed commands disappear too. */
export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const rest = new REST({ version: '10', ...options.rest, api: options.apiUrl }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.appId, options.guildId)
    : Routes.applicationCommands(options.appId);
  const saved = (await rest.put(route, { body: options.body })) as { name: string }[];
  return {
    scope: options.guildId ? 'guild' : 'global',
    route,
    names: saved.map((command) => command.name),
  };
}
