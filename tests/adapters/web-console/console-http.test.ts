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
    expect((await fetch(`${h.baseUrl}/admin/`)).status).toBe(200);
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

describe('admin console sign-in checks', () => {
  it('refuses a callback whose state is not the one this browser started', async () => {
    h.oauth.slackPerson = { teamId: TEAM, userId: 'U0ADMIN', name: 'Admin' };
    const start = await fetch(`${h.baseUrl}/admin/auth/slack`, { redirect: 'manual' });
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const back = new URL(authorize.headers.get('location')!);
    back.searchParams.set('state', 'forged-state');
    const callback = await fetch(back, { redirect: 'manual', headers: { cookie } });
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain('sign-in state does not match');
    // Without the cookie that started it, even the right state is refused.
    const fresh = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const bare = await fetch(fresh.headers.get('location')!, { redirect: 'manual' });
    expect(bare.status).toBe(403);
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    h.oauth.nonceOverride = 'someone-elses-nonce';
    try {
      const signed = await signInSlack('U0ADMIN');
      expect(signed.status).toBe(403);
      expect(signed.body).toContain('could not be verified');
    } finally {
      h.oauth.nonceOverride = undefined;
    }
  });

  it('refuses a Slack guest even when flagged admin, as the commands do', async () => {
    const signed = await signInSlack('U0GUEST');
    expect(signed.status).toBe(403);
  });

  it('sends a signed-out POST to a 403 and a signed-out GET back to sign-in', async () => {
    const get = await fetch(`${h.baseUrl}/admin/slack/${TEAM}/sources`, { redirect: 'manual' });
    expect(get.status).toBe(303);
    expect(get.headers.get('location')).toBe('/admin');
    const post = await fetch(`${h.baseUrl}/admin/slack/${TEAM}/sources/add`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'url=https%3A%2F%2F93.184.216.34%2Fx.xml',
    });
    expect(post.status).toBe(403);
  });
});

describe('admin console hostile requests', () => {
  it('answers a malformed path or tenant id without serving anything, and keeps running', async () => {
    const malformed = await fetch(`${h.baseUrl}/admin/%E0%A4%A`, { redirect: 'manual' });
    expect(malformed.status).toBeGreaterThanOrEqual(300);
    expect(await malformed.text()).not.toContain('Sources');
    const traversal = await fetch(`${h.baseUrl}/admin/slack/..%2F${TEAM}/sources`, { redirect: 'manual' });
    expect([303, 403, 404]).toContain(traversal.status);
    expect((await fetch(`${h.baseUrl}/admin`)).status).toBe(200);
  });

  it('refuses a form body it cannot read with a page, not a stack trace', async () => {
    const signed = await signInSlack('U0ADMIN');
    const res = await fetch(`${h.baseUrl}/admin/slack/${TEAM}/sources/add`, {
      method: 'POST',
      headers: { cookie: signed.cookie, 'content-type': 'application/json' },
      body: '{"url": ',
    });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('could not be read');
    expect(body).not.toMatch(/at \S+ \(/);
  });
});
