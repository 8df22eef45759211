import pino, { type DestinationStream, type Logger } from 'pino';
import { scrubUrlCredentials } from './url-credentials.ts';

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
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  'config.REGULATIONS_GOV_API_KEY',
  'config.CONGRESS_GOV_API_KEY',
];

/**
 * A copy of a log argument with URL credentials scrubbed from every string in it (to a bounded depth):
 * a source URL, a store URL or an error message can carry a password wherever it is logged.
 */
function scrubbed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubUrlCredentials(value);
  if (value instanceof URL) return scrubUrlCredentials(value.href);
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (value instanceof Error) return scrubbed({ ...pino.stdSerializers.err(value) }, depth + 1);
  if (Array.isArray(value)) return value.map((item) => scrubbed(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
    return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrubbed(item, depth + 1);
  return out;
}

/** Creates the root logger; it writes JSON to stderr (or `destination`, for tests) so stdout stays free for CLI output. */
export function createLogger(level = 'info', destination: DestinationStream = pino.destination(2)): Logger {
  // The walk above reads plain objects to a bounded depth; a class instance (Headers) or deeper nesting is
  // serialised by pino as it is, so every finished line is scrubbed once more on its way out.
  const scrubbingDestination: DestinationStream = {
    write: (line: string) => destination.write(scrubUrlCredentials(line)),
  };
  const root = pino(
    {
      level,
      base: { app: 'policywire' },
      redact: { paths: REDACT, censor: '[secret]' },
      hooks: {
        logMethod(args, method) {
          return method.apply(this, args.map((arg) => scrubbed(arg)) as Parameters<typeof method>);
        },
      },
    },
    scrubbingDestination,
  );
  // Child bindings (`logger.child({ source })`) are serialised once, without passing the log method; children
  // of children inherit this `child` through pino's prototype chain.
  const original = root.child;
  function scrubbingChild(this: Logger, bindings: Record<string, unknown>, options?: object) {
    return original.call(this, scrubbed(bindings) as Record<string, unknown>, options);
  }
  root.child = scrubbingChild as Logger['child'];
  return root;
}
