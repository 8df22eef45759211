import type { Config } from '../../config.ts';
import { ConfigError } from '../../errors.ts';

/** How the Slack app talks and whose tokens it uses, decided from the configuration. */
export type SlackSettings = {
  apiUrl: string;
  port: number;
  adminUserIds: string[];
  transport: { kind: 'http'; signingSecret: string } | { kind: 'socket'; appToken: string };
  auth:
    | { kind: 'single'; botToken: string }
    | { kind: 'oauth'; clientId: string; clientSecret: string; stateSecret: string };
};

/**
 * Reads the Slack settings: Socket Mode when SLACK_APP_TOKEN is set, HTTP otherwise; OAuth across
 * workspaces when SLACK_CLIENT_ID is set, one workspace's bot token otherwise. Throws a ConfigError
 * that names the missing variable.
 */
export function resolveSlackSettings(config: Config): SlackSettings {
  const missing = (name: string, why: string) =>
    new ConfigError(`Slack: ${name} is not set; ${why}. See "Add to Slack" in README.md.`);
  let transport: SlackSettings['transport'];
  if (config.SLACK_APP_TOKEN) {
    if (!config.SLACK_APP_TOKEN.startsWith('xapp-'))
      throw new ConfigError('Slack: SLACK_APP_TOKEN must be an app-level token starting with xapp-.');
    transport = { kind: 'socket', appToken: config.SLACK_APP_TOKEN };
  } else {
    if (!config.SLACK_SIGNING_SECRET)
      throw missing('SLACK_SIGNING_SECRET', 'HTTP mode needs it to verify that requests come from Slack');
    transport = { kind: 'http', signingSecret: config.SLACK_SIGNING_SECRET };
  }
  let auth: SlackSettings['auth'];
  if (config.SLACK_CLIENT_ID) {
    if (config.SLACK_BOT_TOKEN)
      throw new ConfigError(
        'Slack: set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (OAuth), not both.',
      );
    if (!config.SLACK_CLIENT_SECRET) throw missing('SLACK_CLIENT_SECRET', 'OAuth installs need it');
    if (!config.SLACK_STATE_SECRET)
      throw missing('SLACK_STATE_SECRET', 'OAuth installs need a random secret to sign their state');
    auth = {
      kind: 'oauth',
      clientId: config.SLACK_CLIENT_ID,
      clientSecret: config.SLACK_CLIENT_SECRET,
      stateSecret: config.SLACK_STATE_SECRET,
    };
  } else {
    if (!config.SLACK_BOT_TOKEN)
      throw missing('SLACK_BOT_TOKEN', 'set it (xoxb-…) for one workspace, or SLACK_CLIENT_ID for OAuth');
    auth = { kind: 'single', botToken: config.SLACK_BOT_TOKEN };
  }
  return {
    apiUrl: config.SLACK_API_URL.endsWith('/') ? config.SLACK_API_URL : `${config.SLACK_API_URL}/`,
    port: config.PORT,
    adminUserIds: config.ADMIN_USER_IDS,
    transport,
    auth,
  };
}
