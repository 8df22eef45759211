import { buildDigestReply, summarizeSourceHealth } from '../../digests/digest-reply.ts';
import { digestJson } from '../../digests/preview.ts';
import { renderText } from '../adapters/console/render-text.ts';
import { CONSOLE_TENANT } from '../core/tenant.ts';
import { type ExitCode, parseFlags, printJson, UsageError, withApp } from './shared.ts';

const USAGE = 'usage: policywire digest <topic|query>... [--since ISO] [--until ISO] [--json]';

function parseInstant(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime()))
    throw new UsageError(
      `--${flag} "${value}" is not an ISO date or time, e.g. 2026-03-29 or 2026-03-29T08:00:00Z`,
    );
  return at;
}

/** `policywire digest <topic...> [--since] [--until] [--json]`: composes a digest of the given topics now. */
export async function digestVerb(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags({
    args: argv,
    options: { json: { type: 'boolean' }, since: { type: 'string' }, until: { type: 'string' } },
  });
  const topics = positionals.map((topic) => topic.trim()).filter(Boolean);
  if (topics.length === 0)
    throw new UsageError(`${USAGE}\n  each topic is a topic name (export-controls) or a quoted query`);
  const untilFlag = parseInstant('until', values.until);
  const sinceFlag = parseInstant('since', values.since);
  return withApp('warn', async (app) => {
    const until = untilFlag ?? app.core.clock.now();
    const since = sinceFlag ?? new Date(until.getTime() - 86_400_000);
    if (since.getTime() >= until.getTime())
      throw new UsageError(
        `--since (${since.toISOString()}) must be before --until (${until.toISOString()})`,
      );
    const services = app.digests;
    const digest = await services.composer.composeOne({
      key: 'cli',
      tenant: CONSOLE_TENANT,
      topics,
      since,
      until,
    });
    if (values.json) {
      printJson(digestJson(digest));
      return 0;
    }
    const reply = buildDigestReply(digest, {
      timeZone: 'UTC',
      at: until,
      health: summarizeSourceHealth(await app.core.sources.list(CONSOLE_TENANT), since),
      whenEmpty: 'line',
    })!;
    process.stdout.write(`${renderText(reply)}\n`);
    return 0;
  });
}
