import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installThroughOAuth } from '../../helpers/slack-home.ts';
import { commandFields, type FakeSlack, sendSlashCommand } from './fake-slack.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from './harness.ts';

describe('Slack app installed in two workspaces through OAuth', () => {
  let h: SlackHarness;
  let fake: FakeSlack;
  let seq = 0;

  beforeAll(async () => {
    h = await startSlackHarness(
      {
        SLACK_CLIENT_ID: '123.456',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'state-secret',
      },
      (f) => {
        f.addTeam({
          teamId: 'T0ONE',
          botToken: 'xoxb-one',
          botUserId: 'U1BOT',
          botId: 'B1',
          users: { U1ADMIN: { is_admin: true } },
        });
        f.addTeam({
          teamId: 'T0TWO',
          botToken: 'xoxb-two',
          botUserId: 'U2BOT',
          botId: 'B2',
          users: { U2ADMIN: { is_owner: true } },
        });
      },
    );
    fake = h.fake;
  });
  afterAll(async () => {
    await h?.close();
  });

  const run = async (team: string, user: string, text: string) => {
    const id = `oauth-${++seq}`;
    const res = await sendSlashCommand(
      h.eventsUrl,
      SIGNING_SECRET,
      commandFields(fake, id, { team, user, text }),
    );
    expect(res.status).toBe(200);
    const [answer] = await fake.responsesFor(id);
    return JSON.stringify(answer?.body.blocks);
  };

  it('sends /slack/install straight to Slack asking only for the scopes the app uses', async () => {
    const res = await fetch(`${h.baseUrl}/slack/install`, { redirect: 'manual' });
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${fake.url}/oauth/v2/authorize`);
    expect(location.searchParams.get('client_id')).toBe('123.456');
    expect(location.searchParams.get('scope')).toBe(
      'channels:history,channels:read,chat:write,commands,files:write,groups:history,groups:read,im:write,reactions:read,usergroups:read,users:read',
    );
    expect(res.headers.get('set-cookie')).toMatch(/slack-app-oauth-state=/);
  });

  it('installs each workspace through /slack/oauth_redirect and keeps its bot token in the store', async () => {
    for (const team of ['T0ONE', 'T0TWO']) {
      const done = await installThroughOAuth(h, team);
      expect(done.status).toBe(200);
    }
    const stored = h.app.stores.tenantStore(
      'installations',
      (await import('../../../src/adapters/slack/installation-store.ts')).installationRecordSchema,
    );
    expect((await stored.get({ platform: 'slack', id: 'T0ONE' }, 'installation'))?.bot?.token).toBe(
      'xoxb-one',
    );
    expect((await stored.get({ platform: 'slack', id: 'T0TWO' }, 'installation'))?.bot?.token).toBe(
      'xoxb-two',
    );
    expect(fake.callsTo('oauth.v2.access')).toHaveLength(2);
  });

  it('given an OAuth redirect without the state cookie, installs nothing', async () => {
    const before = fake.callsTo('oauth.v2.access').length;
    const res = await fetch(`${h.baseUrl}/slack/oauth_redirect?code=code-T0ONE&state=forged`, {
      redirect: 'manual',
    });
    expect(res.status).not.toBe(200);
    expect(fake.callsTo('oauth.v2.access')).toHaveLength(before);
  });

  it("keeps each workspace's sources apart: neither sees the other's", async () => {
    expect(await run('T0ONE', 'U1ADMIN', 'sources add https://one.example/feed.xml One Feed')).toContain(
      'Added source One Feed',
    );
    expect(await run('T0TWO', 'U2ADMIN', 'sources add https://two.example/feed.xml Two Feed')).toContain(
      'Added source Two Feed',
    );
    const one = await run('T0ONE', 'U1ADMIN', 'sources list');
    const two = await run('T0TWO', 'U2ADMIN', 'sources list');
    expect(one).toContain('One Feed');
    expect(one).not.toContain('Two Feed');
    expect(two).toContain('Two Feed');
    expect(two).not.toContain('One Feed');
    // A workspace admin in one workspace is nobody in the other.
    expect(await run('T0TWO', 'U1ADMIN', 'sources list')).toContain('Only workspace admins');
  });

  it("keeps each workspace's subscriptions apart: neither lists nor removes the other's", async () => {
    expect(await run('T0ONE', 'U1ADMIN', 'subscribe huawei at 08:00 tz Europe/London')).toMatch(/huawei/i);
    expect(await run('T0TWO', 'U2ADMIN', 'subscribe ai-regulation at 09:30 tz America/New_York')).toMatch(
      /ai-regulation|AI regulation/i,
    );
    const one = await run('T0ONE', 'U1ADMIN', 'subscriptions');
    const two = await run('T0TWO', 'U2ADMIN', 'subscriptions');
    expect(one).toContain('Europe/London');
    expect(one).not.toContain('America/New_York');
    expect(two).toContain('America/New_York');
    expect(two).not.toContain('Europe/London');
    // Unsubscribing in workspace two cannot touch workspace one's subscription.
    await run('T0TWO', 'U2ADMIN', 'unsubscribe huawei');
    expect(await run('T0ONE', 'U1ADMIN', 'subscriptions')).toContain('Europe/London');
  });

  it("asks users.info with each workspace's own token", async () => {
    const tokensFor = (user: string) =>
      new Set(
        fake
          .callsTo('users.info')
          .filter((c) => c.params.user === user)
          .map((c) => c.token),
      );
    expect(tokensFor('U2ADMIN')).toEqual(new Set(['xoxb-two']));
    // U1ADMIN also tried a command in workspace two, which was asked with two's token.
    expect(tokensFor('U1ADMIN')).toEqual(new Set(['xoxb-one', 'xoxb-two']));
  });

  it("keeps a workspace's own articles out of the other's search", async () => {
    await h.app.core.writer.save(
      {
        url: 'https://intranet.one.example/memo',
        title: 'Internal memo on semiconductor export rules',
        text: 'Our team reviewed the semiconductor export rules. The memo lists three risks. It is internal.',
        source: 'One intranet',
      },
      { owner: 'slack:T0ONE' },
    );
    expect(await run('T0ONE', 'U1MEMBER', 'semiconductor')).toContain(
      'Internal memo on semiconductor export rules',
    );
    const two = await run('T0TWO', 'U2MEMBER', 'semiconductor');
    expect(two).not.toContain('Internal memo');
    expect(two).toContain('Nothing matches');
  });

  it("posts a digest with the target workspace's token, and refuses a workspace that never installed", async () => {
    const digest = { kind: 'notice' as const, level: 'info' as const, text: 'Digest for two' };
    const result = await h.adapter.post({ tenant: { platform: 'slack', id: 'T0TWO' }, id: 'C2' }, digest);
    expect(result.ok).toBe(true);
    expect(fake.posted.at(-1)).toMatchObject({ channel: 'C2', token: 'xoxb-two' });
    const missing = await h.adapter.post({ tenant: { platform: 'slack', id: 'T0THREE' }, id: 'C3' }, digest);
    expect(missing).toMatchObject({ ok: false, retryable: false });
  });

  it('answers nothing to a workspace that never installed the app', async () => {
    const id = `oauth-${++seq}`;
    await sendSlashCommand(
      h.eventsUrl,
      SIGNING_SECRET,
      commandFields(fake, id, { team: 'T0THREE', user: 'U3', text: 'huawei' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.responses.filter((r) => r.id === id)).toEqual([]);
    expect(fake.violations).toEqual([]);
  });
});
