import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@redis/client';
import pg from 'pg';
import { BIN, cliEnv } from './cli.ts';

/** A `policywire start` child: console chat on stdin/stdout, /readyz on its own HEALTH_PORT. */
export interface BotInstance {
  name: string;
  child: ChildProcess;
  port: number;
  /** Everything it printed to stdout (the console chat's answers) and stderr (its JSON log lines). */
  stdout(): string;
  stderr(): string;
  /** Sends one console line, e.g. `/news huawei`. */
  send(line: string): void;
  readyz(): Promise<{ status: number; body: Record<string, unknown> } | undefined>;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `policywire start` with the given environment (STORE_URL, STORE_PREFIX, INDEX_SNAPSHOT_DIR…). */
export async function startInstance(name: string, env: Record<string, string>): Promise<BotInstance> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: cliEnv({ LOG_LEVEL: 'info', INSTANCE_ID: name, HEALTH_PORT: String(port), ...env }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    port,
    stdout: () => out,
    stderr: () => err,
    send: (line) => {
      child.stdin!.write(`${line}\n`);
    },
    async readyz() {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/readyz`, {
          signal: AbortSignal.timeout(2_000),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      } catch {
        return undefined;
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      child.stdin!.end();
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Waits until `check` holds, polling; throws with `what` after `ms`. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Runs a CLI verb to its end as a separate process; resolves with its exit code and output. */
export function runVerb(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Removes every key of a prefix from Redis (never FLUSHALL: the server is shared). */
export async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 }))
    if (keys.length > 0) await client.del(keys);
  await client.quit();
}

/** Drops every table of a prefix from PostgreSQL (only this test's own tables). */
export async function dropPostgresPrefix(url: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE $1`,
    [`${prefix.toLowerCase()}\\_%`],
  );
  for (const row of rows) await client.query(`DROP TABLE IF EXISTS "${row.tablename}"`);
  await client.end();
}
