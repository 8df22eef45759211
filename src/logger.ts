import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths whose values never reach a log line, whatever object they sit in. */
const REDACT = [
  '*.token',
  '*.botToken',
  '*.signingSecret',
  '*.clientSecret',
  '*.stateSecret',
  '*.appToken',
  '*.apiKey',
  '*.authorization',
  '*.password',
  'config.SLACK_BOT_TOKEN',
  'config.SLACK_SIGNING_SECRET',
  'config.SLACK_APP_TOKEN',
  'config.SLACK_CLIENT_SECRET',
  'config.SLACK_STATE_SECRET',
  'config.DISCORD_TOKEN',
  'config.SUMMARIZER_API_KEY',
  'headers.authorization',
];

/** Creates the root logger; it writes JSON to stderr (or `destination`, for tests) so stdout stays free for CLI output. */
export function createLogger(level = 'info', destination: DestinationStream = pino.destination(2)): Logger {
  return pino(
    { level, base: { app: 'policywire' }, redact: { paths: REDACT, censor: '[secret]' } },
    destination,
  );
}
