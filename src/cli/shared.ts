import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.ts';
import { ConfigError, isUserError, UserError } from '../errors.ts';
import { FetchError } from '../ingest/fetch.ts';
import { createLogger, type Logger } from '../logger.ts';
import { type App, type AppOptions, createApp } from '../main.ts';

/** What a verb reports back to the CLI entry: its exit code. */
export type ExitCode = 0 | 1 | 2;

/** A usage problem: printed with the verb's usage and exit code 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super('invalid_option', message);
  }
}

/** Parses a verb's flags, turning parseArgs' errors into UsageErrors. */
export function parseFlags<T extends Parameters<typeof parseArgs>[0]>(spec: T) {
  try {
    return parseArgs({ ...spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Loads the config and the app for one CLI verb, and always closes the store afterwards. */
export async function withApp(
  defaultLevel: string | ((config: Config) => string),
  work: (app: App, config: Config, logger: Logger) => Promise<ExitCode>,
  options: AppOptions = {},
): Promise<ExitCode> {
  const config = loadConfig();
  const fallback = typeof defaultLevel === 'function' ? defaultLevel(config) : defaultLevel;
  // Every line names its instance: with several on one store, logs are read side by side.
  const logger = createLogger(config.LOG_LEVEL ?? fallback).child({ instance: config.INSTANCE_ID });
  const app = await createApp(config, logger, options);
  try {
    return await work(app, config, logger);
  } finally {
    await app.close();
  }
}

/** Prints an error the way the CLI reports it: one line with the reason, hint on the next. */
export function reportError(error: unknown): ExitCode {
  if (error instanceof ConfigError) {
    process.stderr.write(`policywire: ${error.message}\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`policywire: ${error.message}\n`);
    return 2;
  }
  if (error instanceof FetchError && error.details.detail) {
    // The operator may see what a chat user may not: which address a host resolved to.
    process.stderr.write(`policywire: ${error.message}\n  ${error.details.detail}\n`);
    return 1;
  }
  if (isUserError(error)) {
    process.stderr.write(`policywire: ${error.message}${error.hint ? `\n  ${error.hint}` : ''}\n`);
    return 1;
  }
  process.stderr.write(`policywire: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
  return 1;
}

/** Writes JSON to stdout followed by a newline. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
