import { articleIdFor } from '../core/article.ts';
import { canonicalizeUrl } from '../core/canonical-url.ts';
import { UserError } from '../errors.ts';
import { type ExitCode, parseFlags, printJson, UsageError, withApp } from './shared.ts';

/** `policywire article <id|url> --json`: one stored article with its extracted text. */
export async function articleVerb(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags({ args: argv, options: { json: { type: 'boolean' } } });
  const [key] = positionals;
  if (!key || positionals.length > 1) throw new UsageError('usage: policywire article <id|url> [--json]');
  return withApp('warn', async (app) => {
    const id = /^[a-f0-9]{16}$/.test(key) ? key : articleIdFor(canonicalizeUrl(key));
    const article = await app.core.articles.get(id);
    if (!article)
      throw new UserError(
        'not_found',
        `no stored article with id or URL "${key}"`,
        'Find ids with: policywire news <query> --json',
      );
    if (values.json) printJson(article);
    else
      process.stdout.write(
        `${article.title}\n${article.source} · ${article.publishedAt ?? 'undated'}\n${article.canonicalUrl}\n\n${article.text}\n`,
      );
    return 0;
  });
}
