import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI entry the README's `npx policywire` runs. */
export const BIN = fileURLToPath(new URL('../../bin/policywire.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** An environment for a child CLI: only what it needs, so the developer's .env or tokens never leak in. */
export function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOG_LEVEL: 'silent',
    SEED_SAMPLES: 'false',
    // Never poll the real starter sources from a test: test traffic stays on this machine.
    POLL_SOURCES: 'false',
    STARTER_SOURCES: 'none',
    ...extra,
  };
}

/** Runs the CLI to completion in a clean directory. */
export function runCli(args: string[], env: Record<string, string>, input?: string, cwd?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: cwd ?? ROOT,
    env: cliEnv(env),
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI and hands back the child for tests that watch or kill it. */
export function spawnCli(args: string[], env: Record<string, string>, cwd?: string) {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: cwd ?? ROOT,
    env: cliEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}
