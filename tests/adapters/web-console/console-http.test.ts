import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, startConsoleHarness, TEAM } from './console-harness.ts';

let h: ConsoleHarness;

beforeAll(async () => {
  h = await startConsoleHarness();
}, 30_000);
afterAll(async () => {
  await h?.close();
});

/** Follows a sign-in by hand: start, the fake's authorize redirect, the callback; returns the cookie. */
async function signInSlack(
  userId: string,
): Promise<{ cookie: string; status: number; location: string | null; body: string }> {
  h.oauth.slackPerson = { teamId: TEAM, userId, name: `Person ${userId}` };
  const start = await fetch(`${h.baseUrl}/admin/auth/slack`, { redirect: 'manual' });
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const callback = await fetch(authorize.headers.get('location')!, {
    redirect: 'manual',
    headers: { cookie },
  });
  const next = (callback.headers.get('set-cookie') ?? '').split(';')[0] || cookie;
  return {
    cookie: next,
    status: callback.status,
    location: callback.headers.get('location'),
    body: await callback.text(),
  };
}

describe('admin console over HTTP', () => {
  it('serves the sign-in page with a strict CSP and no script', async () => {
    const res = await fetch(`${h.baseUrl}/admin`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const body = await res.text();
    expect(body).toContain('Sign in with Slack');
    expect(body).not.toContain('<script');
  });

  it('signs a workspace admin in with Slack and lands on their sources', async () => {
    const signed = await signInSlack('U0ADMIN');
    expect(signed.status).toBe(303);
    expect(signed.location).toBe(`/admin/slack/${TEAM}/sources`);
    const page = await fetch(`${h.baseUrl}${signed.location}`, { headers: { cookie: signed.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sources');
  });

  it('marks the session cookie HttpOnly and SameSite=Lax under /admin', async () => {
    const start = await fetch(`${h.baseUrl}/admin/auth/slack`, { redirect: 'manual' });
    const setCookie = start.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\/admin/);
  });

  it('refuses a plain member with a 403 naming who may come in', async () => {
    const signed = await signInSlack('U0MEMBER');
    expect(signed.status).toBe(403);
    expect(signed.body).toContain('Only workspace admins');
  });
});
