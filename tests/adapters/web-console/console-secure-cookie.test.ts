import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, startConsoleHarness } from './console-harness.ts';

let h: ConsoleHarness;

beforeAll(async () => {
  // Served over https behind a proxy: the public URL says so, and the cookie must be Secure.
  h = await startConsoleHarness({ ADMIN_CONSOLE_URL: 'https://policywire.example.org' });
}, 30_000);
afterAll(async () => {
  await h?.close();
});

describe('admin console behind https', () => {
  it('marks the session cookie Secure, sends HSTS and builds the https redirect URI', async () => {
    h.oauth.slackPerson = { teamId: 'T0ALPHA', userId: 'U0ADMIN', name: 'Admin' };
    const start = await fetch(`${h.baseUrl}/admin/auth/slack`, { redirect: 'manual' });
    expect(start.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(start.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.searchParams.get('redirect_uri')).toBe(
      'https://policywire.example.org/admin/auth/slack/callback',
    );
    expect(authorize.searchParams.get('nonce')).toMatch(/.{20,}/);
    expect(authorize.searchParams.get('state')).toMatch(/.{20,}/);
  });
});
