import { articleIdFor } from '../core/article.ts';
import { canonicalizeUrl } from '../core/canonical-url.ts';
import { storyReport } from '../core/versions/story-report.ts';
import { UserError } from '../errors.ts';
import { type ExitCode, parseFlags, printJson, UsageError, withApp } from './shared.ts';

/** `policywire story <article-id|url> [--json]`: an article's versions, its story's outlets and what changed. */
export async function storyVerb(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags({ args: argv, options: { json: { type: 'boolean' } } });
  const [key] = positionals;
  if (!key || positionals.length > 1)
    throw new UsageError('usage: policywire story <article-id|url> [--json]');
  return withApp('warn', async (app) => {
    const id = /^[a-f0-9]{16}$/.test(key) ? key : articleIdFor(canonicalizeUrl(key));
    const report = await storyReport(
      { articles: app.core.articles, history: app.core.history, clusterer: app.core.stories },
      id,
    );
    if (!report)
      throw new UserError(
        'not_found',
        `no stored article with id or URL "${key}"`,
        'Find ids with: policywire news <query> --json',
      );
    if (values.json) {
      printJson(report);
      return 0;
    }
    const lines = [report.title, `Covered by: ${report.outlets.join(', ')}`, ''];
    for (const version of report.versions)
      lines.push(
        `${version.at}  ${version.title}${version.changes.length ? `\n    ${version.changes.join('\n    ')}` : ''}`,
      );
    lines.push('', report.whatChanged || 'No material change since it was first seen.');
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  });
}
