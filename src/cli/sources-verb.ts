import { readFile } from 'node:fs/promises';
import { dispatch } from '../../commands/dispatch.ts';
import { renderText } from '../adapters/console/render-text.ts';
import type { Reply } from '../core/reply.ts';
import { CONSOLE_TENANT } from '../core/tenant.ts';
import { UserError } from '../errors.ts';
import { parseOpmlSources, toOpml } from '../ingest/opml.ts';
import { scrubUrlCredentials } from '../url-credentials.ts';
import { cliContext } from './cli-context.ts';
import { type ExitCode, parseFlags, printJson, UsageError, withApp } from './shared.ts';

const USAGE =
  'usage: policywire sources add <url> [name] | remove <name|url> | list [--json] | import <file.opml> | export';

const failed = (reply: Reply) => reply.kind === 'notice' && reply.level === 'error';

/** `policywire sources ...`: the console workspace's sources, through the same command as `/sources`. */
export async function sourcesVerb(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags({ args: argv, options: { json: { type: 'boolean' } } });
  const [action, ...rest] = positionals;
  if (!action || !['add', 'remove', 'list', 'import', 'export'].includes(action)) throw new UsageError(USAGE);
  return withApp('warn', async (app) => {
    const ctx = cliContext(app);
    if (action === 'list' && values.json) {
      const sources = await app.core.sources.list(CONSOLE_TENANT);
      // A listing is for reading, pasting and sharing: a basic-auth password shows as [secret].
      printJson(
        sources.map(({ seen: _seen, ...source }) => JSON.parse(scrubUrlCredentials(JSON.stringify(source)))),
      );
      return 0;
    }
    // An export is a backup to import again, so it keeps what the poller needs, credentials included.
    if (action === 'export') {
      const sources = await app.core.sources.list(CONSOLE_TENANT);
      process.stdout.write(`${toOpml('Policy Wire sources', sources, app.core.clock.now())}\n`);
      return 0;
    }
    if (action === 'import') {
      const [file] = rest;
      if (!file || rest.length > 1) throw new UsageError('usage: policywire sources import <file.opml>');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new UserError('not_found', `cannot read ${file}`);
      }
      let entries: ReturnType<typeof parseOpmlSources>;
      try {
        entries = parseOpmlSources(text);
      } catch (error) {
        throw new UserError('unsupported_input', `${file}: ${(error as Error).message}`);
      }
      if (entries.length === 0)
        throw new UserError('unsupported_input', `${file} lists no feeds (no xmlUrl outlines)`);
      const results = [];
      for (const entry of entries) {
        const reply = await dispatch(
          { name: 'sources', options: { action: 'add', target: entry.url, name: entry.name } },
          ctx,
        );
        results.push({
          name: entry.name,
          url: scrubUrlCredentials(entry.url),
          ok: !failed(reply),
          message: reply.kind === 'notice' ? reply.text : '',
        });
      }
      if (values.json) printJson(results);
      else for (const r of results) process.stdout.write(`${r.ok ? '✓' : '✗'} ${r.message}\n`);
      return results.every((r) => r.ok) ? 0 : 1;
    }
    const [target, ...name] = rest;
    const options =
      action === 'list'
        ? { action }
        : { action, ...(target ? { target } : {}), ...(name.length > 0 ? { name: name.join(' ') } : {}) };
    const reply = await dispatch({ name: 'sources', options }, ctx);
    if (values.json) printJson(reply);
    else process.stdout.write(`${renderText(reply)}\n`);
    return failed(reply) ? 1 : 0;
  });
}
