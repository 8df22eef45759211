import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../logger.ts';

/**
 * Bolt's and the WebClient's log lines, sent through our pino logger. They arrive as strings, which
 * pino's key-based redaction cannot see into, so secrets are scrubbed from the text itself.
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ lib: 'bolt' });
  let level: LogLevel = child.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO;
  const text = (parts: unknown[]) =>
    scrubSecrets(
      parts
        .map((part) =>
          part instanceof Error ? part.message : typeof part === 'string' ? part : safeJson(part),
        )
        .join(' '),
    );
  const rank = { debug: 0, info: 1, warn: 2, error: 3 } as const;
  const enabled = (wanted: LogLevel) => rank[wanted] >= rank[level];
  return {
    debug: (...parts) => enabled(LogLevel.DEBUG) && child.debug(text(parts)),
    info: (...parts) => enabled(LogLevel.INFO) && child.info(text(parts)),
    warn: (...parts) => enabled(LogLevel.WARN) && child.warn(text(parts)),
    error: (...parts) => enabled(LogLevel.ERROR) && child.error(text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

const SECRET = '[secret]';
/** `client_secret":"…"`, `client_secret=…` and the like, in JSON, form or query text. */
const SECRET_FIELD =
  /((?:client_secret|signing_secret|state_secret|refresh_token|access_token|bot_token|app_token)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi;
/** Slack bot, user, refresh and config tokens, and app-level tokens. */
const SLACK_TOKEN = /\b(xox[abpre]|xapp)-[A-Za-z0-9-]+/g;
const BEARER = /\b(Bearer\s+)[^\s"',}]+/gi;
/** An incoming-webhook URL is itself a credential. */
const WEBHOOK = /(hooks\.slack\.com\/services\/)[^\s"',}]+/gi;

/** Removes Slack credentials from free text: secret fields, xox?-/xapp- tokens, bearer values, webhook paths. */
export function scrubSecrets(text: string): string {
  return text
    .replace(SECRET_FIELD, `$1${SECRET}`)
    .replace(SLACK_TOKEN, `$1-${SECRET}`)
    .replace(BEARER, `$1${SECRET}`)
    .replace(WEBHOOK, `$1${SECRET}`);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
