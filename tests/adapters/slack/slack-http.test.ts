import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandFields, type FakeSlack, sendSlashCommand } from './fake-slack.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from './harness.ts';

type Blocks = { type: string; text?: { text: string }; elements?: { text: string }[] }[];

describe('Slack app start-up', () => {
  it('given a bot token Slack refuses, fails to start with a message naming SLACK_BOT_TOKEN', async () => {
    await expect(startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-unknown' })).rejects.toThrow(
      'Slack: SLACK_BOT_TOKEN was refused by Slack (invalid_auth).',
    );
  });
});

describe('Slack app over HTTP, one workspace with a bot token', () => {
  let h: SlackHarness;
  let fake: FakeSlack;
  let seq = 0;
  const nextId = () => `cmd-${++seq}`;
  const tenant = { platform: 'slack' as const, id: 'T0ALPHA' };

  beforeAll(async () => {
    h = await startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-alpha', ADMIN_USER_IDS: 'U0CONFIGADMIN' }, (f) =>
      f.addTeam({
        teamId: 'T0ALPHA',
        botToken: 'xoxb-alpha',
        botUserId: 'U0BOT',
        botId: 'B0BOT',
        users: { U0ADMIN: { is_admin: true }, U0OWNER: { is_owner: true }, U0GUEST: { is_restricted: true } },
      }),
    );
    fake = h.fake;
  });
  afterAll(async () => {
    await h?.close();
  });

  const run = async (user: string, text: string) => {
    const id = nextId();
    const started = Date.now();
    const res = await sendSlashCommand(
      h.eventsUrl,
      SIGNING_SECRET,
      commandFields(fake, id, { team: 'T0ALPHA', user, text }),
    );
    const ackMs = Date.now() - started;
    expect(res.status).toBe(200);
    const [answer] = await fake.responsesFor(id);
    return { ackMs, body: answer?.body as Record<string, unknown> & { blocks: Blocks }, id };
  };

  it('given /news huawei, acks within 3 s and answers with the seed story in blocks', async () => {
    const { ackMs, body } = await run('U0MEMBER', 'huawei');
    expect(ackMs).toBeLessThan(3000);
    // Public story cards are posted into the channel with the bot token, tagged like digest posts.
    expect(body).toMatchObject({ response_type: 'in_channel', via: 'chat.postMessage' });
    const post = fake.callsTo('chat.postMessage').at(-1)!;
    expect(post.token).toBe('xoxb-alpha');
    expect(String(post.params.unfurl_links)).toBe('false');
    expect(String(post.params.unfurl_media)).toBe('false');
    expect(JSON.stringify(post.params.metadata)).toContain('policywire_delivery');
    const [header, story, meta] = body.blocks;
    expect(header).toMatchObject({ type: 'header', text: { text: 'News for "huawei"' } });
    expect(story?.type).toBe('section');
    expect(story?.text?.text).toContain('China slams ‘immoral’ spying claims');
    expect(story?.text?.text).toContain('Huawei');
    expect(meta?.type).toBe('context');
    expect(meta?.elements?.[0]?.text).toContain('National Technology News');
    expect(fake.violations).toEqual([]);
  });

  it('acks before slow work finishes: users.info taking 1.2 s does not delay the ack', async () => {
    fake.script('users.info', { delayMs: 1200 });
    const { ackMs, body } = await run('U0SLOW', 'huawei');
    expect(ackMs).toBeLessThan(1000);
    expect(JSON.stringify(body.blocks)).toContain('China slams');
  });

  it('given a bad signature, answers 401 and runs no handler', async () => {
    const before = { calls: fake.calls.length, responses: fake.responses.length };
    const id = nextId();
    const res = await sendSlashCommand(
      h.eventsUrl,
      SIGNING_SECRET,
      commandFields(fake, id, {
        team: 'T0ALPHA',
        user: 'U0ADMIN',
        text: 'sources add https://evil.example/feed',
      }),
      { signature: `v0=${createHmac('sha256', 'wrong-secret').update('v0:1:x').digest('hex')}` },
    );
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.calls.length).toBe(before.calls);
    expect(fake.responses.length).toBe(before.responses);
    expect(await h.app.core.sources.list(tenant)).toEqual([]);
  });

  it('given a correctly signed but 6-minute-old timestamp, answers 401 and runs no handler', async () => {
    const before = { calls: fake.calls.length, responses: fake.responses.length };
    const res = await sendSlashCommand(
      h.eventsUrl,
      SIGNING_SECRET,
      commandFields(fake, nextId(), { team: 'T0ALPHA', user: 'U0ADMIN', text: 'huawei' }),
      { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
    );
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.calls.length).toBe(before.calls);
    expect(fake.responses.length).toBe(before.responses);
  });

  it('given a correctly signed timestamp ten minutes in the future, answers 401 and runs no handler', async () => {
    const before = { calls: fake.calls.length, responses: fake.responses.length };
    const res = await sendSlashCommand(
      h.eventsUrl,
      SIGNING_SECRET,
      commandFields(fake, nextId(), { team: 'T0ALPHA', user: 'U0ADMIN', text: 'huawei' }),
      { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 },
    );
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.calls.length).toBe(before.calls);
    expect(fake.responses.length).toBe(before.responses);
  });

  it('answers a signed request once: the same request replayed within the window gets 401 and no answer', async () => {
    const id = nextId();
    const fields = commandFields(fake, id, { team: 'T0ALPHA', user: 'U0MEMBER', text: 'huawei' });
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await sendSlashCommand(h.eventsUrl, SIGNING_SECRET, fields, { timestamp });
    expect(first.status).toBe(200);
    const replay = await sendSlashCommand(h.eventsUrl, SIGNING_SECRET, fields, { timestamp });
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain('replay');
    await fake.responsesFor(id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.answersFor(id)).toHaveLength(1);
  });

  it("refuses a non-admin's /news sources add politely and privately, and stores nothing", async () => {
    const { body } = await run('U0MEMBER', 'sources add https://www.ftc.gov/feeds/press-release.xml FTC');
    expect(body.response_type).toBe('ephemeral');
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('Only workspace admins can use /news sources');
    expect(await h.app.core.sources.list(tenant)).toEqual([]);
  });

  it('refuses a guest even when users.info says nothing else', async () => {
    const { body } = await run('U0GUEST', 'sources list');
    expect(JSON.stringify(body.blocks)).toContain('Only workspace admins');
  });

  it('lets a workspace admin (users.info is_admin) add a source, confirming privately', async () => {
    const { body } = await run('U0ADMIN', 'sources add https://www.ftc.gov/feeds/press-release.xml FTC');
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('Added source FTC');
    const stored = await h.app.core.sources.list(tenant);
    expect(stored.map((s) => s.name)).toEqual(['FTC']);
    const infoCall = fake.callsTo('users.info').find((c) => c.params.user === 'U0ADMIN');
    expect(infoCall?.token).toBe('xoxb-alpha');
  });

  it('lets a user named in ADMIN_USER_IDS manage sources without asking Slack', async () => {
    const { body } = await run('U0CONFIGADMIN', 'sources list');
    expect(JSON.stringify(body.blocks)).toContain('FTC');
    expect(fake.callsTo('users.info').some((c) => c.params.user === 'U0CONFIGADMIN')).toBe(false);
  });

  it('decodes the &amp; Slack puts in command text, so a URL with a query string is stored as typed', async () => {
    // Slack sends `&`, `<` and `>` in slash-command text as &amp; &lt; &gt;.
    const { body } = await run('U0CONFIGADMIN', 'sources add https://93.184.216.34/feed?a=1&amp;b=2 R&amp;D');
    expect(JSON.stringify(body.blocks)).toContain('Added source R&amp;D');
    const stored = (await h.app.core.sources.list(tenant)).find((s) => s.name === 'R&D');
    expect(stored?.url).toBe('https://93.184.216.34/feed?a=1&b=2');
  });

  it('caches users.info briefly: a second command by the same owner asks Slack once', async () => {
    await run('U0OWNER', 'sources list');
    await run('U0OWNER', 'sources list');
    expect(fake.callsTo('users.info').filter((c) => c.params.user === 'U0OWNER')).toHaveLength(1);
  });

  it('given an empty /news, shows help with the sub-commands as Slack users type them', async () => {
    const { body } = await run('U0MEMBER', '');
    expect(body.response_type).toBe('ephemeral');
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('/news &lt;query&gt;');
    expect(text).toContain('/news help');
    // Admin-only sub-commands are hidden from members.
    expect(text).not.toContain('/news sources');
  });

  it('given /news help sources from an admin, explains that sub-command in Slack form', async () => {
    const { body } = await run('U0ADMIN', 'help sources');
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('/news sources add &lt;url&gt; [name]');
    expect(text).toContain('Admins only.');
  });

  it('given an invalid page, answers privately with what was wrong and the usage', async () => {
    const { body } = await run('U0MEMBER', 'huawei page:0');
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('page starts at 1');
  });

  it('given a quoted command name, searches for it instead of running it', async () => {
    const { body } = await run('U0MEMBER', '"sources"');
    expect(JSON.stringify(body.blocks)).toContain('Nothing matches');
  });

  it('serves a health check for load balancers', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });

  it('every message sent in this suite stays within Block Kit limits', () => {
    expect(fake.responses.length).toBeGreaterThan(10);
    expect(fake.violations).toEqual([]);
  });
});
