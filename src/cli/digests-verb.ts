import type { DigestRecord } from '../../digests/subscription.ts';
import { renderText } from '../adapters/console/render-text.ts';
import type { Reply } from '../core/reply.ts';
import { tenantKey } from '../core/tenant.ts';
import { countOf } from '../core/text/plural.ts';
import { UserError } from '../errors.ts';
import { type ExitCode, parseFlags, printJson, UsageError, withApp } from './shared.ts';

const USAGE = 'usage: policywire digests list [--json] [--limit N] | policywire digests show <id> [--json]';

/** `policywire digests list|show <id>`: the archive of delivered digests, newest first. */
export async function digestsVerb(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags({
    args: argv,
    options: { json: { type: 'boolean' }, limit: { type: 'string' } },
  });
  const [action, id, ...extra] = positionals;
  if (action !== 'list' && action !== 'show') throw new UsageError(USAGE);
  if (action === 'show' && (!id || extra.length > 0)) throw new UsageError(USAGE);
  if (action === 'list' && id) throw new UsageError(USAGE);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit must be a whole number above 0; got "${values.limit}"`);
  return withApp('warn', async (app) => {
    const { archive } = app.digests.stores;
    const records: DigestRecord[] = [];
    for await (const entry of archive.listAll()) records.push(entry.value);
    if (action === 'show') {
      const record = records.find((r) => r.id === id?.toLowerCase());
      if (!record)
        throw new UserError(
          'not_found',
          `no archived digest with id "${id}"`,
          'List them with: policywire digests list',
        );
      if (values.json) printJson(record);
      else
        process.stdout.write(
          `${record.id} · ${tenantKey(record.tenant)} #${record.channelId} · ${record.localDate} ${record.timeZone} · ${record.status}${record.late ? ' (late)' : ''}\n\n${renderText(record.reply as unknown as Reply)}\n`,
        );
      return 0;
    }
    records.sort((a, b) => b.scheduledFor.localeCompare(a.scheduledFor) || a.id.localeCompare(b.id));
    const shown = records.slice(0, limit);
    if (values.json) {
      printJson({
        total: records.length,
        digests: shown.map((r) => ({
          id: r.id,
          tenant: tenantKey(r.tenant),
          channel: r.channelId,
          localDate: r.localDate,
          timeZone: r.timeZone,
          scheduledFor: r.scheduledFor,
          deliveredAt: r.deliveredAt ?? null,
          status: r.status,
          late: r.late,
          stories: r.sections.reduce((n, s) => n + s.stories.length, 0),
        })),
      });
      return 0;
    }
    if (records.length === 0) {
      process.stdout.write('No digests delivered yet.\n');
      return 0;
    }
    for (const r of shown) {
      const stories = r.sections.reduce((n, s) => n + s.stories.length, 0);
      process.stdout.write(
        `${r.id}  ${r.localDate}  ${tenantKey(r.tenant)} #${r.channelId}  ${countOf(stories, 'story', 'stories')}  ${r.status}${r.late ? ' (late)' : ''}\n`,
      );
    }
    if (records.length > shown.length)
      process.stdout.write(`… ${records.length - shown.length} more (--limit)\n`);
    return 0;
  });
}
