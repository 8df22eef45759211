import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDiscordAdminRights } from '../../../src/adapters/discord/admin-rights.ts';
import { startHealthServer } from '../../../src/adapters/http/health-server.ts';
import type { AdminConsole } from '../../../src/adapters/web-console/console-server.ts';
import { createAdminConsole } from '../../../src/adapters/web-console/console-server.ts';
import { resolveConsoleSettings } from '../../../src/adapters/web-console/console-settings.ts';
import { createOAuthProviders } from '../../../src/adapters/web-console/oauth-providers.ts';
import { parseConfig } from '../../../src/config.ts';
import { type App, createAdminConsoleFromApp, createApp } from '../../../src/main.ts';
import { FakeOAuth } from '../../fakes/fake-oauth.ts';
import { runCli } from '../../helpers/cli.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';
import { DISCORD_BOT_TOKEN } from './console-harness.ts';

const GUILD = '123456789012345678';
let oauth: FakeOAuth;
let app: App;
let adminConsole: AdminConsole;
let health: Awaited<ReturnType<typeof startHealthServer>>;
let dir: string;
let base: string;

const consoleEnv = (oauthUrl: string) => ({
  ADMIN_CONSOLE: 'true',
  ADMIN_CONSOLE_URL: 'http://127.0.0.1:1',
  ADMIN_SESSION_SECRET: 'another-test-secret-0123456789abcdefgh',
  DISCORD_TOKEN: DISCORD_BOT_TOKEN,
  DISCORD_APP_ID: '900000000000000001',
  DISCORD_API_URL: `${oauthUrl}/api`,
  ADMIN_DISCORD_CLIENT_SECRET: 'discord-secret',
  ADMIN_DISCORD_OAUTH_URL: oauthUrl,
});

beforeAll(async () => {
  oauth = await new FakeOAuth({
    slack: { id: 'unused', secret: 'unused' },
    discord: { id: '900000000000000001', secret: 'discord-secret' },
    botToken: DISCORD_BOT_TOKEN,
  }).start();
  dir = mkdtempSync(join(tmpdir(), 'pw-health-console-'));
  const config = parseConfig({ STORE_URL: `sqlite://${join(dir, 's.sqlite')}`, ...consoleEnv(oauth.url) });
  app = await createApp(config, createSilentLogger(), { storePrefix: `h${process.pid}${Date.now()}` });
  // Discord only: no Slack HTTP server, so the console sits on the health server, as `start` mounts it.
  adminConsole = await createAdminConsoleFromApp(app, {});
  health = await startHealthServer({
    port: 0,
    host: '127.0.0.1',
    readiness: () => app.readiness(),
    logger: createSilentLogger(),
    web: { prefix: '/admin', listener: adminConsole.listener },
  });
  base = `http://127.0.0.1:${health.address().port}`;
}, 30_000);

afterAll(async () => {
  await health?.stop();
  await adminConsole?.close();
  await app?.close();
  await oauth?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Signs the fake's Discord person in through a console at `at`; returns the session cookie. */
async function signInDiscord(at: string): Promise<string> {
  const start = await fetch(`${at}/admin/auth/discord`, { redirect: 'manual' });
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  // The public URL (port 1) is not where this server listens: follow the callback's path here.
  const back = new URL(authorize.headers.get('location')!);
  const callback = await fetch(`${at}${back.pathname}${back.search}`, {
    redirect: 'manual',
    headers: { cookie },
  });
  expect(callback.status).toBe(303);
  expect(callback.headers.get('location')).toBe(`/admin/discord/${GUILD}/sources`);
  return (callback.headers.get('set-cookie') ?? '').split(';')[0]!;
}

describe('admin console on the health server', () => {
  it('serves /healthz and the console side by side, offering only the configured sign-in', async () => {
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok');
    const page = await (await fetch(`${base}/admin`)).text();
    expect(page).toContain('Sign in with Discord');
    expect(page).not.toContain('Sign in with Slack');
    expect((await fetch(`${base}/admin/auth/slack`, { redirect: 'manual' })).status).toBe(404);
  });

  it('signs a Discord admin of one served guild straight into it', async () => {
    oauth.botGuilds = [GUILD];
    oauth.discordPerson = {
      userId: '444444444444444444',
      name: 'Solo Admin',
      guilds: [{ id: GUILD, name: 'Only One', permissions: String(1 << 5) }],
    };
    const start = await fetch(`${base}/admin/auth/discord`, { redirect: 'manual' });
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    // The public URL (port 1) is not where this server listens: follow the callback's path here.
    const back = new URL(authorize.headers.get('location')!);
    const callback = await fetch(`${base}${back.pathname}${back.search}`, {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe(`/admin/discord/${GUILD}/sources`);
    const session = (callback.headers.get('set-cookie') ?? '').split(';')[0]!;
    const sources = await fetch(`${base}/admin/discord/${GUILD}/sources`, { headers: { cookie: session } });
    expect(sources.status).toBe(200);
    expect(await sources.text()).toContain('discord 123456789012345678');
  });
});

describe('session expiry', () => {
  it('sends a session older than ADMIN_SESSION_MINUTES back to sign-in', async () => {
    let now = Date.now();
    const settings = resolveConsoleSettings(app.config);
    const timed = await createAdminConsole({
      settings,
      core: app.core,
      digests: app.digests,
      commandSettings: app.commandSettings,
      charts: app.charts,
      logger: createSilentLogger(),
      providers: createOAuthProviders(settings),
      rights: { discord: (permissions, userId) => hasDiscordAdminRights(permissions, userId, []) },
      now: () => now,
    });
    const server = createServer(timed.listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const session = await signInDiscord(at);
      const page = `${at}/admin/discord/${GUILD}/sources`;
      expect((await fetch(page, { headers: { cookie: session }, redirect: 'manual' })).status).toBe(200);
      now += (settings.sessionMinutes + 1) * 60_000;
      const late = await fetch(page, { headers: { cookie: session }, redirect: 'manual' });
      expect(late.status).toBe(303);
      expect(late.headers.get('location')).toBe('/admin');
    } finally {
      server.close();
      await timed.close();
    }
  });
});

describe('policywire start with the console on', () => {
  it('refuses to start without a server to mount it on, naming HEALTH_PORT', () => {
    const result = runCli(['start'], {
      STORE_URL: `sqlite://${join(dir, 'start.sqlite')}`,
      ...consoleEnv('http://127.0.0.1:9'),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('set HEALTH_PORT');
  }, 60_000);

  it('refuses to start without its public URL', () => {
    const result = runCli(['start'], {
      STORE_URL: `sqlite://${join(dir, 'start2.sqlite')}`,
      ...consoleEnv('http://127.0.0.1:9'),
      ADMIN_CONSOLE_URL: '',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ADMIN_CONSOLE_URL is not set');
  }, 60_000);
});
