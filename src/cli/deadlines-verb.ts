import { visibleTo } from '../core/article.ts';
import { describeDeadline, openDeadlines } from '../core/policy/comment-deadlines.ts';
import { allPolicyArticles } from '../core/policy/follow-service.ts';
import { CONSOLE_TENANT, tenantKey } from '../core/tenant.ts';
import { type ExitCode, parseFlags, printJson, UsageError, withApp } from './shared.ts';

/** `policywire deadlines [--days N] [--json]`: open comment periods in the store, soonest first (days in UTC). */
export async function deadlinesVerb(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags({
    args: argv,
    options: { json: { type: 'boolean' }, days: { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 0 || days > 3650))
    throw new UsageError('--days takes a whole number of days from 0 to 3650, e.g. --days 14');
  return withApp('warn', async (app) => {
    const owner = tenantKey(CONSOLE_TENANT);
    const articles = (await allPolicyArticles(app.core.articles)).filter((a) => visibleTo(a, owner));
    const today = app.core.clock.now().toISOString().slice(0, 10);
    const deadlines = openDeadlines(articles, today, days === undefined ? {} : { withinDays: days });
    if (values.json) {
      printJson({
        deadlines: deadlines.map((d) => ({
          documentNumber: d.documentNumber ?? null,
          title: d.title,
          url: d.url,
          commentUrl: d.commentUrl ?? null,
          closesOn: d.closesOn,
          daysLeft: d.daysLeft,
          docketIds: d.docketIds,
          agencies: d.agencies,
        })),
      });
      return 0;
    }
    if (deadlines.length === 0) process.stdout.write('No open comment periods.\n');
    for (const d of deadlines)
      process.stdout.write(
        `${d.closesOn}  ${d.title}\n  ${describeDeadline(d)} · ${d.commentUrl ?? d.url}\n`,
      );
    return 0;
  });
}
