import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import {
  botScopes,
  MANIFEST_PLACEHOLDER_URL,
  SCOPE_BY_METHOD,
} from '../../../src/adapters/slack/manifest.ts';
import { MANIFEST_FILES, manifestJson } from '../../../src/cli/slack-manifest.ts';

const SLACK_SRC = fileURLToPath(new URL('../../../src/adapters/slack/', import.meta.url));

interface Manifest {
  features: { slash_commands: { command: string; url?: string; usage_hint: string }[] };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean };
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Manifest;

/** Web API methods the adapter's own code calls, e.g. `client.chat.postMessage(`. */
function calledMethods(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(SLACK_SRC).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(SLACK_SRC, file), 'utf8');
    for (const match of source.matchAll(/\bclient\.((?:[a-z]+\.)+[a-zA-Z0-9]+)\(/g))
      found.add(match[1] ?? '');
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

  it('asks for exactly the scopes the code uses: commands, chat:write, files:write and users:read', () => {
    expect(botScopes()).toEqual(['chat:write', 'commands', 'files:write', 'users:read']);
    expect(read(MANIFEST_FILES.http).oauth_config.scopes.bot).toEqual(botScopes());
    expect(read(MANIFEST_FILES.socket).oauth_config.scopes.bot).toEqual(botScopes());
  });

  it('points HTTP mode at /slack/events and /slack/oauth_redirect, and Socket Mode at nothing public', () => {
    const http = read(MANIFEST_FILES.http);
    expect(http.features.slash_commands[0]?.url).toBe(`${MANIFEST_PLACEHOLDER_URL}/slack/events`);
    expect(http.oauth_config.redirect_urls).toEqual([`${MANIFEST_PLACEHOLDER_URL}/slack/oauth_redirect`]);
    expect(http.settings.socket_mode_enabled).toBe(false);
    const socket = read(MANIFEST_FILES.socket);
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.features.slash_commands[0]?.url).toBeUndefined();
    expect(socket.oauth_config.redirect_urls).toBeUndefined();
  });
});
