import type { Command } from '../../../commands/define.ts';
import { SLACK_COMMAND } from './slash-command.ts';

/**
 * Every Web API method the Slack adapter calls and the bot scope it needs ('' for none). A test scans
 * the adapter's source for calls, so a new call cannot ship without its scope in the manifest.
 */
export const SCOPE_BY_METHOD: Readonly<Record<string, string>> = {
  'auth.test': '',
  'oauth.v2.access': '',
  'chat.postMessage': 'chat:write',
  'users.info': 'users:read',
  // files.getUploadURLExternal and files.completeUploadExternal, the steps of the WebClient's helper.
  'files.uploadV2': 'files:write',
};

/** The bot scopes the app asks for: slash commands plus what its Web API calls need. */
export function botScopes(): string[] {
  const scopes = new Set(['commands', ...Object.values(SCOPE_BY_METHOD).filter(Boolean)]);
  return [...scopes].sort();
}

/** Where the app is reachable and how it connects. */
export interface ManifestOptions {
  /** Public base URL of the HTTP server, e.g. https://policywire.example.org. */
  baseUrl: string;
  socketMode: boolean;
}

/** Placeholder host in the committed manifest; `policywire slack-manifest --url` fills in a real one. */
export const MANIFEST_PLACEHOLDER_URL = 'https://policywire.example.com';

/** The Slack app manifest, built from the command registry so it names every sub-command. */
export function buildSlackManifest(registry: readonly Command[], options: ManifestOptions): object {
  const base = options.baseUrl.replace(/\/+$/, '');
  const subcommands = registry.filter((c) => c.name !== 'news').map((c) => c.name);
  const slashCommand: Record<string, unknown> = {
    command: SLACK_COMMAND,
    description: 'Tech-policy news: search stories, manage topics, sources and digests',
    usage_hint: `[query] | ${subcommands.join(' | ')}`,
    should_escape: false,
  };
  if (!options.socketMode) slashCommand.url = `${base}/slack/events`;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Policy Wire',
      description: 'Tech-policy news with faithful summaries and daily digests.',
      long_description:
        'Policy Wire follows tech-policy news for your team. Type /news huawei to get the latest relevant stories, each with a two-to-three sentence summary quoted from the article and a link to the original. Subscribe a channel to topics and it receives a daily digest. Admins manage topics, sources and subscriptions with /news sub-commands; /news help lists them.',
      background_color: '#1d3557',
    },
    features: {
      bot_user: { display_name: 'Policy Wire', always_online: true },
      slash_commands: [slashCommand],
    },
    oauth_config: {
      ...(options.socketMode ? {} : { redirect_urls: [`${base}/slack/oauth_redirect`] }),
      scopes: { bot: botScopes() },
    },
    settings: {
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}
