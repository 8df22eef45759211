import { type ExitCode, reportError } from './cli/shared.ts';

// Each verb's module loads only when it runs: `start` alone needs the chat platforms' SDKs, and a CLI
// verb that imported them all started a second slower.
const VERBS: Record<string, { run: (argv: string[]) => Promise<ExitCode>; help: string }> = {
  start: {
    run: (argv) => import('./cli/start-verb.ts').then((m) => m.startVerb(argv)),
    help: 'run the bot on every configured platform (console chat when none is)',
  },
  chat: {
    run: (argv) => import('./cli/chat-verb.ts').then((m) => m.chatVerb(argv)),
    help: 'the console chat: reads lines like /news huawei from stdin',
  },
  ingest: {
    run: (argv) => import('./cli/ingest-verb.ts').then((m) => m.ingestVerb(argv)),
    help: 'ingest <file|dir|url>... [--json]: store articles',
  },
  news: {
    run: (argv) => import('./cli/news-verb.ts').then((m) => m.newsVerb(argv)),
    help: 'news <query...> [--json] [--page N]: search stored stories',
  },
  article: {
    run: (argv) => import('./cli/article-verb.ts').then((m) => m.articleVerb(argv)),
    help: 'article <id|url> [--json]: show one stored article',
  },
  story: {
    run: (argv) => import('./cli/story-verb.ts').then((m) => m.storyVerb(argv)),
    help: 'story <article-id|url> [--json]: an article’s versions, its outlets and what changed',
  },
  'slack-manifest': {
    run: (argv) => import('./cli/slack-manifest-verb.ts').then((m) => m.slackManifestVerb(argv)),
    help: 'slack-manifest [--url https://host] [--socket-mode]: print the Slack app manifest to paste',
  },
  'register-discord': {
    run: (argv) => import('./cli/register-discord-verb.ts').then((m) => m.registerDiscordVerb(argv)),
    help: 'register-discord [--dry-run]: register the Discord slash commands (guild-scoped with DISCORD_GUILD_ID)',
  },
  summarize: {
    run: (argv) => import('./cli/summarize-verb.ts').then((m) => m.summarizeVerb(argv)),
    help: 'summarize --jsonl [--extractive]: {"id","text"} lines in, {"id","summary"} out',
  },
  sources: {
    run: (argv) => import('./cli/sources-verb.ts').then((m) => m.sourcesVerb(argv)),
    help: 'sources add <url> [name] | remove <name|url> | list | import <opml> | export',
  },
  preview: {
    run: (argv) => import('./cli/preview-verb.ts').then((m) => m.previewVerb(argv)),
    help: 'preview <url|file> [--json]: what the bot would read, stored nowhere',
  },
  poll: {
    run: (argv) => import('./cli/poll-verb.ts').then((m) => m.pollVerb(argv)),
    help: 'poll [--once] [--all] [--json]: poll due sources now and report each',
  },
  digest: {
    run: (argv) => import('./cli/digest-verb.ts').then((m) => m.digestVerb(argv)),
    help: 'digest <topic...> [--since ISO] [--until ISO] [--json]: compose a digest now',
  },
  status: {
    run: (argv) => import('./cli/status-verb.ts').then((m) => m.statusVerb(argv)),
    help: 'status [--json]: instance id, store reachability, index sequence and lag, job queues, last poll/delivery',
  },
  chart: {
    run: (argv) => import('./cli/chart-verb.ts').then((m) => m.chartVerb(argv)),
    help: 'chart <topic...> [--days 30] --out file.png: stories per day as a PNG',
  },
  digests: {
    run: (argv) => import('./cli/digests-verb.ts').then((m) => m.digestsVerb(argv)),
    help: 'digests list|show <id> [--json]: the archive of delivered digests',
  },
  deadlines: {
    run: (argv) => import('./cli/deadlines-verb.ts').then((m) => m.deadlinesVerb(argv)),
    help: 'deadlines [--days N] [--json]: open comment periods, soonest first',
  },
};

function usage(): string {
  // The column fits the longest verb, so a new long one (register-discord) cannot push its line out of step.
  const width = Math.max(...Object.keys(VERBS).map((name) => name.length));
  return [
    'usage: policywire <verb> [options]',
    '',
    ...Object.entries(VERBS).map(([name, verb]) => `  ${name.padEnd(width)} ${verb.help}`),
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

// Every verb writes to this one stream, so its reader going away (`policywire preview feed.xml | head -3`) is
// handled here once: that is the reader's choice, not a failure. Output stops, but the verb runs to its end,
// so an `ingest <folder> | head` still stores every file, closes the store and keeps its exit code.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.stdout.write = (() => true) as typeof process.stdout.write;
});

process.exitCode = await main(process.argv.slice(2));
