import { dispatch } from '../../commands/dispatch.ts';
import { renderText } from '../adapters/console/render-text.ts';
import { UserError } from '../errors.ts';
import { cliContext } from './cli-context.ts';
import { type ExitCode, parseFlags, printJson, withApp } from './shared.ts';

/** The shell's form: the command's own usage is the chat form (`/news <query> [page:N]`). */
const USAGE =
  'usage: policywire news <query...> [--json] [--page N], e.g. policywire news huawei source:reuters since:7d';

/** `policywire news <query...> [--json] [--page N]`: the same answer as `/news`. */
export async function newsVerb(argv: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags({
    args: argv,
    options: { json: { type: 'boolean' }, page: { type: 'string' } },
  });
  const query = positionals.join(' ');
  return withApp('warn', async (app, _config, logger) => {
    const ctx = cliContext(app, logger);
    const reply = await dispatch(
      { name: 'news', options: { query, ...(values.page ? { page: values.page } : {}) } },
      ctx,
    );
    if (reply.kind === 'notice' && reply.level === 'error')
      throw new UserError(
        'invalid_option',
        reply.text,
        reply.hint?.startsWith('Usage: ') ? USAGE : reply.hint,
      );
    if (values.json) {
      const stories = reply.kind === 'stories' ? reply.stories : [];
      printJson({
        query,
        results: stories.map((s) => ({
          id: s.id,
          title: s.title,
          url: s.url,
          source: s.source,
          publishedAt: s.publishedAt ?? null,
          summary: s.summary,
          topics: s.topics,
          score: s.score ?? null,
          primarySources: s.primarySources ?? [],
          story: {
            id: s.id,
            articles: s.articleIds,
            sources: [s.source, ...s.alsoCoveredBy.map((o) => o.source)],
          },
        })),
      });
    } else process.stdout.write(`${renderText(reply)}\n`);
    return 0;
  });
}
