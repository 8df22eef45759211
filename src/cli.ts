import { articleVerb } from './cli/article-verb.ts';
import { chartVerb } from './cli/chart-verb.ts';
import { chatVerb } from './cli/chat-verb.ts';
import { deadlinesVerb } from './cli/deadlines-verb.ts';
import { digestVerb } from './cli/digest-verb.ts';
import { digestsVerb } from './cli/digests-verb.ts';
import { ingestVerb } from './cli/ingest-verb.ts';
import { newsVerb } from './cli/news-verb.ts';
import { pollVerb } from './cli/poll-verb.ts';
import { previewVerb } from './cli/preview-verb.ts';
import { registerDiscordVerb } from './cli/register-discord-verb.ts';
import { type ExitCode, reportError } from './cli/shared.ts';
import { slackManifestVerb } from './cli/slack-manifest-verb.ts';
import { sourcesVerb } from './cli/sources-verb.ts';
import { startVerb } from './cli/start-verb.ts';
import { statusVerb } from './cli/status-verb.ts';
import { storyVerb } from './cli/story-verb.ts';
import { summarizeVerb } from './cli/summarize-verb.ts';

const VERBS: Record<string, { run: (argv: string[]) => Promise<ExitCode>; help: string }> = {
  start: { run: startVerb, help: 'run the bot on every configured platform (console chat when none is)' },
  chat: { run: chatVerb, help: 'the console chat: reads lines like /news huawei from stdin' },
  ingest: { run: ingestVerb, help: 'ingest <file|dir|url>... [--json]: store articles' },
  news: { run: newsVerb, help: 'news <query...> [--json] [--page N]: search stored stories' },
  article: { run: articleVerb, help: 'article <id|url> [--json]: show one stored article' },
  story: {
    run: storyVerb,
    help: 'story <article-id|url> [--json]: an article’s versions, its outlets and what changed',
  },
  'slack-manifest': {
    run: slackManifestVerb,
    help: 'slack-manifest [--url https://host] [--socket-mode]: print the Slack app manifest to paste',
  },
  'register-discord': {
    run: registerDiscordVerb,
    help: 'register-discord [--dry-run]: register the Discord slash commands (guild-scoped with DISCORD_GUILD_ID)',
  },
  summarize: {
    run: summarizeVerb,
    help: 'summarize --jsonl [--extractive]: {"id","text"} lines in, {"id","summary"} out',
  },
  sources: {
    run: sourcesVerb,
    help: 'sources add <url> [name] | remove <name|url> | list | import <opml> | export',
  },
  preview: { run: previewVerb, help: 'preview <url|file> [--json]: what the bot would read, stored nowhere' },
  poll: { run: pollVerb, help: 'poll [--once] [--all] [--json]: poll due sources now and report each' },
  digest: {
    run: digestVerb,
    help: 'digest <topic...> [--since ISO] [--until ISO] [--json]: compose a digest now',
  },
  status: {
    run: statusVerb,
    help: 'status [--json]: instance id, store reachability, index sequence and lag, job queues, last poll/delivery',
  },
  chart: { run: chartVerb, help: 'chart <topic...> [--days 30] --out file.png: stories per day as a PNG' },
  digests: { run: digestsVerb, help: 'digests list|show <id> [--json]: the archive of delivered digests' },
  deadlines: {
    run: deadlinesVerb,
    help: 'deadlines [--days N] [--json]: open comment periods, soonest first',
  },
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
  const entry = Object.hasOwn(VERBS, verb) ? VERBS[verb] : undefined;
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
