import pino from 'pino';
import type { Logger } from '../../src/logger.ts';

/** A logger that drops everything, for tests that do not look at logs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
