import { existsSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

const bool = (fallback: boolean) =>
  z
    .stringbool({
      truthy: ['true', '1', 'yes', 'on'],
      falsy: ['false', '0', 'no', 'off', ''],
      error: 'true or false',
    })
    .default(fallback);
const int = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `a whole number from ${min} to ${max}` })
    .int({ error: `a whole number from ${min} to ${max}` })
    .min(min, { error: `a whole number from ${min} to ${max}` })
    .max(max, { error: `a whole number from ${min} to ${max}` })
    .default(fallback);
const optionalText = z
  .string()
  .trim()
  .min(1)
  .optional()
  .or(z.literal('').transform(() => undefined));
const storeUrl = z
  .string()
  .trim()
  .regex(/^(sqlite|redis|rediss|postgres|postgresql):\/\/.+/, {
    message: 'a URL starting with sqlite://, redis://, rediss:// or postgresql://',
  });
const httpUrl = z.url({ protocol: /^https?$/, message: 'an http(s) URL' });
const idList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );

/** Every environment variable Policy Wire reads; .env.example mirrors this list. */
export const configSchema = z.object({
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'one of fatal, error, warn, info, debug, trace, silent',
    })
    .optional(),
  STORE_URL: storeUrl.default('sqlite://./data/policywire.sqlite'),
  STORE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]{1,40}$/, { message: 'letters, digits or underscore (at most 40)' })
    .optional(),
  SEED_SAMPLES: bool(true),
  INSTANCE_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'letters, digits, dot, dash or underscore (at most 64)' })
    .default(() => `${hostname().replace(/[^A-Za-z0-9._-]/g, '') || 'host'}-${process.pid}`.slice(0, 64)),
  INDEX_SNAPSHOT_DIR: z
    .string()
    .trim()
    .min(1)
    .default(() => join(tmpdir(), 'policywire-index')),
  CHANGE_LOG_RETENTION: int(1_000, 100_000_000, 200_000),
  HEALTH_PORT: z.coerce
    .number({ error: 'a port from 1 to 65535' })
    .int({ error: 'a port from 1 to 65535' })
    .min(1, { error: 'a port from 1 to 65535' })
    .max(65_535, { error: 'a port from 1 to 65535' })
    .optional(),
  ALLOW_PRIVATE_NETWORKS: bool(false),
  ALLOW_METADATA_ADDRESSES: bool(false),
  FETCH_TIMEOUT_MS: int(100, 300_000, 15_000),
  FETCH_MAX_BYTES: int(1024, 200_000_000, 5_000_000),
  USER_AGENT: z.string().trim().min(1).default('PolicyWire/0.1 (tech-policy news bot)'),
  FETCH_CONNECT_TIMEOUT_MS: int(100, 300_000, 5_000),
  FETCH_MAX_REDIRECTS: int(0, 20, 5),
  PER_HOST_CONCURRENCY: int(1, 32, 2),
  POLL_SOURCES: bool(true),
  POLL_INTERVAL_MINUTES: int(1, 1440, 15),
  POLL_TICK_MS: int(100, 3_600_000, 60_000),
  POLL_HOST_SPACING_MS: int(0, 600_000, 2_000),
  EXTRACT_THREADS: int(1, 16, 1),
  JOB_STALL_MS: int(500, 3_600_000, 30_000),
  JOB_MAX_RUN_MS: int(1_000, 86_400_000, 900_000),
  DIGEST_LEASE_MS: int(1_000, 86_400_000, 600_000),
  STARTER_SOURCES: z.string().trim().min(1).default('sources/starter.opml'),
  ADMIN_USER_IDS: idList,
  PORT: int(0, 65_535, 3000),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_API_URL: httpUrl.default('https://slack.com/api/'),
  DISCORD_TOKEN: optionalText,
  DISCORD_APP_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: httpUrl.default('https://discord.com/api'),
  DISCORD_SHARD_COUNT: z
    .string()
    .trim()
    .regex(/^(auto|[1-9][0-9]{0,3})$/, { message: 'auto or a whole number of shards from 1 to 9999' })
    .default('auto')
    .transform((value): 'auto' | number => (value === 'auto' ? 'auto' : Number(value))),
  SUMMARIZER_API_URL: httpUrl.optional(),
  SUMMARIZER_API_KEY: optionalText,
  SUMMARIZER_MODEL: optionalText,
  SUMMARIZER_TIMEOUT_MS: int(100, 300_000, 20_000),
  DIGEST_TOP_N: int(1, 20, 5),
  DIGEST_WHEN_EMPTY: z.enum(['line', 'skip'], { error: 'line or skip' }).default('line'),
  FEDERAL_REGISTER_API_URL: httpUrl.default('https://www.federalregister.gov/api/v1/'),
  REGULATIONS_GOV_API_URL: httpUrl.default('https://api.regulations.gov/v4/'),
  REGULATIONS_GOV_API_KEY: optionalText,
  CONGRESS_GOV_API_URL: httpUrl.default('https://api.congress.gov/v3/'),
  CONGRESS_GOV_API_KEY: optionalText,
  EU_OEIL_URL: httpUrl.default('https://oeil.secure.europarl.europa.eu/oeil/en'),
  UK_PARLIAMENT_BILLS_API_URL: httpUrl.default('https://bills-api.parliament.uk/api/v1'),
  ADMIN_CONSOLE: bool(false),
  ADMIN_CONSOLE_URL: httpUrl.optional(),
  ADMIN_SESSION_SECRET: z
    .string()
    .min(32, { error: 'a random secret of at least 32 characters' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ADMIN_SESSION_MINUTES: int(5, 10_080, 480),
  ADMIN_SLACK_CLIENT_ID: optionalText,
  ADMIN_SLACK_CLIENT_SECRET: optionalText,
  ADMIN_SLACK_OIDC_URL: httpUrl.default('https://slack.com'),
  ADMIN_DISCORD_CLIENT_ID: optionalText,
  ADMIN_DISCORD_CLIENT_SECRET: optionalText,
  ADMIN_DISCORD_OAUTH_URL: httpUrl.default('https://discord.com'),
});

/** The validated configuration the composition root hands out. */
export type Config = z.infer<typeof configSchema>;

/** Variables whose values are never echoed back, even in an error message. */
const SECRET_KEYS = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'DISCORD_TOKEN',
  'SUMMARIZER_API_KEY',
  'REGULATIONS_GOV_API_KEY',
  'CONGRESS_GOV_API_KEY',
  'ADMIN_SESSION_SECRET',
  'ADMIN_SLACK_CLIENT_SECRET',
  'ADMIN_DISCORD_CLIENT_SECRET',
]);

/**
 * Hides the `user:password@` part of anything URL-like (STORE_URL, SUMMARIZER_API_URL), even when
 * it is too malformed to parse: up to the last '@', since a password may hold '/' or '@' itself.
 */
export function withoutCredentials(value: string | undefined): string | undefined {
  return value?.replace(/^([a-z][a-z0-9+.-]*:?\/\/)?.*@/i, '$1***@');
}

/** Reads `.env` from `dir` when present; real environment variables win over it. */
export function readDotEnv(dir = process.cwd()): Record<string, string> {
  const file = resolve(dir, '.env');
  if (!existsSync(file)) return {};
  return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
}

/** Validates an environment; throws a ConfigError naming each bad variable, what it expects and what it got. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const known: Record<string, string | undefined> = {};
  // An empty value means unset, as in most .env files.
  for (const key of Object.keys(configSchema.shape)) known[key] = env[key] === '' ? undefined : env[key];
  const result = configSchema.safeParse(known);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '?');
    const got = SECRET_KEYS.has(key) ? '[secret]' : JSON.stringify(withoutCredentials(known[key]));
    return `${key}: expected ${issue.message}; got ${got}`;
  });
  throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
}

/** The one place that reads process.env: `.env` first, then the process environment on top. */
export function loadConfig(dir?: string): Config {
  return parseConfig({ ...readDotEnv(dir), ...process.env });
}
