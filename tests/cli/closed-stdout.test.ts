import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-store.ts';

/** Runs the CLI with its reader gone before it writes (as `| head -0` would): its exit code and stderr. */
function runWithClosedStdout(args: string[], env: Record<string, string>) {
  const child = spawnCli(args, env);
  child.stdin.end();
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
}

describe('a CLI whose stdout closes early', () => {
  const temp = tempDir();
  const env = { STORE_URL: `sqlite://${join(temp.dir, 'closed.sqlite')}` };
  afterAll(() => temp.cleanup());

  it.each([
    ['preview', ['preview', 'tests/fixtures/feeds/rdf.xml']],
    ['--help', ['--help']],
  ])('%s exits quietly with status 0, no EPIPE stack trace', async (_name, args) => {
    const result = await runWithClosedStdout(args, env);
    expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(result.code).toBe(0);
  });
});
