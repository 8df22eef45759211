import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_ACTIONS, HOME_FORMS } from '../../../src/adapters/slack/home/home-ids.ts';
import type { Tenant } from '../../../src/core/tenant.ts';
import { viewViolations } from '../../helpers/block-kit-views.ts';
import { runSlash } from '../../helpers/slack-commands.ts';
import {
  installThroughOAuth,
  openHome,
  pressHomeButton,
  publishCount,
  submitModal,
  typed,
  viewOf,
  waitForCall,
} from '../../helpers/slack-home.ts';
import type { FakeTeam } from './fake-slack.ts';
import { type SlackHarness, startSlackHarness } from './harness.ts';

const ONE: FakeTeam = {
  teamId: 'T0ONE',
  botToken: 'xoxb-one',
  botUserId: 'U1BOT',
  botId: 'B1',
  users: { U1ADMIN: { is_admin: true } },
  channels: { U1MEMBER: ['C1MINE'] },
};
const TWO: FakeTeam = {
  teamId: 'T0TWO',
  botToken: 'xoxb-two',
  botUserId: 'U2BOT',
  botId: 'B2',
  users: { U2ADMIN: { is_owner: true } },
};
const oneTenant: Tenant = { platform: 'slack', id: ONE.teamId };

/** Every text of a view, for "does it show X" checks. */
const shown = (view: unknown) => JSON.stringify(view);

/** The block types and action ids a view carries. */
const actionIds = (view: { blocks: unknown[] }) =>
  [...shown(view).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1]);

describe('Slack App Home: the Home tab and its forms', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness(
      {
        SLACK_CLIENT_ID: '123.456',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'state-secret',
      },
      (fake) => {
        fake.addTeam(ONE);
        fake.addTeam(TWO);
      },
    );
    for (const team of [ONE, TWO]) expect((await installThroughOAuth(h, team.teamId)).status).toBe(200);
    const say = async (team: string, user: string, text: string, channel?: string) =>
      expect((await runSlash(h, { team, user, text, ...(channel ? { channel } : {}) })).text).toMatch(
        /Added/,
      );
    await say('T0ONE', 'U1ADMIN', 'sources add https://93.184.216.34/one.xml One Feed');
    await say('T0ONE', 'U1ADMIN', 'subscribe zanzibar at 09:00 tz Europe/London', 'C1MINE');
    await say('T0ONE', 'U1ADMIN', 'subscribe quarantine-lists weekdays', 'C1OTHER');
    await say('T0TWO', 'U2ADMIN', 'sources add https://93.184.216.35/two.xml Two Secret Feed');
    await say('T0TWO', 'U2ADMIN', 'subscribe beta-only-topic', 'C2ROOM');
  });
  afterAll(async () => {
    await h?.close();
  });

  it("shows an admin their workspace's digests with schedule and next run, and its sources' health, within Block Kit's limits", async () => {
    const view = await openHome(h, ONE, 'U1ADMIN');
    expect(viewViolations(view)).toEqual([]);
    const text = shown(view);
    expect(text).toContain('<#C1MINE>');
    expect(text).toContain('zanzibar');
    expect(text).toContain('09:00 Europe/London');
    expect(text).toMatch(/next \w{3} \d{1,2} \w{3} 09:00/);
    expect(text).toContain('<#C1OTHER>');
    expect(text).toContain('One Feed');
    expect(text).toContain('not polled yet');
    expect(actionIds(view)).toEqual(
      expect.arrayContaining([
        HOME_ACTIONS.addSource,
        HOME_ACTIONS.addSubscription,
        HOME_ACTIONS.removeSource,
      ]),
    );
    expect(h.fake.violations).toEqual([]);
  });

  it("never shows another workspace's sources or digests, and each workspace's Home goes out with its own bot token", async () => {
    const one = shown(await openHome(h, ONE, 'U1ADMIN'));
    const two = shown(await openHome(h, TWO, 'U2ADMIN'));
    for (const theirs of ['Two Secret Feed', 'beta-only-topic', 'C2ROOM']) expect(one).not.toContain(theirs);
    for (const theirs of ['One Feed', 'zanzibar', 'C1MINE', 'C1OTHER']) expect(two).not.toContain(theirs);
    expect(two).toContain('Two Secret Feed');
    expect(two).toContain('beta-only-topic');
  });

  it('shows a failing source as failing since its first failure, with its open incident', async () => {
    const [source] = await h.app.core.sources.list(oneTenant);
    const since = '2026-11-30T06:00:00.000Z';
    await h.app.core.sources.put(oneTenant, source!.id, {
      ...source!,
      health: {
        ...source!.health,
        failures: 6,
        lastErrorAt: '2026-12-01T06:00:00.000Z',
        lastError: 'HTTP 503',
      },
    });
    await h.app.digests.incidents.put(oneTenant, `source:${source!.id}`, {
      kind: 'source',
      subject: source!.id,
      label: source!.name,
      since,
      openedAt: '2026-11-30T12:00:00.000Z',
      lastError: 'HTTP 503',
      notified: ['U1ADMIN'],
      status: 'open',
    });
    const text = shown(await openHome(h, ONE, 'U1ADMIN'));
    expect(text).toContain(`failing since ${since}`);
    expect(text).toContain(`incident open since ${since}: HTTP 503`);
    expect(text).toContain('One Feed (source)');
    expect(shown(await openHome(h, TWO, 'U2ADMIN'))).not.toContain('HTTP 503');
  });

  it("shows a digest's last delivery, and says when its delivery is failing", async () => {
    await h.app.digests.stores.deliveries.put(oneTenant, 'C1MINE', {
      lastDeliveredAt: '2026-12-01T09:00:00.000Z',
      recentArticleIds: [],
      status: 'failing',
      failingSince: '2026-12-02T09:00:00.000Z',
      lastError: 'not_in_channel',
    });
    const text = shown(await openHome(h, ONE, 'U1ADMIN'));
    expect(text).toContain('last sent Tue 1 Dec 09:00');
    expect(text).toContain('⚠ failing since 2026-12-02 09:00 UTC: not_in_channel');
    await h.app.digests.stores.deliveries.delete(oneTenant, 'C1MINE');
  });

  it('shows a non-admin only the digests of channels they are in, read-only: no buttons, no sources', async () => {
    const view = await openHome(h, ONE, 'U1MEMBER');
    expect(viewViolations(view)).toEqual([]);
    const text = shown(view);
    expect(text).toContain('<#C1MINE>');
    expect(text).not.toContain('C1OTHER');
    expect(text).not.toContain('One Feed');
    expect(text).toContain('Read-only');
    expect(actionIds(view)).toEqual([]);
  });

  it('opens the Add source and Add subscription modals for an admin with views.open and the trigger_id of the press', async () => {
    const source = await pressHomeButton(h, {
      team: 'T0ONE',
      user: 'U1ADMIN',
      actionId: HOME_ACTIONS.addSource,
    });
    expect(source.res.status).toBe(200);
    const opened = viewOf(
      await waitForCall(h.fake, 'views.open', (c) => c.params.trigger_id === source.triggerId, 1),
    );
    expect(opened).toMatchObject({ type: 'modal', callback_id: HOME_FORMS.source });
    expect(opened.blocks.map((b) => (b as { block_id: string }).block_id)).toEqual(['url', 'name']);
    expect(viewViolations(opened)).toEqual([]);

    const sub = await pressHomeButton(h, {
      team: 'T0ONE',
      user: 'U1ADMIN',
      actionId: HOME_ACTIONS.addSubscription,
    });
    const form = viewOf(
      await waitForCall(h.fake, 'views.open', (c) => c.params.trigger_id === sub.triggerId, 1),
    );
    expect(form).toMatchObject({ type: 'modal', callback_id: HOME_FORMS.subscription });
    expect(form.blocks.map((b) => (b as { element: { type: string } }).element.type)).toEqual([
      'conversations_select',
      'plain_text_input',
      'timepicker',
      'plain_text_input',
      'plain_text_input',
    ]);
    expect(h.fake.callsTo('views.open').every((c) => c.token === ONE.botToken)).toBe(true);
    expect(h.fake.violations).toEqual([]);
  });

  it("opens no modal for a non-admin's forged button press, and tells them why on their Home", async () => {
    const before = publishCount(h.fake, ONE.botToken, 'U1MEMBER');
    const press = await pressHomeButton(h, {
      team: 'T0ONE',
      user: 'U1MEMBER',
      actionId: HOME_ACTIONS.addSource,
    });
    const home = viewOf(
      await waitForCall(h.fake, 'views.publish', (c) => c.params.user_id === 'U1MEMBER', before + 1),
    );
    expect(shown(home)).toContain('Only workspace admins can change sources or digests');
    expect(h.fake.callsTo('views.open').some((c) => c.params.trigger_id === press.triggerId)).toBe(false);
  });

  it('adds a source from the modal through the same command: it then shows in /sources list and on the next Home', async () => {
    const before = publishCount(h.fake, ONE.botToken, 'U1ADMIN');
    const started = Date.now();
    const answer = await submitModal(h, {
      team: 'T0ONE',
      user: 'U1ADMIN',
      callbackId: HOME_FORMS.source,
      values: { url: typed('https://93.184.216.36/modal.xml'), name: typed('Modal Feed') },
    });
    // The command runs before the ack (its errors are the ack), so it must stay inside Slack's 3 seconds.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer).toEqual({ status: 200, body: {} });
    const home = viewOf(
      await waitForCall(h.fake, 'views.publish', (c) => c.params.user_id === 'U1ADMIN', before + 1),
    );
    expect(shown(home)).toContain('Added source Modal Feed');
    expect(shown(home)).toContain('*Modal Feed*');
    expect((await runSlash(h, { team: 'T0ONE', user: 'U1ADMIN', text: 'sources list' })).text).toContain(
      'Modal Feed',
    );
    expect((await runSlash(h, { team: 'T0TWO', user: 'U2ADMIN', text: 'sources list' })).text).not.toContain(
      'Modal Feed',
    );
  });

  it('answers an invalid URL or name with response_action errors under that input, and stores nothing', async () => {
    const count = (await h.app.core.sources.list(oneTenant)).length;
    const submit = (url: string | null, name: string | null) =>
      submitModal(h, {
        team: 'T0ONE',
        user: 'U1ADMIN',
        callbackId: HOME_FORMS.source,
        values: { url: typed(url), name: typed(name) },
      });
    // The name breaks the command's schema; the URL is refused by the command itself: each under its own input.
    const longName = await submit('https://93.184.216.36/other.xml', 'x'.repeat(101));
    expect(longName.body).toEqual({
      response_action: 'errors',
      errors: { name: 'a source name is 100 characters at most' },
    });
    const ftp = await submit('ftp://files.example/feed', null);
    expect(ftp.body).toEqual({
      response_action: 'errors',
      errors: { url: expect.stringContaining('must be an http(s) URL') },
    });
    const missing = await submit(null, null);
    expect(missing.body).toMatchObject({
      response_action: 'errors',
      errors: { url: expect.stringContaining('needs a URL') },
    });
    expect(await h.app.core.sources.list(oneTenant)).toHaveLength(count);
  });

  it('subscribes the chosen channel from the modal, with the schedule checked by /subscribe’s own rules', async () => {
    const values = (tz: string) => ({
      channel: { value: { type: 'conversations_select', selected_conversation: 'C1NEW' } },
      topic: typed('export-controls'),
      at: { value: { type: 'timepicker', selected_time: '07:30' } },
      tz: typed(tz),
      days: typed('mon,wed,fri'),
    });
    const bad = await submitModal(h, {
      team: 'T0ONE',
      user: 'U1ADMIN',
      callbackId: HOME_FORMS.subscription,
      values: values('Mars/Olympus'),
    });
    expect(bad.body).toMatchObject({
      response_action: 'errors',
      errors: { tz: expect.stringContaining('not a time zone') },
    });
    expect(Object.keys(bad.body.errors as object)).toEqual(['tz']);
    expect(await h.app.digests.stores.subscriptions.get(oneTenant, 'C1NEW')).toBeUndefined();

    const noChannel = await submitModal(h, {
      team: 'T0ONE',
      user: 'U1ADMIN',
      callbackId: HOME_FORMS.subscription,
      values: {
        ...values('UTC'),
        channel: { value: { type: 'conversations_select', selected_conversation: null } },
      },
    });
    expect(noChannel.body).toMatchObject({
      response_action: 'errors',
      errors: { channel: expect.any(String) },
    });

    const good = await submitModal(h, {
      team: 'T0ONE',
      user: 'U1ADMIN',
      callbackId: HOME_FORMS.subscription,
      values: values('europe/berlin'),
    });
    expect(good.body).toEqual({});
    expect(await h.app.digests.stores.subscriptions.get(oneTenant, 'C1NEW')).toMatchObject({
      time: '07:30',
      timeZone: 'Europe/Berlin',
      weekdays: [1, 3, 5],
    });
    const home = shown(await openHome(h, ONE, 'U1ADMIN'));
    expect(home).toContain('<#C1NEW>');
    expect(home).toContain('07:30 Europe/Berlin');
  });

  it("refuses a non-admin's forged submission with the commands' own refusal, and changes nothing", async () => {
    const count = (await h.app.core.sources.list(oneTenant)).length;
    const answer = await submitModal(h, {
      team: 'T0ONE',
      user: 'U1MEMBER',
      callbackId: HOME_FORMS.source,
      values: { url: typed('https://93.184.216.37/sneaky.xml'), name: typed(null) },
    });
    expect(answer.body).toMatchObject({
      response_action: 'errors',
      errors: { url: expect.stringContaining('Only workspace admins can use /sources') },
    });
    const sub = await submitModal(h, {
      team: 'T0ONE',
      user: 'U1MEMBER',
      callbackId: HOME_FORMS.subscription,
      values: { channel: { value: { selected_conversation: 'C1MINE' } }, topic: typed('sneaky') },
    });
    expect(sub.body).toMatchObject({
      response_action: 'errors',
      errors: { topic: expect.stringContaining('Only workspace admins') },
    });
    expect(await h.app.core.sources.list(oneTenant)).toHaveLength(count);
    expect((await h.app.digests.stores.subscriptions.get(oneTenant, 'C1MINE'))?.topics).toEqual(['zanzibar']);
  });

  it("removes a source or a channel's digest from a row's button for an admin only, and never another workspace's", async () => {
    const [source] = (await h.app.core.sources.list(oneTenant)).filter((s) => s.name === 'Modal Feed');
    const pressAndWait = async (team: FakeTeam, user: string, actionId: string, value: string) => {
      const before = publishCount(h.fake, team.botToken, user);
      await pressHomeButton(h, { team: team.teamId, user, actionId, value });
      return shown(
        viewOf(
          await waitForCall(
            h.fake,
            'views.publish',
            (c) => c.token === team.botToken && c.params.user_id === user,
            before + 1,
          ),
        ),
      );
    };
    expect(await pressAndWait(ONE, 'U1MEMBER', HOME_ACTIONS.removeSource, source!.id)).toContain(
      'Only workspace admins',
    );
    expect(await pressAndWait(TWO, 'U2ADMIN', HOME_ACTIONS.removeSource, source!.id)).toContain(
      'already removed',
    );
    expect(await h.app.core.sources.get(oneTenant, source!.id)).toBeDefined();
    expect(await pressAndWait(ONE, 'U1ADMIN', HOME_ACTIONS.removeSource, source!.id)).toContain(
      'Removed source Modal Feed',
    );
    expect(await h.app.core.sources.get(oneTenant, source!.id)).toBeUndefined();

    expect(await pressAndWait(TWO, 'U2ADMIN', HOME_ACTIONS.removeSubscription, 'C1OTHER')).toContain(
      'has no digest',
    );
    expect(await h.app.digests.stores.subscriptions.get(oneTenant, 'C1OTHER')).toBeDefined();
    expect(await pressAndWait(ONE, 'U1ADMIN', HOME_ACTIONS.removeSubscription, 'C1OTHER')).toContain(
      'Stopped',
    );
    expect(await h.app.digests.stores.subscriptions.get(oneTenant, 'C1OTHER')).toBeUndefined();
    expect(h.fake.violations).toEqual([]);
  });
});
