import { spawn, spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI entry the README's `npx policywire` runs (the sources through tsx). */
export const SOURCE_BIN = fileURLToPath(new URL('../../bin/policywire.js', import.meta.url));
/**
 * The CLI child processes run: the same sources compiled once per test run by tests/setup/prebuilt-cli.ts,
 * which start in about half the CPU; SOURCE_BIN when a file runs outside that setup.
 */
export const BIN = process.env.PW_TEST_CLI ?? SOURCE_BIN;

/**
 * Node's arguments to run a TypeScript script of this repository (a test's worker) as a child: its
 * precompiled twin when the test run built one, else the source through tsx.
 */
export function nodeScript(source: string): string[] {
  const build = process.env.PW_TEST_BUILD;
  if (!build) return ['--import', 'tsx', source];
  return [join(build, relative(ROOT, source).replace(/\.ts$/, '.js'))];
}
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

/** Runs the CLI (BIN unless told) to completion in a clean directory. */
export function runCli(args: string[], env: Record<string, string>, input?: string, cwd?: string, bin = BIN) {
  const result = spawnSync(process.execPath, [bin, ...args], {
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
