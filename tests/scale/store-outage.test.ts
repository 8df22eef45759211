import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { type BotInstance, freePort, runVerb, startInstance, waitUntil } from '../helpers/bot-instances.ts';
import { tempDir } from '../helpers/temp-store.ts';

const temp = tempDir();
let redis: ChildProcess | undefined;
let bot: BotInstance | undefined;

/** A redis-server of this test's own, on its own port, with its data in the temp dir (kept over a restart). */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', temp.dir, '--save', '', '--appendonly', 'yes'],
    { stdio: 'ignore' },
  );
  await waitUntil(
    async () => {
      try {
        const socket = await import('node:net').then((net) => net.connect(port, '127.0.0.1'));
        return await new Promise<boolean>((resolve) => {
          socket.once('connect', () => resolve(true));
          socket.once('error', () => resolve(false));
        }).finally(() => socket.destroy());
      } catch {
        return false;
      }
    },
    10_000,
    'redis-server to listen',
  );
  return child;
}

afterAll(async () => {
  await bot?.stop();
  if (redis?.pid && redis.exitCode === null && redis.signalCode === null) process.kill(redis.pid, 'SIGKILL');
  temp.cleanup();
});

/** Lines of the bot's JSON log with one of the given messages. */
const logLines = (instance: BotInstance, ...messages: string[]) =>
  instance
    .stderr()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string; instance?: string })
    .filter((line) => messages.length === 0 || messages.includes(line.msg));

function story(word: string): string {
  const file = join(temp.dir, `${word}.txt`);
  writeFileSync(
    file,
    `Regulators tighten the ${word} export rule\n\nRegulators tightened the ${word} export rule on Tuesday, ` +
      'citing national security concerns about advanced chips. The commerce department said the new ' +
      'licence requirement applies to shipments worth more than ten thousand dollars.\n',
  );
  return file;
}

/** Sends a line and waits for the answer to show `expected`; resolves with how long that took. */
async function answerTime(
  instance: BotInstance,
  line: string,
  expected: string,
  ms: number,
): Promise<number> {
  const before = instance.stdout().length;
  const sent = Date.now();
  instance.send(line);
  await waitUntil(
    () => instance.stdout().slice(before).includes(expected),
    ms,
    `"${expected}" after ${line}; got ${JSON.stringify(instance.stdout().slice(before))}`,
  );
  return Date.now() - sent;
}

describe.runIf(process.env.REDIS_URL)('a bot whose Redis goes away and comes back', () => {
  it('answers within 2 s that the store is unreachable, logs the outage once, and catches up after it', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    const env = {
      STORE_URL: `redis://127.0.0.1:${port}`,
      STORE_PREFIX: 'outage',
      INDEX_SNAPSHOT_DIR: join(temp.dir, 'snapshots'),
    };
    bot = await startInstance('outage-bot', env);
    await waitUntil(async () => (await bot!.readyz())?.status === 200, 90_000, 'the bot to be ready');
    const before = `ocelotine${randomUUID().slice(0, 6)}`;
    expect((await runVerb(['ingest', story(before)], { ...env, LOG_LEVEL: 'warn' })).code).toBe(0);
    await answerTime(bot, `/news ${before}`, `the ${before} export rule`, 10_000);

    // The store dies under the running bot.
    process.kill(redis.pid!, 'SIGKILL');
    await new Promise((resolve) => redis!.once('exit', resolve));
    const downAt = Date.now();
    const unreachable = 'news store is unreachable right now, try again in a minute';
    const times: number[] = [];
    for (const line of ['/sources list', '/topics list', `/news ${before} topic:chips`])
      times.push(await answerTime(bot, line, unreachable, 2_000));
    // /news answers from the cards the bot remembers, and says so.
    const fromMemory = 'Results are from memory while the news store is unreachable';
    for (const line of [`/news ${before}`, `/news ${before} since:7d`]) {
      const start = bot.stdout().length;
      times.push(await answerTime(bot, line, fromMemory, 2_000));
      expect(bot.stdout().slice(start)).toContain(`the ${before} export rule`);
    }
    for (const ms of times) expect(ms).toBeLessThan(2_000);
    const readyz = await bot.readyz();
    expect(readyz?.status).toBe(503);
    expect(readyz?.body.store).toMatchObject({ reachable: false });
    // Ten seconds of outage with commands and the follower hammering the dead store.
    while (Date.now() - downAt < 10_000) {
      bot.send(`/news ${before}`);
      await sleep(250);
    }
    const outageLines = logLines(bot).filter((line) => line.level >= 40);
    expect(logLines(bot, 'store unreachable')).toHaveLength(1);
    // One line for the outage; nothing per failed command, reconnect attempt or follower retry.
    expect(outageLines.length, JSON.stringify(outageLines.slice(0, 6))).toBeLessThanOrEqual(2);

    // The store comes back (with its data): the bot says so once, and follows new writes again.
    redis = await startRedis(port);
    await waitUntil(() => logLines(bot!, 'store reachable again').length === 1, 10_000, 'the recovery line');
    await waitUntil(async () => (await bot!.readyz())?.status === 200, 15_000, 'the bot to be ready again');
    const after = `pangolite${randomUUID().slice(0, 6)}`;
    expect((await runVerb(['ingest', story(after)], { ...env, LOG_LEVEL: 'warn' })).code).toBe(0);
    const written = Date.now();
    await waitUntil(
      () => {
        if (bot!.stdout().includes(`the ${after} export rule`)) return true;
        bot!.send(`/news ${after}`);
        return false;
      },
      5_000,
      'the article written after the outage',
    );
    expect(Date.now() - written).toBeLessThan(5_000);
    await answerTime(bot, `/news ${before}`, `the ${before} export rule`, 2_000);
    expect(bot.stdout()).not.toContain('none pass your filters');
  }, 180_000);
});
