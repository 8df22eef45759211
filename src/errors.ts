/** Error codes a user can see; stable so adapters and tests can match on them. */
export type UserErrorCode =
  | 'invalid_option'
  | 'unknown_command'
  | 'not_found'
  | 'forbidden'
  | 'unsupported_input'
  | 'fetch_failed'
  | 'conflict';

/** An expected failure whose message is written for the person who caused it. */
export class UserError extends Error {
  override readonly name = 'UserError';
  /** @param hint how to fix it, shown under the message */
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A configuration problem found at start-up; its message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** True for errors whose message is safe and useful to show to a user. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** A short reference id so a user's apology can be matched with the log line. */
export function errorReference(): string {
  return Math.random().toString(36).slice(2, 8);
}
