import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { Article } from '../src/core/article.ts';
import { createCore } from '../src/core/core.ts';
import type { Stores } from '../src/core/ports/stores.ts';
import { createStores } from '../src/core/store/open-stores.ts';
import { systemClock } from '../src/core/system-clock.ts';
import { CONSOLE_TENANT } from '../src/core/tenant.ts';
import { createSsrfGuard } from '../src/ingest/ssrf-guard.ts';
import { createLogger } from '../src/logger.ts';
import { commandFields, FakeSlack, sendSlashCommand } from '../tests/adapters/slack/fake-slack.ts';
import { ALPHA_TEAM, SIGNING_SECRET } from '../tests/adapters/slack/harness.ts';
import { dropPostgresPrefix, freePort, waitUntil } from '../tests/helpers/bot-instances.ts';
import { BIN, cliEnv } from '../tests/helpers/cli.ts';
import { percentile } from './measure.ts';
import { loadTechArticles, toArticles } from './tech-corpus.ts';

/**
 * Scaling out, measured (`npm run bench -- scale`, or its alias `npm run bench:scale`; too slow for the default
 * `npm run bench` set): for Redis and PostgreSQL,
 * fill a store with N corpus articles, then time a brand-new instance (answers at once, builds in the
 * background), a restart from its local snapshot, and, with two `policywire start` processes serving Slack
 * over HTTP, ingest-to-visible latency on both while signed `/news` requests arrive at a steady rate.
 */
const { values: flags } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '10' },
    text: { type: 'string', default: '3000' },
    backends: { type: 'string', default: 'redis,postgres' },
    postgres: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/test' },
  },
  strict: false,
});
const N = Number(flags.articles);
const SECONDS = Number(flags.seconds);
const RATE = Number(flags.rate);
const TEXT = Number(flags.text);
const logger = createLogger('silent');
const guard = createSsrfGuard({ allowPrivate: false });
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const QUERIES = ['export controls', 'huawei', 'antitrust', 'privacy law', 'ai regulation', 'chips'];

async function openCore(url: string, prefix: string, snapshotDir: string) {
  const stores = await createStores({ url, prefix, logger, snapshotDir });
  const core = await createCore({
    stores,
    clock: systemClock,
    logger,
    sourceGuard: guard,
    warmInBackground: true,
  });
  return { stores, core };
}

async function fill(stores: Stores, articles: Article[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < articles.length; i += 50)
    await Promise.all(articles.slice(i, i + 50).map((a) => stores.articles.put(a)));
  return performance.now() - started;
}

/** Brand-new (no snapshot: answers at once, builds behind) and restart (snapshot + tail), in this process. */
async function startTimes(url: string, prefix: string, dir: string): Promise<string[]> {
  let started = performance.now();
  const fresh = await openCore(url, prefix, dir);
  const search = () =>
    fresh.core.news.search('export controls', { tenant: CONSOLE_TENANT, page: 1, pageSize: 5 });
  const first = await search();
  const answered = performance.now() - started;
  await waitUntil(async () => (await fresh.core.indexProgress()).state === 'ready', 900_000, 'the build');
  const built = performance.now() - started;
  const size = fresh.core.index.size;
  await fresh.core.close(); // saves the snapshot
  await fresh.stores.close();
  started = performance.now();
  const again = await openCore(url, prefix, dir);
  const restarted = performance.now() - started;
  const progress = await again.core.indexProgress();
  await again.core.close();
  await again.stores.close();
  return [
    `brand-new instance: first /news answered after ${s(answered)} (${first.warming ? 'warming, ' : ''}${first.total} matches), index built in the background after ${s(built)} (${size} articles)`,
    `restart from its local snapshot: ${s(restarted)} to a ready index (${progress.state}, ${progress.articles} articles, lag ${progress.lag})`,
  ];
}

interface Child {
  child: ChildProcess;
  port: number;
  stderr: () => string;
}

async function startBot(env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: cliEnv({ LOG_LEVEL: 'warn', PORT: String(port), ...env }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  return { child, port, stderr: () => err };
}

async function readyz(port: number): Promise<{ status: number; sequence: number } | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json()) as { index?: { sequence?: number } };
    return { status: response.status, sequence: body.index?.sequence ?? -1 };
  } catch {
    return undefined;
  }
}

/** The load phase: two bot processes, signed /news at RATE/s for SECONDS, one write every 500 ms. */
async function loadPhase(url: string, prefix: string, dir: string, writer: Stores, spare: Article[]) {
  const fake = await new FakeSlack().start();
  fake.addTeam(ALPHA_TEAM);
  const env = (name: string) => {
    const own = join(dir, name);
    mkdirSync(own, { recursive: true });
    // Each process its own copy of the snapshot, as each machine keeps its own.
    const snapshot = writer.indexSnapshotPath;
    if (snapshot && existsSync(snapshot)) copyFileSync(snapshot, join(own, basename(snapshot)));
    return {
      STORE_URL: url,
      STORE_PREFIX: prefix,
      INDEX_SNAPSHOT_DIR: own,
      INSTANCE_ID: name,
      SLACK_BOT_TOKEN: ALPHA_TEAM.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
    };
  };
  const launched = performance.now();
  const bots = [await startBot(env('bench-a')), await startBot(env('bench-b'))];
  const lines: string[] = [];
  try {
    await waitUntil(
      async () => (await Promise.all(bots.map((b) => readyz(b.port)))).every((r) => r?.status === 200),
      300_000,
      'both bots ready',
    );
    lines.push(
      `two restarted processes (node boot + snapshot + tail) ready on /readyz after ${s(performance.now() - launched)}`,
    );
    const acks: number[] = [];
    let errors = 0;
    let sent = 0;
    const visible: number[] = [];
    const sentAt = new Map<string, number>();
    const end = Date.now() + SECONDS * 1000;
    const load = (async () => {
      const every = 1000 / RATE;
      for (let next = Date.now(); next < end; next += every) {
        await sleep(Math.max(0, next - Date.now()));
        const bot = bots[sent % bots.length]!;
        const id = `r${sent++}`;
        const fields = commandFields(fake, id, {
          team: ALPHA_TEAM.teamId,
          user: 'U0LOAD',
          text: QUERIES[sent % QUERIES.length]!,
          // A channel per request: public cards go out with chat.postMessage, found by their channel.
          channel: `C0LOAD${sent}`,
        });
        const t0 = performance.now();
        sentAt.set(id, Date.now());
        void sendSlashCommand(`http://127.0.0.1:${bot.port}/slack/events`, SIGNING_SECRET, fields)
          .then(async (response) => {
            acks.push(performance.now() - t0);
            if (response.status !== 200) errors++;
            await response.arrayBuffer();
          })
          .catch(() => {
            errors++;
          });
      }
    })();
    let written = 0;
    let notSeen = 0;
    while (Date.now() < end - 1_000 && written < spare.length) {
      const article = spare[written++]!;
      await writer.articles.put(article);
      const seq = await writer.changeLog.head();
      const t0 = performance.now();
      await Promise.all(
        bots.map(async (bot) => {
          const seen = await waitUntil(
            async () => ((await readyz(bot.port))?.sequence ?? -1) >= seq,
            30_000,
            'visible',
          ).then(
            () => true,
            () => false,
          );
          if (seen) visible.push(performance.now() - t0);
          else notSeen++;
        }),
      );
      await sleep(500);
    }
    await load;
    await sleep(3_000);
    // The first answer per request: through response_url, or the cards it posted with chat.postMessage
    // (whose ts is Slack's receive time, in seconds).
    const firstAnswer = new Map<string, number>();
    for (const [id, at] of sentAt) {
      const [first] = fake.answersFor(id);
      if (!first) continue;
      const ts = first.body.via === 'chat.postMessage' ? Number(first.body.ts) * 1000 : first.at;
      firstAnswer.set(id, ts - at);
    }
    const answered = firstAnswer.size;
    const answers = [...firstAnswer.values()].sort((a, b) => a - b);
    const sortedAcks = acks.sort((a, b) => a - b);
    const sortedVisible = visible.sort((a, b) => a - b);
    lines.push(
      `ingest-to-visible on the other instances (${visible.length} samples, ${written} writes): p50 ${s(percentile(sortedVisible, 50))}, p99 ${s(percentile(sortedVisible, 99))}, max ${s(sortedVisible.at(-1) ?? 0)}, not visible within 30 s: ${notSeen}`,
      `signed /news at ${RATE}/s for ${SECONDS} s: ${sent} sent, ack p50 ${s(percentile(sortedAcks, 50))}, p99 ${s(percentile(sortedAcks, 99))}, errors ${errors}; answered (response_url or posted cards) ${answered}, answer p50 ${s(percentile(answers, 50))}, p99 ${s(percentile(answers, 99))}`,
    );
  } finally {
    for (const bot of bots) bot.child.kill('SIGKILL');
    await fake.close();
  }
  return lines;
}

async function benchBackend(name: string, url: string, rows: ReturnType<typeof loadTechArticles>) {
  const prefix = `bs${Date.now().toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), 'pw-scale-'));
  const all = toArticles(rows!, N + 200).map((a) => ({ ...a, text: a.text.slice(0, TEXT) }));
  const writer = await createStores({ url, prefix, logger, snapshotDir: join(dir, 'main') });
  try {
    const filled = await fill(writer, all.slice(0, N));
    console.log(`${name}: ${N} articles stored (text cut to ${TEXT} chars) in ${s(filled)}`);
    for (const line of await startTimes(url, prefix, join(dir, 'main'))) console.log(`${name}: ${line}`);
    for (const line of await loadPhase(url, prefix, dir, writer, all.slice(N)))
      console.log(`${name}: ${line}`);
    console.log(
      `${name}: load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
    );
  } finally {
    await writer.close();
    if (name === 'postgres') await dropPostgresPrefix(url, prefix).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A redis-server of the bench's own (no persistence), so 100k articles never land in the shared one. */
async function ownRedis(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await sleep(500);
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}

const rows = loadTechArticles();
if (rows) {
  console.log(
    `Scale bench: ${N} articles, load ${SECONDS} s at ${RATE} req/s; load average ${loadavg()[0]!.toFixed(1)} on 2 shared cores`,
  );
  for (const backend of String(flags.backends).split(',')) {
    if (backend === 'redis') {
      const redis = await ownRedis();
      try {
        await benchBackend('redis', redis.url, rows);
      } finally {
        redis.stop();
      }
    } else if (backend === 'postgres') {
      await benchBackend('postgres', String(flags.postgres), rows);
    }
  }
}
