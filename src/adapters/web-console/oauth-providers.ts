import * as oidc from 'openid-client';
import { UserError } from '../../errors.ts';
import type { ConsoleSettings, OAuthClient } from './console-settings.ts';

/** What a sign-in proves: who the person is and, for Slack, the one workspace they signed into. */
export interface SlackIdentity {
  teamId: string;
  userId: string;
  name: string;
}

/** A Discord user and the guilds they are in, with their permissions there as Discord computed them. */
export interface DiscordIdentity {
  userId: string;
  name: string;
  guilds: { id: string; name: string; permissions: string }[];
}

/** The checks a callback must pass, as remembered in the session when the sign-in started. */
export interface PendingSignIn {
  state: string;
  nonce?: string;
}

/** The two sign-in flows, each as "where to send the browser" and "what the callback proved". */
export interface OAuthProviders {
  slack?: {
    authorizeUrl(pending: Required<PendingSignIn>): URL;
    complete(callback: URL, pending: Required<PendingSignIn>): Promise<SlackIdentity>;
  };
  discord?: {
    authorizeUrl(pending: PendingSignIn): URL;
    complete(callback: URL, pending: PendingSignIn): Promise<DiscordIdentity>;
    /** The guilds the bot itself is in, asked with its own token. */
    botGuildIds(): Promise<Set<string>>;
  };
}

/** The redirect URI of a provider, as it must be registered with Slack or Discord. */
export function redirectUri(settings: ConsoleSettings, provider: 'slack' | 'discord'): string {
  return `${settings.publicUrl.href.replace(/\/$/, '')}/auth/${provider}/callback`;
}

/** Slack's and Discord's OAuth clients (openid-client), built from the settings; no network until used. */
export function createOAuthProviders(settings: ConsoleSettings): OAuthProviders {
  return {
    ...(settings.slack ? { slack: slackProvider(settings, settings.slack) } : {}),
    ...(settings.discord ? { discord: discordProvider(settings, settings.discord) } : {}),
  };
}

function trimmed(base: string): string {
  return base.replace(/\/+$/, '');
}

// A fake provider on the loopback interface speaks plain HTTP in tests; anywhere else https is required.
function configure(config: oidc.Configuration, base: string): oidc.Configuration {
  const url = new URL(base);
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    oidc.allowInsecureRequests(config);
  return config;
}

function slackProvider(settings: ConsoleSettings, client: OAuthClient): NonNullable<OAuthProviders['slack']> {
  const base = trimmed(client.baseUrl);
  // Slack's OpenID Connect metadata, written out so that no discovery request is needed at start.
  const config = configure(
    new oidc.Configuration(
      {
        issuer: base,
        authorization_endpoint: `${base}/openid/connect/authorize`,
        token_endpoint: `${base}/api/openid.connect.token`,
        userinfo_endpoint: `${base}/api/openid.connect.userInfo`,
        jwks_uri: `${base}/openid/connect/keys`,
      },
      client.clientId,
      { id_token_signed_response_alg: 'RS256' },
      oidc.ClientSecretPost(client.clientSecret),
    ),
    base,
  );
  const redirect = redirectUri(settings, 'slack');
  return {
    authorizeUrl: (pending) =>
      oidc.buildAuthorizationUrl(config, {
        response_type: 'code',
        scope: 'openid profile',
        redirect_uri: redirect,
        state: pending.state,
        nonce: pending.nonce,
      }),
    async complete(callback, pending) {
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
      const claims = tokens.claims();
      const teamId = claims?.['https://slack.com/team_id'];
      if (!claims || typeof teamId !== 'string')
        throw new UserError('forbidden', 'Slack did not say which workspace you signed into.');
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      const name = typeof info.name === 'string' ? info.name : claims.sub;
      return { teamId, userId: String(claims['https://slack.com/user_id'] ?? claims.sub), name };
    },
  };
}

function discordProvider(
  settings: ConsoleSettings,
  client: NonNullable<ConsoleSettings['discord']>,
): NonNullable<OAuthProviders['discord']> {
  const base = trimmed(client.baseUrl);
  const api = `${base}/api/v10`;
  const config = configure(
    new oidc.Configuration(
      {
        issuer: base,
        authorization_endpoint: `${base}/oauth2/authorize`,
        token_endpoint: `${api}/oauth2/token`,
      },
      client.clientId,
      {},
      oidc.ClientSecretPost(client.clientSecret),
    ),
    base,
  );
  const redirect = redirectUri(settings, 'discord');
  const getJson = async (url: string, authorization: string): Promise<unknown> => {
    const response = await fetch(url, { headers: { authorization }, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`Discord answered ${response.status} for ${new URL(url).pathname}`);
    return response.json();
  };
  return {
    authorizeUrl: (pending) =>
      oidc.buildAuthorizationUrl(config, {
        response_type: 'code',
        scope: 'identify guilds',
        redirect_uri: redirect,
        state: pending.state,
        prompt: 'none',
      }),
    async complete(callback, pending) {
      const tokens = await oidc.authorizationCodeGrant(config, callback, { expectedState: pending.state });
      const bearer = `Bearer ${tokens.access_token}`;
      const me = (await getJson(`${api}/users/@me`, bearer)) as {
        id: string;
        username?: string;
        global_name?: string;
      };
      const guilds = (await getJson(`${api}/users/@me/guilds`, bearer)) as DiscordIdentity['guilds'];
      return {
        userId: String(me.id),
        name: me.global_name ?? me.username ?? String(me.id),
        guilds: guilds.map((g) => ({
          id: String(g.id),
          name: String(g.name),
          permissions: String(g.permissions),
        })),
      };
    },
    async botGuildIds() {
      const apiBase = trimmed(client.apiUrl);
      const guilds = (await getJson(`${apiBase}/v10/users/@me/guilds`, `Bot ${client.botToken}`)) as {
        id: string;
      }[];
      return new Set(guilds.map((g) => String(g.id)));
    },
  };
}
