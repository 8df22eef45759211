import type { Command } from '../../../commands/define.ts';
import { SLACK_COMMAND } from './slash-command.ts';

/**
 * Every Web API method the Slack adapter calls and the bot scopes it needs (comma-separated, '' for none). A test scans
 * the adapter's source for calls, so a new call cannot ship without its scope in the manifest.
 */
export const SCOPE_BY_METHOD: Readonly<Record<string, string>> = {
  'auth.test': '',
  'oauth.v2.access': '',
  'chat.postMessage': 'chat:write',
  'users.info': 'users:read',
  // Incident alerts and personal digests: open the DM, and find the workspace's admins to fall back to.
  'conversations.open': 'im:write',
  'users.list': 'users:read',
  // `notify @group`: a slash command's text is unescaped, so the group's handle is looked up.
  'usergroups.list': 'usergroups:read',
  // A digest whose post was interrupted is looked up by its metadata before it is posted again.
  'conversations.history': 'channels:history,groups:history',
  'conversations.replies': 'channels:history,groups:history',
  // files.getUploadURLExternal and files.completeUploadExternal, the steps of the WebClient's helper.
  'files.uploadV2': 'files:write',
  // The App Home tab and the modals its buttons open need no scope of their own.
  'views.publish': '',
  'views.open': '',
  // A non-admin's Home tab lists the digests of the channels they are in, public or private.
  'users.conversations': 'channels:read,groups:read',
};

/**
 * Every Events API event a handler subscribes to (`app.event('…')`) and the bot scope it needs. A test
 * scans the handlers for subscriptions, so the manifest asks for exactly the events the code handles.
 */
export const SCOPE_BY_EVENT: Readonly<Record<string, string>> = {
  reaction_added: 'reactions:read',
  reaction_removed: 'reactions:read',
  // Sent when someone opens the app's Home tab; it needs no scope.
  app_home_opened: '',
};

/** The bot scopes the app asks for: slash commands plus what its Web API calls and events need. */
export function botScopes(): string[] {
  const needed = [...Object.values(SCOPE_BY_METHOD), ...Object.values(SCOPE_BY_EVENT)]
    .flatMap((scopes) => scopes.split(','))
    .filter(Boolean);
  const scopes = new Set(['commands', ...needed]);
  return [...scopes].sort();
}

/** The bot events the app subscribes to. */
export function botEvents(): string[] {
  return Object.keys(SCOPE_BY_EVENT).sort();
}

/** Where the app is reachable and how it connects. */
export interface ManifestOptions {
  /** Public base URL of the HTTP server, e.g. https://policywire.example.org. */
  baseUrl: string;
  socketMode: boolean;
}

/** Where the admin console's Sign in with Slack returns, under the app's public address. */
export const CONSOLE_SLACK_CALLBACK = '/admin/auth/slack/callback';
/** The OpenID Connect scopes the admin console asks for (web-console/oauth-providers.ts) when an admin signs in with Slack. */
export const CONSOLE_SIGN_IN_SCOPES = ['openid', 'profile'] as const;

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
      // The bot reads no direct messages, so its Messages tab only shows what it sends (alerts, personal digests).
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
    },
    oauth_config: {
      // The second URL and the user scopes are the admin console's "Sign in with Slack" (OpenID Connect),
      // which needs the app's public HTTP address, so Socket Mode has neither.
      ...(options.socketMode
        ? {}
        : { redirect_urls: [`${base}/slack/oauth_redirect`, `${base}${CONSOLE_SLACK_CALLBACK}`] }),
      scopes: { bot: botScopes(), ...(options.socketMode ? {} : { user: [...CONSOLE_SIGN_IN_SCOPES] }) },
    },
    settings: {
      event_subscriptions: {
        ...(options.socketMode ? {} : { request_url: `${base}/slack/events` }),
        bot_events: botEvents(),
      },
      // The Home tab's buttons and modals arrive as interactions, on the same endpoint as events.
      interactivity: {
        is_enabled: true,
        ...(options.socketMode ? {} : { request_url: `${base}/slack/events` }),
      },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}
