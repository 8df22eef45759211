import type { IngestItem } from '../ingest/ingest-inputs.ts';
import { ingestInputs } from '../ingest/ingest-inputs.ts';
import { type ExitCode, parseFlags, printJson, UsageError, withApp } from './shared.ts';

/** `policywire ingest <path|url>... [--json]`: stores articles from files, directories and URLs. */
export async function ingestVerb(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags({ args: argv, options: { json: { type: 'boolean' } } });
  if (positionals.length === 0)
    throw new UsageError('usage: policywire ingest <file|directory|url>... [--json]');
  return withApp('warn', async (app) => {
    const progress = createProgress(Boolean(values.json));
    const report = await ingestInputs(
      positionals,
      { writer: app.core.writer, fetchLimits: app.fetchLimits, fetcher: app.fetcher, logger: app.logger },
      { onItem: progress },
    );
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (values.json) printJson(report);
    else {
      process.stdout.write(
        `added ${report.added}, updated ${report.updated}, skipped ${report.skipped}, failed ${report.failed}\n`,
      );
      for (const item of report.items)
        if (item.status === 'failed') process.stdout.write(`  failed: ${item.input}: ${item.reason}\n`);
    }
    return report.failed > 0 ? 1 : 0;
  });
}

/** A progress bar on a terminal; plain lines when piped (and nothing on stdout in --json mode). */
function createProgress(json: boolean): (item: IngestItem, done: number, total: number) => void {
  if (process.stderr.isTTY) {
    return (item, done, total) => {
      const width = 30;
      const filled = Math.round((done / Math.max(1, total)) * width);
      const label = (item.title ?? item.input).slice(0, 40);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label.padEnd(40)}`,
      );
    };
  }
  if (json) return () => {};
  return (item, done, total) => {
    process.stdout.write(`${done}/${total} ${item.status} ${item.input}${item.id ? ` ${item.id}` : ''}\n`);
  };
}
