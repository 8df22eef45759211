import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { type SlackHarness, startSlackHarness } from './harness.ts';

const CLIENT_SECRET = 'cs-5f2b9e0d4a7c1e3b';

describe('an OAuth install at LOG_LEVEL=debug', () => {
  const capture = captureLogger('debug');
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness(
      { SLACK_CLIENT_ID: '123.456', SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: 'state-secret' },
      (f) =>
        f.addTeam({
          teamId: 'T0LOG',
          botToken: 'xoxb-log-cs5f2b9e0d4a7c1e3b',
          botUserId: 'U1',
          botId: 'B1',
          users: {},
        }),
      { logger: capture.logger },
    );
  });
  afterAll(async () => h?.close());

  it('logs the token exchange without the client secret or the bot token', async () => {
    const install = await fetch(`${h.baseUrl}/slack/install`, { redirect: 'manual' });
    const state = new URL(install.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const cookie = (install.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const done = await fetch(
      `${h.baseUrl}/slack/oauth_redirect?code=code-T0LOG&state=${encodeURIComponent(state)}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(done.status).toBe(200);
    const text = capture.text();
    expect(text).toContain('oauth.v2.access');
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain('cs5f2b9e0d4a7c1e3b');
  });
});
