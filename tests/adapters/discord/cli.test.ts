import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { buildCommandJson } from '../../../src/adapters/discord/command-json.ts';
import { registerCommands } from '../../../src/adapters/discord/register-commands.ts';
import { chatInputInteraction, type FakeDiscord, startFakeDiscord } from '../../fakes/fake-discord.ts';
import { BIN } from '../../helpers/cli.ts';
import { until } from '../../helpers/wait.ts';
import { commandViolations } from './discord-rules.ts';
import { GUILD_A, SAMPLE_TITLE } from './harness.ts';

let fake: FakeDiscord | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await fake?.close();
  fake = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs the CLI in an empty directory with only the variables given (no .env, no inherited Discord settings). */
function startCliInEmptyDir(args: string[], env: Record<string, string>) {
  dir ??= mkdtempSync(join(tmpdir(), 'pw-discord-cli-'));
  const proc = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      LOG_LEVEL: 'warn',
      // Never poll the real starter sources from a test.
      POLL_SOURCES: 'false',
      STARTER_SOURCES: 'none',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  proc.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, exited, output: () => ({ stdout, stderr }) };
}

describe('registering the Discord commands', () => {
  it('with a guild id, overwrites the guild commands; without, the global ones', async () => {
    fake = await startFakeDiscord();
    const body = buildCommandJson(commands, { topic: async () => [] });
    const guild = await registerCommands({
      token: 't0k',
      appId: fake.appId,
      guildId: GUILD_A.id,
      apiUrl: fake.apiUrl,
      body,
    });
    expect(guild).toEqual({
      scope: 'guild',
      route: `/applications/${fake.appId}/guilds/${GUILD_A.id}/commands`,
      names: commands.map((command) => command.name),
    });
    const global = await registerCommands({ token: 't0k', appId: fake.appId, apiUrl: fake.apiUrl, body });
    expect(global.route).toBe(`/applications/${fake.appId}/commands`);
    const puts = fake.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([guild.route, global.route]);
    expect(puts[0]!.headers.authorization).toBe('Bot t0k');
    expect(puts[0]!.body).toEqual(body);
  });

  it('npm run register:discord registers every command, valid by Discord rules, in the development guild', async () => {
    fake = await startFakeDiscord();
    const run = startCliInEmptyDir(['register-discord'], {
      DISCORD_TOKEN: 'cli-token',
      DISCORD_APP_ID: fake.appId,
      DISCORD_GUILD_ID: GUILD_A.id,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain(`Registered ${commands.length} commands in guild ${GUILD_A.id}`);
    const put = fake.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${fake.appId}/guilds/${GUILD_A.id}/commands`);
    for (const command of put.body) expect(commandViolations(command)).toEqual([]);
    expect(put.body.find((c: { name: string }) => c.name === 'news').options[1]).toMatchObject({
      name: 'topic',
      autocomplete: true,
    });
  });
});

describe('npm start with DISCORD_TOKEN set', () => {
  it('connects to Discord, answers /news topic:huawei with the seeded story, and stops cleanly on SIGTERM', async () => {
    fake = await startFakeDiscord({ guilds: [GUILD_A] });
    const run = startCliInEmptyDir(['start'], { DISCORD_TOKEN: 'start-token', DISCORD_API_URL: fake.apiUrl });
    child = run.proc;
    const current = fake;
    await until(() => current.identifies.length > 0, 20_000, 'IDENTIFY').catch((error: Error) => {
      throw new Error(`${error.message}\n${run.output().stderr}`);
    });
    expect(current.identifies[0]).toMatchObject({ token: 'start-token', intents: 1025 });
    // discord.js queues dispatches that arrive before its shard is ready, so no wait is needed here.
    const callback = await current.interact(
      chatInputInteraction({
        name: 'news',
        options: [{ name: 'topic', type: 3, value: 'huawei' }],
        guildId: GUILD_A.id,
        channelId: GUILD_A.channelIds[0]!,
      }),
    );
    expect(callback.body.data.embeds[0].title).toBe(SAMPLE_TITLE);
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });
});
