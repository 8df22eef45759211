import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
