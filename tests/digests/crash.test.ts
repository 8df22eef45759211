import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryKey, type Subscription } from '../../digests/subscription.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { nodeScript } from '../helpers/cli.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { openLedger } from '../helpers/temp-store.ts';
import { until } from '../helpers/wait.ts';
import { addArticle, openTestCore, type TestCore } from './support.ts';

const WORKER = fileURLToPath(new URL('./crash-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHANNELS = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'];

let server: Server | undefined;
let open: TestCore | undefined;
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  server?.closeAllConnections();
  server?.close();
  await open?.close();
});

/** The fake chat platform: a message counts once its response has been sent, as a real API's would. */
function fakeChat(slowAt: number) {
  const committed: string[] = [];
  const abandoned: string[] = [];
  let received = 0;
  let onSlow: () => void = () => {};
  const slowSeen = new Promise<void>((resolve) => {
    onSlow = resolve;
  });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const { channel } = JSON.parse(body) as { channel: string };
      received++;
      if (received === slowAt) {
        // A deliberately slow post: the bot is killed while waiting for this answer.
        res.on('close', () => abandoned.push(channel));
        onSlow();
        return;
      }
      res.on('finish', () => committed.push(channel));
      res.end(`msg-${received}`);
    });
  });
  server.listen(0, '127.0.0.1');
  return { committed, abandoned, slowSeen, received: () => received };
}

function startBot(storePath: string, chatUrl: string): ChildProcess {
  const child = spawn(process.execPath, nodeScript(WORKER), {
    cwd: ROOT,
    env: { ...process.env, PW_STORE_PATH: storePath, PW_CHAT_URL: chatUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

describe('exactly once across a crash', () => {
  it('given a bot killed with SIGKILL in the middle of delivering, the restarted bot delivers the rest once and repeats none', async () => {
    // Articles dated ten minutes ago and five channels whose 08:00-style digest time has just passed.
    const clock = createFixedClock(new Date(Date.now() - 10 * 60_000));
    open = await openTestCore({ clock });
    await addArticle(open.core, { title: 'Huawei cleared to supply network parts' });
    const scheduled = new Date(Date.now() - 60_000);
    const time = scheduled.toISOString().slice(11, 16);
    const localDate = scheduled.toISOString().slice(0, 10);
    for (const channelId of CHANNELS) {
      const subscription: Subscription = {
        tenant: CONSOLE_TENANT,
        channelId,
        topics: ['huawei'],
        time,
        timeZone: 'UTC',
        weekdays: [0, 1, 2, 3, 4, 5, 6],
        createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        updatedAt: new Date().toISOString(),
      };
      await open.digests.stores.subscriptions.put(CONSOLE_TENANT, channelId, subscription);
    }
    const storePath = join(open.dir, 'store.sqlite');
    const chat = fakeChat(3);
    await once(server!, 'listening');
    const chatUrl = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/post`;

    const first = startBot(storePath, chatUrl);
    await Promise.race([
      chat.slowSeen,
      once(first, 'exit').then(() => Promise.reject(new Error('bot exited'))),
    ]);
    first.kill('SIGKILL');
    await once(first, 'exit');
    await until(() => chat.abandoned.length === 1, 5_000);
    expect(chat.committed).toHaveLength(2);

    const second = startBot(storePath, chatUrl);
    await until(() => chat.committed.length >= CHANNELS.length, 25_000);
    // Several more scheduler ticks, in which a repeat would show up.
    await sleep(2_500);
    second.kill('SIGTERM');
    await once(second, 'exit');

    expect([...chat.committed].sort()).toEqual([...CHANNELS].sort());
    expect(chat.committed).toContain(chat.abandoned[0]);
    expect(chat.received()).toBe(CHANNELS.length + 1);
    const ledgerStores = await openLedger(`sqlite://${storePath}`);
    const ledger = ledgerStores.ledger;
    const entries = await Promise.all(
      CHANNELS.map((c) => ledger.get(deliveryKey(CONSOLE_TENANT, c, localDate))),
    );
    await ledgerStores.close();
    expect(entries.map((entry) => entry?.state)).toEqual(CHANNELS.map(() => 'delivered'));
    // The interrupted delivery took a second claim, after the dead process's lease ran out.
    const interrupted = entries[CHANNELS.indexOf(chat.abandoned[0]!)];
    expect(interrupted?.attempts).toBe(2);
    const archived = await open.digests.stores.archive.list(CONSOLE_TENANT);
    expect(archived.map((record) => record.status)).toEqual(CHANNELS.map(() => 'delivered'));
  }, 60_000);
});
