import { describe, expect, it } from 'vitest';
import { createBoltLogger } from '../../../src/adapters/slack/bolt-logger.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';

const CLIENT_SECRET = 'cs-5f2b9e0d4a7c1e3b';

describe('Bolt and WebClient log lines', () => {
  it.each([
    [
      'a client secret in a JSON body',
      `http request body: {"client_id":"1.2","client_secret":"${CLIENT_SECRET}"}`,
    ],
    ['a client secret in a form body', `body client_id=1.2&client_secret=${CLIENT_SECRET}&code=abc`],
    ['a bot token', 'token xoxb-1234-5678-cs5f2b9e0d4a7c1e3b was refused'],
    ['a user token', 'using xoxp-1234-5678-9012-cs5f2b9e0d4a7c1e3b'],
    ['a refresh token', 'rotating xoxe-1-cs5f2b9e0d4a7c1e3b'],
    ['an app-level token', 'socket mode with xapp-1-A111-222-cs5f2b9e0d4a7c1e3b'],
    ['a bearer header', 'http request headers: {"Authorization":"Bearer cs5f2b9e0d4a7c1e3b"}'],
    ['an incoming-webhook URL', '"url":"https://hooks.slack.com/services/T1/B2/cs5f2b9e0d4a7c1e3b"'],
  ])('never carry %s', (_what, line) => {
    const { logger, text } = captureLogger('debug');
    createBoltLogger(logger).debug(line);
    expect(text()).toContain('"lib":"bolt"');
    expect(text()).not.toMatch(/cs-?5f2b9e0d4a7c1e3b/);
    expect(text()).toContain('[secret]');
  });

  it('scrubs secrets inside objects and errors passed to the logger too', () => {
    const { logger, text } = captureLogger('debug');
    const bolt = createBoltLogger(logger);
    bolt.error(new Error('invalid_auth for xoxb-1-2-cs5f2b9e0d4a7c1e3b'));
    bolt.warn('args', { client_secret: CLIENT_SECRET });
    expect(text()).not.toMatch(/cs-?5f2b9e0d4a7c1e3b/);
  });

  it('keeps the rest of the line readable', () => {
    const { logger, lines } = captureLogger('debug');
    createBoltLogger(logger).info(`apiCall('oauth.v2.access') start`);
    expect(lines[0]?.msg).toBe(`apiCall('oauth.v2.access') start`);
  });
});
