import { articleVerb } from './cli/article.ts';
import { chatVerb } from './cli/chat.ts';
import { digestVerb } from './cli/digest.ts';
import { digestsVerb } from './cli/digests.ts';
import { ingestVerb } from './cli/ingest.ts';
import { newsVerb } from './cli/news.ts';
import { type ExitCode, reportError } from './cli/shared.ts';
import { startVerb } from './cli/start.ts';

const VERBS: Record<string, { run: (argv: string[]) => Promise<ExitCode>; help: string }> = {
  start: { run: startVerb, help: 'run the bot on every configured platform (console chat when none is)' },
  chat: { run: chatVerb, help: 'the console chat: reads lines like /news huawei from stdin' },
  ingest: { run: ingestVerb, help: 'ingest <file|dir|url>... [--json]: store articles' },
  news: { run: newsVerb, help: 'news <query...> [--json] [--page N]: search stored stories' },
  article: { run: articleVerb, help: 'article <id|url> [--json]: show one stored article' },
  digest: {
    run: digestVerb,
    help: 'digest <topic...> [--since ISO] [--until ISO] [--json]: compose a digest now',
  },
  digests: { run: digestsVerb, help: 'digests list|show <id> [--json]: the archive of delivered digests' },
};

function usage(): string {
  return [
    'usage: policywire <verb> [options]',
    '',
    ...Object.entries(VERBS).map(([name, verb]) => `  ${name.padEnd(10)} ${verb.help}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<ExitCode> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(`${usage()}\n`);
    return verb ? 0 : 2;
  }
  const entry = VERBS[verb];
  if (!entry) {
    process.stderr.write(`policywire: unknown verb "${verb}"\n${usage()}\n`);
    return 2;
  }
  try {
    return await entry.run(rest);
  } catch (error) {
    return reportError(error);
  }
}

process.exitCode = await main(process.argv.slice(2));
