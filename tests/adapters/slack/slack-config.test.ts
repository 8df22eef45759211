import { describe, expect, it } from 'vitest';
import { resolveSlackSettings } from '../../../src/adapters/slack/slack-config.ts';
import { parseConfig } from '../../../src/config.ts';
import { ConfigError } from '../../../src/errors.ts';

const settings = (env: Record<string, string>) => resolveSlackSettings(parseConfig(env));

describe('resolveSlackSettings', () => {
  it('given a bot token and signing secret, serves HTTP for one workspace on PORT (default 3000)', () => {
    const s = settings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sec' });
    expect(s.transport).toEqual({ kind: 'http', signingSecret: 'sec' });
    expect(s.auth).toEqual({ kind: 'single', botToken: 'xoxb-1' });
    expect(s.port).toBe(3000);
    expect(s.apiUrl).toBe('https://slack.com/api/');
  });

  it('given an app-level token, uses Socket Mode and needs no signing secret', () => {
    expect(settings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).transport.kind).toBe('socket');
  });

  it('given OAuth credentials, installs across workspaces', () => {
    const s = settings({
      SLACK_SIGNING_SECRET: 'sec',
      SLACK_CLIENT_ID: 'id',
      SLACK_CLIENT_SECRET: 'cs',
      SLACK_STATE_SECRET: 'ss',
      SLACK_API_URL: 'https://slack-gov.com/api',
    });
    expect(s.auth.kind).toBe('oauth');
    expect(s.apiUrl).toBe('https://slack-gov.com/api/');
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET is not set/],
    [{ SLACK_SIGNING_SECRET: 'sec', SLACK_CLIENT_ID: 'id' }, /SLACK_CLIENT_SECRET is not set/],
    [
      { SLACK_SIGNING_SECRET: 'sec', SLACK_CLIENT_ID: 'id', SLACK_CLIENT_SECRET: 'cs' },
      /SLACK_STATE_SECRET is not set/,
    ],
    [{ SLACK_SIGNING_SECRET: 'sec', SLACK_CLIENT_ID: 'id', SLACK_BOT_TOKEN: 'xoxb-1' }, /not both/],
    [{ SLACK_APP_TOKEN: 'xoxb-wrong' }, /must be an app-level token starting with xapp-/],
  ])('given %o, explains what is missing: %s', (env, message) => {
    expect(() => settings(env)).toThrow(ConfigError);
    expect(() => settings(env)).toThrow(message);
  });

  it('never puts a secret value into its error messages', () => {
    try {
      settings({ SLACK_SIGNING_SECRET: 'sec', SLACK_CLIENT_ID: 'id', SLACK_BOT_TOKEN: 'xoxb-very-secret' });
    } catch (error) {
      expect((error as Error).message).not.toContain('xoxb-very-secret');
    }
  });
});
