import { describe, expect, it } from 'vitest';
import { hasDiscordAdminRights } from '../../../src/adapters/discord/admin-rights.ts';
import { channelIdProblem } from '../../../src/adapters/web-console/console-commands.ts';
import { resolveConsoleSettings } from '../../../src/adapters/web-console/console-settings.ts';
import { html, replyHtml, SafeHtml } from '../../../src/adapters/web-console/html.ts';
import {
  type AdminSession,
  CSP_DIRECTIVES,
  callbackMatches,
  liveSession,
  SIGN_IN_WINDOW_MS,
  sessionCookieOptions,
  tenantAccess,
} from '../../../src/adapters/web-console/security.ts';
import { parseConfig } from '../../../src/config.ts';
import { ConfigError } from '../../../src/errors.ts';

const NOW = Date.parse('2026-12-02T06:00:00Z');
const session: AdminSession = {
  tenant: { platform: 'slack', id: 'T0ALPHA' },
  userId: 'U1',
  name: 'A',
  signedInAt: NOW,
};

describe('session lifetime', () => {
  it('keeps a session until its configured minutes are up, then drops it', () => {
    expect(liveSession(session, NOW + 59 * 60_000, 60)?.tenant.id).toBe('T0ALPHA');
    expect(liveSession(session, NOW + 61 * 60_000, 60)).toBeUndefined();
  });

  it('drops a session signed in the future or with a malformed tenant', () => {
    expect(liveSession({ ...session, signedInAt: NOW + 60_000 }, NOW, 60)).toBeUndefined();
    expect(liveSession({ ...session, tenant: { platform: 'slack', id: '../T0' } }, NOW, 60)).toBeUndefined();
    expect(liveSession({ ...session, tenant: { platform: 'irc', id: 'T0' } }, NOW, 60)).toBeUndefined();
    expect(liveSession(undefined, NOW, 60)).toBeUndefined();
  });
});

describe('tenant in the URL', () => {
  it("allows only the session's own platform and id, exactly", () => {
    expect(tenantAccess(session, 'slack', 'T0ALPHA')).toBe('allowed');
    expect(tenantAccess(session, 'slack', 'T0BETA')).toBe('forbidden');
    expect(tenantAccess(session, 'discord', 'T0ALPHA')).toBe('forbidden');
    expect(tenantAccess(session, 'slack', 't0alpha')).toBe('forbidden');
  });
});

describe('sign-in callback', () => {
  const pending = { provider: 'slack' as const, state: 'abc123', nonce: 'n', startedAt: NOW };

  it('accepts the state it made, for its provider, within the sign-in window', () => {
    expect(callbackMatches(pending, 'slack', 'abc123', NOW + 1000)).toBe(true);
  });

  it('refuses a wrong or missing state, another provider, no pending sign-in and a stale one', () => {
    expect(callbackMatches(pending, 'slack', 'abc124', NOW)).toBe(false);
    expect(callbackMatches(pending, 'slack', undefined, NOW)).toBe(false);
    expect(callbackMatches(pending, 'discord', 'abc123', NOW)).toBe(false);
    expect(callbackMatches(undefined, 'slack', 'abc123', NOW)).toBe(false);
    expect(callbackMatches(pending, 'slack', 'abc123', NOW + SIGN_IN_WINDOW_MS + 1)).toBe(false);
  });
});

describe('cookie and CSP', () => {
  it('sets HttpOnly and SameSite=Lax always, and Secure only over https', () => {
    expect(sessionCookieOptions({ secure: true, sessionMinutes: 30 })).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      path: '/admin',
      maxAge: 1800,
    });
    expect(sessionCookieOptions({ secure: false, sessionMinutes: 30 }).secure).toBe(false);
  });

  it('allows no script at all and nothing inline, and no framing', () => {
    const all = Object.values(CSP_DIRECTIVES).flat();
    expect(all.some((v) => /unsafe/.test(v))).toBe(false);
    expect(CSP_DIRECTIVES.scriptSrc).toEqual(["'none'"]);
    expect(CSP_DIRECTIVES.defaultSrc).toEqual(["'self'"]);
    expect(CSP_DIRECTIVES.frameAncestors).toEqual(["'none'"]);
  });
});

describe('escaping', () => {
  it('escapes every interpolated value and keeps only SafeHtml as it is', () => {
    const hostile = `<script>alert("x")</script>' onload='x`;
    const out = html`<p title="${hostile}">${hostile}${new SafeHtml('<br>')}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toContain(`' onload='`);
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('<br>');
  });

  it('never turns a stored javascript: URL into a link', () => {
    const out = replyHtml({
      kind: 'stories',
      title: 'News',
      stories: [
        {
          id: '1',
          title: 'Bad',
          url: 'javascript:alert(1)',
          source: 's',
          summary: 'x',
          topics: [],
          alsoCoveredBy: [],
          articleIds: [],
        },
      ],
    }).value;
    expect(out).not.toContain('href="javascript');
  });
});

describe('rights and inputs', () => {
  it('applies the Discord rule of the slash commands: Manage Server or Administrator, or ADMIN_USER_IDS', () => {
    expect(hasDiscordAdminRights(String(1n << 5n), 'u', [])).toBe(true);
    expect(hasDiscordAdminRights(String(1n << 3n), 'u', [])).toBe(true);
    expect(hasDiscordAdminRights('0', 'u', [])).toBe(false);
    expect(hasDiscordAdminRights('0', 'u', ['u'])).toBe(true);
    expect(hasDiscordAdminRights('not-a-number', 'u', [])).toBe(false);
  });

  it("checks a typed channel id against the platform's shape", () => {
    expect(channelIdProblem('slack', 'C0GENERAL')).toBeUndefined();
    expect(channelIdProblem('slack', 'general')).toContain('C0123ABCD');
    expect(channelIdProblem('discord', '123456789012345678')).toBeUndefined();
    expect(channelIdProblem('discord', 'C0GENERAL')).toContain('long number');
  });
});

describe('console settings', () => {
  const base = {
    ADMIN_CONSOLE: 'true',
    ADMIN_SESSION_SECRET: 'x'.repeat(32),
    SLACK_CLIENT_ID: 'id',
    SLACK_CLIENT_SECRET: 's',
  };

  it('names what is missing: the public URL, the session secret, any sign-in', () => {
    expect(() => resolveConsoleSettings(parseConfig({ ...base }))).toThrow(/ADMIN_CONSOLE_URL/);
    expect(() =>
      resolveConsoleSettings(
        parseConfig({ ...base, ADMIN_CONSOLE_URL: 'https://a.example', ADMIN_SESSION_SECRET: '' }),
      ),
    ).toThrow(/ADMIN_SESSION_SECRET/);
    expect(() =>
      resolveConsoleSettings(
        parseConfig({
          ...base,
          ADMIN_CONSOLE_URL: 'https://a.example',
          SLACK_CLIENT_ID: '',
          SLACK_CLIENT_SECRET: '',
        }),
      ),
    ).toThrow(ConfigError);
  });

  it('refuses a short session secret without echoing it', () => {
    expect(() => parseConfig({ ...base, ADMIN_SESSION_SECRET: 'short-secret' })).toThrow(/\[secret\]/);
  });

  it("uses the Slack app's client for Sign in with Slack and marks https consoles secure", () => {
    const settings = resolveConsoleSettings(parseConfig({ ...base, ADMIN_CONSOLE_URL: 'https://a.example' }));
    expect(settings.slack?.clientId).toBe('id');
    expect(settings.secure).toBe(true);
    expect(settings.publicUrl.href).toBe('https://a.example/admin');
  });
});
