import { mkdirSync, writeFileSync } from 'node:fs';
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

  it('lets ingest finish every file and keep its exit code when the reader goes away mid-run', async () => {
    const folder = join(temp.dir, 'scrapes');
    mkdirSync(folder, { recursive: true });
    // Each story its own words: sentences repeated across a folder are learned as the source's furniture.
    const story = (n: number) =>
      `The regulator fined operator number ${n} for failing to secure network ${n} against known threats, officials said. ` +
      `Operator ${n} said it would appeal decision ${n} and had already replaced the equipment at site ${n}.`;
    for (const n of [1, 2, 3])
      writeFileSync(join(folder, `story-${n}.txt`), `Operator fined, case ${n}\n${story(n)}`);
    writeFileSync(join(folder, 'broken.txt'), 'Headline only\ntoo short');
    const closed = await runWithClosedStdout(['ingest', folder], env);
    expect(closed.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(closed.code).toBe(1);
    // Run again with a reader: the three stories were stored by the first run, so they are skipped now.
    const again = spawnCli(['ingest', folder, '--json'], env);
    again.stdin.end();
    let out = '';
    again.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    await new Promise((resolve) => again.on('close', resolve));
    expect(JSON.parse(out)).toMatchObject({ added: 0, skipped: 3, failed: 1 });
  });
});
