import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import {
  botEvents,
  botScopes,
  MANIFEST_PLACEHOLDER_URL,
  SCOPE_BY_EVENT,
  SCOPE_BY_METHOD,
} from '../../../src/adapters/slack/manifest.ts';
import { MANIFEST_FILES, manifestJson } from '../../../src/cli/slack-manifest-verb.ts';

const SLACK_SRC = fileURLToPath(new URL('../../../src/adapters/slack/', import.meta.url));

interface Manifest {
  features: {
    slash_commands: { command: string; url?: string; usage_hint: string }[];
    app_home?: { home_tab_enabled?: boolean };
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[]; user?: string[] } };
  settings: {
    socket_mode_enabled: boolean;
    interactivity?: { is_enabled: boolean; request_url?: string };
    event_subscriptions?: { request_url?: string; bot_events: string[] };
  };
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Manifest;

/** Every source file of the Slack adapter, handlers included. */
function adapterSources(): string[] {
  return readdirSync(SLACK_SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((file) => readFileSync(join(SLACK_SRC, file), 'utf8'));
}

/** Web API methods the adapter's own code calls, e.g. `client.chat.postMessage(`. */
function calledMethods(): string[] {
  const found = new Set<string>();
  for (const source of adapterSources()) {
    for (const match of source.matchAll(/\bclient\.((?:[a-z]+\.)+[a-zA-Z0-9]+)\(/g))
      found.add(match[1] ?? '');
  }
  return [...found].sort();
}

/** Events API events the handlers subscribe to: `app.event('…')`, or names listed in a `*_EVENTS` constant. */
function handledEvents(): string[] {
  const found = new Set<string>();
  for (const source of adapterSources()) {
    for (const match of source.matchAll(/\bapp\.event\(\s*'([a-z_]+)'/g)) found.add(match[1] ?? '');
    for (const list of source.matchAll(/_EVENTS = \[([^\]]*)\]/g))
      for (const name of (list[1] ?? '').matchAll(/'([a-z_]+)'/g)) found.add(name[1] ?? '');
  }
  return [...found].sort();
}

describe('Slack app manifest', () => {
  it('the committed manifests are what the command registry generates (else run npm run slack:manifest)', () => {
    expect(readFileSync(MANIFEST_FILES.http, 'utf8')).toBe(
      manifestJson({ baseUrl: MANIFEST_PLACEHOLDER_URL, socketMode: false }),
    );
    expect(readFileSync(MANIFEST_FILES.socket, 'utf8')).toBe(
      manifestJson({ baseUrl: MANIFEST_PLACEHOLDER_URL, socketMode: true }),
    );
  });

  it('names /news and every shared command as a sub-command in its usage hint', () => {
    const [news, ...others] = read(MANIFEST_FILES.http).features.slash_commands;
    expect(others).toEqual([]);
    expect(news?.command).toBe('/news');
    const hinted = news?.usage_hint.split('|').map((part) => part.trim()) ?? [];
    for (const command of commands.filter((c) => c.name !== 'news')) expect(hinted).toContain(command.name);
    expect(hinted).toContain('[query]');
  });

  it('every Web API method the adapter calls has its scope listed, and no listed method goes unused', () => {
    const called = calledMethods();
    expect(called.length).toBeGreaterThanOrEqual(3);
    for (const method of called) expect(Object.keys(SCOPE_BY_METHOD)).toContain(method);
    const scoped = Object.entries(SCOPE_BY_METHOD)
      .filter(([, scope]) => scope)
      .map(([method]) => method);
    for (const method of scoped) expect(called).toContain(method);
  });

  it('subscribes to exactly the events the handlers handle, each with its scope', () => {
    expect(handledEvents()).toEqual(['app_home_opened', 'reaction_added', 'reaction_removed']);
    expect(botEvents()).toEqual(handledEvents());
    for (const event of handledEvents()) {
      expect(SCOPE_BY_EVENT).toHaveProperty(event);
      for (const scope of (SCOPE_BY_EVENT[event] ?? '').split(',').filter(Boolean))
        expect(botScopes()).toContain(scope);
    }
    const http = read(MANIFEST_FILES.http).settings.event_subscriptions;
    expect(http).toEqual({
      request_url: `${MANIFEST_PLACEHOLDER_URL}/slack/events`,
      bot_events: botEvents(),
    });
    expect(read(MANIFEST_FILES.socket).settings.event_subscriptions).toEqual({ bot_events: botEvents() });
  });

  it('asks for exactly the scopes the code uses: commands, chat:write, files:write, the history reads of a post recovery, the channel reads of a Home tab, im:write, reactions:read, usergroups:read and users:read', () => {
    expect(botScopes()).toEqual([
      'channels:history',
      'channels:read',
      'chat:write',
      'commands',
      'files:write',
      'groups:history',
      'groups:read',
      'im:write',
      'reactions:read',
      'usergroups:read',
      'users:read',
    ]);
    expect(read(MANIFEST_FILES.http).oauth_config.scopes.bot).toEqual(botScopes());
    expect(read(MANIFEST_FILES.socket).oauth_config.scopes.bot).toEqual(botScopes());
  });

  it('points HTTP mode at /slack/events, /slack/oauth_redirect and the console sign-in, and Socket Mode at nothing public', () => {
    const http = read(MANIFEST_FILES.http);
    expect(http.features.slash_commands[0]?.url).toBe(`${MANIFEST_PLACEHOLDER_URL}/slack/events`);
    expect(http.oauth_config.redirect_urls).toEqual([
      `${MANIFEST_PLACEHOLDER_URL}/slack/oauth_redirect`,
      `${MANIFEST_PLACEHOLDER_URL}/admin/auth/slack/callback`,
    ]);
    expect(http.oauth_config.scopes.user).toEqual(['openid', 'profile']);
    expect(http.settings.socket_mode_enabled).toBe(false);
    const socket = read(MANIFEST_FILES.socket);
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.features.slash_commands[0]?.url).toBeUndefined();
    expect(socket.oauth_config.redirect_urls).toBeUndefined();
    expect(socket.oauth_config.scopes.user).toBeUndefined();
  });

  it('enables the Home tab and interactivity, sent to the same /slack/events endpoint as events in HTTP mode', () => {
    const http = read(MANIFEST_FILES.http);
    expect(http.features.app_home?.home_tab_enabled).toBe(true);
    expect(http.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: `${MANIFEST_PLACEHOLDER_URL}/slack/events`,
    });
    expect(http.settings.interactivity?.request_url).toBe(http.settings.event_subscriptions?.request_url);
    const socket = read(MANIFEST_FILES.socket);
    expect(socket.features.app_home?.home_tab_enabled).toBe(true);
    expect(socket.settings.interactivity).toEqual({ is_enabled: true });
  });
});
