import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../logger.ts';

/** Bolt's and the WebClient's log lines, sent through our pino logger (which redacts secrets). */
export function createBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ lib: 'bolt' });
  let level: LogLevel = child.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts
      .map((part) =>
        part instanceof Error ? part.message : typeof part === 'string' ? part : safeJson(part),
      )
      .join(' ');
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

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
