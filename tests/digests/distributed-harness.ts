import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createClient } from '@redis/client';
import pg from 'pg';
import { createCore } from '../../src/core/core.ts';
import type { Stores } from '../../src/core/ports/stores.ts';
import { pgBossSchema } from '../../src/core/store/job-queue-pgboss.ts';
import { createStores } from '../../src/core/store/open-stores.ts';
import type { Tenant } from '../../src/core/tenant.ts';
import { createSsrfGuard } from '../../src/ingest/ssrf-guard.ts';
import { FakeSlack } from '../adapters/slack/fake-slack.ts';
import { startFakeDiscord } from '../fakes/fake-discord.ts';
import { nodeScript } from '../helpers/cli.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { digestServicesFor } from '../helpers/context.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { addArticle, dueSubscription } from './support.ts';

const WORKER = fileURLToPath(new URL('./distributed-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The shared servers of these machines; each test keeps to its own random prefix on them. */
export const BACKEND_URLS = {
  redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  postgres: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
} as const;

export const SLACK_TEAM = {
  teamId: 'T0DIST',
  botToken: 'xoxb-dist',
  botUserId: 'U0BOT',
  botId: 'B0BOT',
  users: {},
};
export const SLACK_CHANNELS = ['C0D1', 'C0D2', 'C0D3', 'C0D4', 'C0D5', 'C0D6'];
export const GUILD = {
  id: '300000000000000001',
  name: 'Dist',
  channelIds: [
    '400000000000000001',
    '400000000000000002',
    '400000000000000003',
    '400000000000000004',
    '400000000000000005',
    '400000000000000006',
  ],
};

/** Three (or more) bot processes on one store and job engine, and the fakes they post to. */
export async function openCluster(backend: keyof typeof BACKEND_URLS) {
  const url = BACKEND_URLS[backend];
  const prefix = `dj${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const epoch = Date.now();
  const slack = await new FakeSlack().start();
  slack.addTeam(SLACK_TEAM);
  const discord = await startFakeDiscord({ guilds: [GUILD], nonceWindowMs: 0 });
  const feedFetches: number[] = [];
  const feed: Server = createServer((req, res) => {
    if (req.url === '/feed.xml') feedFetches.push(Date.now());
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.xml`;
  const stores: Stores = await createStores({ url, prefix });
  const core = await createCore({
    stores,
    sourceGuard: createSsrfGuard({ allowPrivate: true }),
    clock: createFixedClock(new Date(Date.now() - 10 * 60_000)),
    logger: createSilentLogger(),
  });
  const digests = digestServicesFor(core, stores);
  const children = new Map<string, ChildProcess>();
  /** Instances that said ready and have not been killed since. */
  const ready = new Set<string>();

  const spawnBot = async (name: string, speed: number): Promise<ChildProcess> => {
    const child = spawn(process.execPath, nodeScript(WORKER), {
      cwd: ROOT,
      env: {
        ...process.env,
        PW_INSTANCE: name,
        PW_STORE_URL: url,
        PW_PREFIX: prefix,
        PW_EPOCH: String(epoch),
        PW_SPEED: String(speed),
        PW_SLACK_TOKEN: SLACK_TEAM.botToken,
        PW_SLACK_API: slack.apiUrl,
        PW_DISCORD_API: discord.apiUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(name, child);
    let errors = '';
    child.stderr?.on('data', (chunk) => {
      errors += String(chunk);
    });
    const started = new Promise<void>((resolve) =>
      child.stdout?.on('data', (chunk) => {
        if (!String(chunk).includes('ready')) return;
        if (children.get(name) === child) ready.add(name);
        resolve();
      }),
    );
    await Promise.race([
      started,
      once(child, 'exit').then(() => Promise.reject(new Error(`${name} exited: ${errors.slice(-2000)}`))),
    ]);
    return child;
  };

  const kill = async (name: string) => {
    const child = children.get(name);
    ready.delete(name);
    if (!child || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  };

  const close = async () => {
    for (const child of children.values()) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(
      [...children.values()].map((child) => (child.exitCode === null ? once(child, 'exit') : null)),
    );
    feed.closeAllConnections();
    feed.close();
    await slack.close();
    await discord.close?.();
    await stores.close();
    await dropPrefix(backend, url, prefix);
  };

  const subscribe = (tenant: Tenant, channelId: string) =>
    digests.stores.subscriptions.put(tenant, channelId, dueSubscription(tenant, channelId));

  return {
    url,
    prefix,
    slack,
    discord,
    feedUrl,
    feedFetches,
    core,
    stores,
    children,
    ready,
    spawnBot,
    kill,
    close,
    subscribe,
    addArticle: (title: string) => addArticle(core, { title }),
  };
}

/** Removes every key, table and schema of this prefix, and nothing else. */
async function dropPrefix(backend: keyof typeof BACKEND_URLS, url: string, prefix: string): Promise<void> {
  if (backend === 'redis') {
    const client = createClient({ url });
    await client.connect();
    for await (const keys of client.scanIterator({ MATCH: `*${prefix}*`, COUNT: 500 }))
      if (keys.length > 0) await client.del(keys);
    await client.quit();
    return;
  }
  const pool = new pg.Pool({ connectionString: url });
  const { rows } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE $1`,
    [`${prefix}\\_%`],
  );
  for (const { name } of rows) await pool.query(`DROP TABLE IF EXISTS "${name}" CASCADE`);
  await pool.query(`DROP SCHEMA IF EXISTS ${pgBossSchema(prefix)} CASCADE`);
  await pool.end();
}

const FEED = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Loopback Policy</title><link>http://127.0.0.1/</link><description>d</description>
<item><title>Regulators weigh a new spectrum auction</title><link>http://127.0.0.1/spectrum</link><guid>spectrum-1</guid>
<pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>
<description>Regulators weigh a new spectrum auction for mid-band frequencies, with carriers pressing for more licences and rural groups asking for coverage duties attached to every award.</description></item>
</channel></rss>`;
