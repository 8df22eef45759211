import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngStats } from '../../helpers/png-stats.ts';
import { commandFields, sendSlashCommand } from '../slack/fake-slack.ts';
import { SIGNING_SECRET } from '../slack/harness.ts';
import { type ConsoleHarness, OTHER_TEAM, startConsoleHarness, TEAM } from './console-harness.ts';

/** Where the run leaves a screenshot of each page (gitignored). */
const SHOTS = join(process.cwd(), 'screenshots', 'admin-console');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

let h: ConsoleHarness;
let context: BrowserContext;
let browserPage: Page;
let profile: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startConsoleHarness();
  // Another workspace's source, stored beside ours: the console must never show it.
  await h.app.core.sources.put({ platform: 'slack', id: OTHER_TEAM }, 'beta-only', {
    id: 'beta-only',
    url: 'https://93.184.216.34/beta.xml',
    name: 'Beta Secret Feed',
    intervalMinutes: 15,
    createdAt: new Date().toISOString(),
    addedBy: 'U0BETA',
    health: { itemsSeen: 0, failures: 0 },
  });
  profile = mkdtempSync(join(tmpdir(), 'pw-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 900 },
  });
  browserPage = context.pages()[0] ?? (await context.newPage());
}, 40_000);

afterAll(async () => {
  await context?.close();
  await h?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Saves a screenshot of the page and checks it is a real picture with something drawn on it. */
async function screenshot(name: string): Promise<void> {
  const png = await browserPage.screenshot({ fullPage: true });
  writeFileSync(join(SHOTS, `${name}.png`), png);
  const stats = pngStats(png);
  expect(stats.width).toBeGreaterThanOrEqual(1200);
  expect(stats.height).toBeGreaterThanOrEqual(600);
  // Header bar, text and tables: a blank or error-free white page draws far less than this.
  expect(stats.drawn).toBeGreaterThan(0.03);
}

async function slash(user: string, text: string): Promise<string> {
  const id = `console-${Math.random().toString(36).slice(2)}`;
  const res = await sendSlashCommand(
    h.eventsUrl,
    SIGNING_SECRET,
    commandFields(h.fake, id, { team: TEAM, user, text }),
  );
  expect(res.status).toBe(200);
  const [answer] = await h.fake.responsesFor(id);
  return JSON.stringify(answer?.body ?? {});
}

async function signInWithSlack(userId: string) {
  h.oauth.slackPerson = { teamId: TEAM, userId, name: `Admin ${userId}` };
  await browserPage.goto(`${h.baseUrl}/admin`);
  return Promise.all([browserPage.waitForLoadState('load'), browserPage.click('text=Sign in with Slack')]);
}

describe('admin console in headless Chromium', () => {
  it('signs a Slack admin in and shows only their workspace', async () => {
    await browserPage.goto(`${h.baseUrl}/admin`);
    await screenshot('sign-in');
    await signInWithSlack('U0ADMIN');
    expect(new URL(browserPage.url()).pathname).toBe(`/admin/slack/${TEAM}/sources`);
    const text = await browserPage.textContent('body');
    expect(text).toContain(`slack ${TEAM}`);
    expect(text).not.toContain('Beta Secret Feed');
  });

  it('adds a source through the form and the chat lists it under /sources list', async () => {
    await browserPage.fill('input[name=url]', 'https://93.184.216.34/console-feed.xml');
    await browserPage.fill('input[name=name]', 'Console <b>Feed</b>');
    await browserPage.click('button:has-text("Add source")');
    // The command's own answer is shown, escaped: the name's markup is text, not HTML.
    await expect.poll(() => browserPage.textContent('.notice')).toContain('Added source Console <b>Feed</b>');
    expect(await browserPage.locator('main b').count()).toBe(0);
    await screenshot('sources');
    const listed = await slash('U0ADMIN', 'sources list');
    // Slack's mrkdwn escapes < and > itself.
    expect(listed).toContain('Console &lt;b&gt;Feed&lt;/b&gt;');
    expect(listed).toContain('https://93.184.216.34/console-feed.xml');
  });

  it("shows the command's own error for a bad URL, as the chat would answer it", async () => {
    await browserPage.fill('input[name=url]', 'ftp://example.org/feed');
    await browserPage.click('button:has-text("Add source")');
    await expect.poll(() => browserPage.textContent('.notice.error')).toContain('must be an http(s) URL');
  });

  it("removes a source with its row's button, and the chat no longer lists it", async () => {
    await browserPage.fill('input[name=url]', 'https://93.184.216.34/short-lived.xml');
    await browserPage.fill('input[name=name]', 'Short Lived');
    await browserPage.click('button:has-text("Add source")');
    await expect.poll(() => browserPage.textContent('.notice')).toContain('Added source Short Lived');
    await browserPage.click('tr:has-text("Short Lived") button:has-text("Remove")');
    await expect.poll(() => browserPage.textContent('.notice')).toContain('Removed source Short Lived');
    const listed = await slash('U0ADMIN', 'sources list');
    expect(listed).not.toContain('Short Lived');
    expect(listed).toContain('console-feed.xml');
  });

  it('refuses a POST with a missing or a wrong CSRF token and changes nothing', async () => {
    const url = `${h.baseUrl}/admin/slack/${TEAM}/sources/add`;
    const missing = await browserPage.request.post(url, {
      form: { url: 'https://93.184.216.34/no-token.xml' },
    });
    expect(missing.status()).toBe(403);
    expect(await missing.text()).toContain('security token is missing or wrong');
    const wrong = await browserPage.request.post(url, {
      form: { url: 'https://93.184.216.34/wrong-token.xml', _csrf: 'not-the-token' },
    });
    expect(wrong.status()).toBe(403);
    const names = (await h.app.core.sources.list({ platform: 'slack', id: TEAM })).map((s) => s.url);
    expect(names.some((u) => u.includes('token.xml'))).toBe(false);
  });

  it("refuses another workspace's id in the URL with a 403", async () => {
    const response = await browserPage.goto(`${h.baseUrl}/admin/slack/${OTHER_TEAM}/sources`);
    expect(response?.status()).toBe(403);
    expect(await browserPage.textContent('body')).toContain('another workspace or server');
    expect(await browserPage.textContent('body')).not.toContain('Beta Secret Feed');
    await screenshot('other-tenant-refused');
  });

  it('shows every page of the console, each drawn, and the chart as a PNG', async () => {
    await browserPage.goto(`${h.baseUrl}/admin/slack/${TEAM}/subscriptions`);
    await browserPage.fill('input[name=channel]', 'C0GENERAL');
    await browserPage.fill('input[name=topic]', 'export-controls');
    await browserPage.click('button:has-text("Subscribe")');
    await expect.poll(() => browserPage.textContent('body')).toContain('C0GENERAL');
    await browserPage.goto(`${h.baseUrl}/admin/slack/${TEAM}/topics`);
    await browserPage.fill('input[name=name]', 'open-banking');
    await browserPage.fill('input[name=query]', 'open banking');
    await browserPage.fill('input[name=aliases]', 'PSD2, account access');
    await browserPage.click('button:has-text("Save topic")');
    await expect.poll(() => browserPage.textContent('.notice')).toContain('Saved topic open-banking');
    expect(await slash('U0ADMIN', 'topics list')).toContain('open-banking (yours)');
    for (const name of ['topics', 'subscriptions', 'digest', 'follows', 'deliveries', 'chart']) {
      const response = await browserPage.goto(`${h.baseUrl}/admin/slack/${TEAM}/${name}`);
      expect(response?.status(), name).toBe(200);
      await screenshot(name);
    }
    const chart = await browserPage.request.get(`${h.baseUrl}/admin/slack/${TEAM}/chart.png`);
    expect(chart.status()).toBe(200);
    expect(chart.headers()['content-type']).toBe('image/png');
    const stats = pngStats(await chart.body());
    expect(stats.width).toBeGreaterThan(600);
    expect(stats.drawn).toBeGreaterThan(0.02);
  }, 60_000);

  it('signs out, then refuses a plain member of the workspace', async () => {
    await browserPage.goto(`${h.baseUrl}/admin/slack/${TEAM}/sources`);
    await Promise.all([
      browserPage.waitForLoadState('load'),
      browserPage.click('button:has-text("Sign out")'),
    ]);
    expect(new URL(browserPage.url()).pathname).toBe('/admin');
    await signInWithSlack('U0MEMBER');
    expect(await browserPage.textContent('body')).toContain('Only workspace admins');
    const after = await browserPage.goto(`${h.baseUrl}/admin/slack/${TEAM}/sources`);
    expect(new URL(after!.url()).pathname).toBe('/admin');
    await screenshot('non-admin-refused');
  });

  it('signs a Discord admin in after they pick one of their servers', async () => {
    h.oauth.botGuilds = ['111111111111111111', '222222222222222222', '333333333333333333'];
    h.oauth.discordPerson = {
      userId: '444444444444444444',
      name: 'Guild Admin',
      guilds: [
        { id: '111111111111111111', name: 'Policy Team', permissions: String(1 << 5) },
        { id: '222222222222222222', name: 'Lobby Watch', permissions: String(1 << 3) },
        { id: '333333333333333333', name: 'Just A Member', permissions: '0' },
        { id: '555555555555555555', name: 'Bot Not Here', permissions: String(1 << 5) },
      ],
    };
    await browserPage.goto(`${h.baseUrl}/admin`);
    await Promise.all([browserPage.waitForLoadState('load'), browserPage.click('text=Sign in with Discord')]);
    const offered = await browserPage.locator('main form button').allTextContents();
    expect(offered.sort()).toEqual(['Lobby Watch', 'Policy Team']);
    await screenshot('discord-pick');
    await Promise.all([
      browserPage.waitForLoadState('load'),
      browserPage.click('button:has-text("Lobby Watch")'),
    ]);
    expect(new URL(browserPage.url()).pathname).toBe('/admin/discord/222222222222222222/sources');
    const response = await browserPage.goto(`${h.baseUrl}/admin/slack/${TEAM}/sources`);
    expect(response?.status()).toBe(403);
  });
});
