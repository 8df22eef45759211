import { createLogger, type Logger } from '../../src/logger.ts';

/** The product's logger (redaction included) writing into memory, to prove what is and is not logged. */
export function captureLogger(level = 'debug'): {
  logger: Logger;
  lines: Record<string, unknown>[];
  text: () => string;
} {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(level, {
    write(chunk: string) {
      raw.push(chunk);
      for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    },
  });
  return { logger, lines, text: () => raw.join('') };
}
