import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_FORMS } from '../../../src/adapters/slack/home/home-ids.ts';
import { typed, viewOf, waitForCall } from '../../helpers/slack-home.ts';
import { commandFields, type FakeSlack } from './fake-slack.ts';
import { type SlackHarness, startSlackHarness } from './harness.ts';

describe('Slack app over Socket Mode (development, no public URL)', () => {
  let h: SlackHarness;
  let fake: FakeSlack;

  beforeAll(async () => {
    h = await startSlackHarness({ SLACK_APP_TOKEN: 'xapp-1-A0PW-test', SLACK_BOT_TOKEN: 'xoxb-alpha' }, (f) =>
      f.addTeam({ teamId: 'T0ALPHA', botToken: 'xoxb-alpha', botUserId: 'U0BOT', botId: 'B0BOT', users: {} }),
    );
    fake = h.fake;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens the connection with the app-level token and listens on no HTTP port', () => {
    expect(h.adapter.mode).toEqual({ transport: 'socket', auth: 'single' });
    expect(fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-1-A0PW-test');
    expect(fake.socketConnections).toBe(1);
    expect(h.adapter.address()).toBeUndefined();
  });

  it('given /news huawei over the socket, acks the envelope within 3 s and answers with the seed story', async () => {
    const started = Date.now();
    const ack = await fake.pushEnvelope(
      'env-1',
      'slash_commands',
      commandFields(fake, 'socket-1', { team: 'T0ALPHA', user: 'U0MEMBER', text: 'huawei' }),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ack.envelope_id).toBe('env-1');
    const [answer] = await fake.responsesFor('socket-1');
    expect(answer?.body.response_type).toBe('in_channel');
    expect(JSON.stringify(answer?.body.blocks)).toContain('China slams ‘immoral’ spying claims');
    expect(fake.violations).toEqual([]);
  });

  it("publishes the Home tab on app_home_opened over the socket, and returns a modal's errors in the envelope's ack", async () => {
    await fake.pushEnvelope('env-home', 'events_api', {
      type: 'event_callback',
      team_id: 'T0ALPHA',
      api_app_id: 'A0PW',
      event: { type: 'app_home_opened', user: 'U0MEMBER', tab: 'home', channel: 'D0MEMBER', event_ts: '1.0' },
      event_id: 'Ev0HOME',
      event_time: 1,
    });
    const home = viewOf(await waitForCall(fake, 'views.publish', (c) => c.params.user_id === 'U0MEMBER', 1));
    expect(home.type).toBe('home');
    const ack = await fake.pushEnvelope('env-submit', 'interactive', {
      type: 'view_submission',
      team: { id: 'T0ALPHA', domain: 't0alpha' },
      user: { id: 'U0MEMBER', team_id: 'T0ALPHA' },
      api_app_id: 'A0PW',
      view: {
        id: 'VSOCKET',
        type: 'modal',
        callback_id: HOME_FORMS.source,
        state: { values: { url: typed('https://93.184.216.34/feed.xml'), name: typed(null) } },
      },
    });
    expect(ack.payload).toMatchObject({
      response_action: 'errors',
      errors: { url: expect.stringContaining('Only workspace admins') },
    });
    expect(fake.violations).toEqual([]);
  });
});
