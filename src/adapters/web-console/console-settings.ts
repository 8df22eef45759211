import type { Config } from '../../config.ts';
import { ConfigError } from '../../errors.ts';

/** One OAuth client the console signs people in with. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Base of the provider's endpoints (https://slack.com, https://discord.com, or a test's fake). */
  baseUrl: string;
}

/** What the admin console runs with, read once from the configuration. */
export interface ConsoleSettings {
  /** The console's public origin and path prefix, e.g. https://bot.example.org/admin. */
  publicUrl: URL;
  /** Whether cookies are marked Secure: the public URL is https. */
  secure: boolean;
  /** The 32-byte key that encrypts the session cookie. */
  sessionSecret: string;
  sessionMinutes: number;
  slack?: OAuthClient;
  discord?: OAuthClient & { botToken: string; apiUrl: string };
  adminUserIds: readonly string[];
}

/** The path every console page sits under. */
export const CONSOLE_PREFIX = '/admin';

/**
 * Reads the console's settings, or throws a ConfigError naming what is missing. Sign in with Slack is on
 * when a client id and secret are set (the console's own, or the Slack app's); Discord when a client
 * secret and the bot token are (the bot's token lists the guilds it serves).
 */
export function resolveConsoleSettings(config: Config): ConsoleSettings {
  const problem = (text: string) =>
    new ConfigError(`Admin console: ${text} See "Admin console" in README.md.`);
  if (!config.ADMIN_CONSOLE_URL)
    throw problem('ADMIN_CONSOLE_URL is not set; the sign-in redirect URLs are built from it.');
  if (!config.ADMIN_SESSION_SECRET)
    throw problem('ADMIN_SESSION_SECRET is not set; set a random secret of at least 32 characters.');
  const publicUrl = new URL(CONSOLE_PREFIX, config.ADMIN_CONSOLE_URL);
  const slackId = config.ADMIN_SLACK_CLIENT_ID ?? config.SLACK_CLIENT_ID;
  const slackSecret = config.ADMIN_SLACK_CLIENT_SECRET ?? config.SLACK_CLIENT_SECRET;
  const discordId = config.ADMIN_DISCORD_CLIENT_ID ?? config.DISCORD_APP_ID;
  const discordSecret = config.ADMIN_DISCORD_CLIENT_SECRET;
  const slack =
    slackId && slackSecret
      ? { clientId: slackId, clientSecret: slackSecret, baseUrl: config.ADMIN_SLACK_OIDC_URL }
      : undefined;
  const discord =
    discordId && discordSecret && config.DISCORD_TOKEN
      ? {
          clientId: discordId,
          clientSecret: discordSecret,
          baseUrl: config.ADMIN_DISCORD_OAUTH_URL,
          botToken: config.DISCORD_TOKEN,
          apiUrl: config.DISCORD_API_URL,
        }
      : undefined;
  if (!slack && !discord)
    throw problem(
      'no sign-in is configured; set ADMIN_SLACK_CLIENT_ID and ADMIN_SLACK_CLIENT_SECRET, or ADMIN_DISCORD_CLIENT_SECRET with DISCORD_TOKEN.',
    );
  return {
    publicUrl,
    secure: publicUrl.protocol === 'https:',
    sessionSecret: config.ADMIN_SESSION_SECRET,
    sessionMinutes: config.ADMIN_SESSION_MINUTES,
    ...(slack ? { slack } : {}),
    ...(discord ? { discord } : {}),
    adminUserIds: config.ADMIN_USER_IDS,
  };
}
