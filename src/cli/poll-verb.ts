import type { SourcePollResult } from '../ingest/poll.ts';
import { createAppPoller } from '../ingest/start-polling.ts';
import { scrubUrlCredentials } from '../url-credentials.ts';
import { type ExitCode, parseFlags, printJson, withApp } from './shared.ts';

function line(result: SourcePollResult): string {
  const counts = `added ${result.added}, updated ${result.updated}, unchanged ${result.skipped}, failed ${result.failed}`;
  // Terminals get pasted into tickets and shared screens: a feed's basic-auth password stays in the store.
  const head = `${result.status === 'failed' ? '✗' : '✓'} ${result.name} (${scrubUrlCredentials(result.url)})`;
  if (result.status === 'failed') return `${head}: ${result.error}\n  next try ${result.nextPollAt}`;
  if (result.status === 'not-modified') return `${head}: not modified since the last poll`;
  return `${head}: ${counts}${result.backlog ? ' (first read: stored as backlog)' : ''}`;
}

/** `policywire poll [--once] [--all] [--json]`: polls due sources now and reports per source; without --once it keeps polling every minute. */
export async function pollVerb(argv: string[]): Promise<ExitCode> {
  const { values } = parseFlags({
    args: argv,
    options: { once: { type: 'boolean' }, all: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  return withApp('warn', async (app) => {
    const poller = createAppPoller(app);
    const report = (results: SourcePollResult[]) => {
      if (values.json) printJson(results.map((r) => ({ ...r, url: scrubUrlCredentials(r.url) })));
      else if (results.length === 0) process.stdout.write('no source is due\n');
      else for (const result of results) process.stdout.write(`${line(result)}\n`);
    };
    const results = await poller.pollDue({ all: Boolean(values.all) });
    report(results);
    if (values.once) return results.some((r) => r.status === 'failed') ? 1 : 0;
    let busy = false;
    const timer = setInterval(async () => {
      if (busy) return; // no overlap: a slow run delays the next one
      busy = true;
      try {
        report(await poller.pollDue());
      } finally {
        busy = false;
      }
    }, 60_000);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    clearInterval(timer);
    return 0;
  });
}
