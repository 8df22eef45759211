import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-store.ts';

describe('policywire --help', () => {
  it('lines every verb’s description up in one column, however long the verb', () => {
    const result = runCli(['--help'], {});
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n').filter((line) => /^ {2}\S/.test(line));
    expect(rows.map((row) => row.trim().split(/\s+/)[0])).toEqual(
      expect.arrayContaining(['start', 'slack-manifest', 'register-discord']),
    );
    // Each description starts where the others do: after the verb, padded to the longest verb plus a space.
    const columns = new Set(rows.map((row) => row.search(/(?<=^ {2}\S+ +)\S/)));
    expect([...columns]).toEqual(['  register-discord '.length]);
  });
});

describe('policywire news usage', () => {
  const temp = tempDir();
  const env = { STORE_URL: `sqlite://${join(temp.dir, 'news.sqlite')}` };
  afterAll(() => temp.cleanup());

  it.each([
    ['an empty query', ['news']],
    ['a page that is not a number', ['news', 'huawei', '--page', 'two']],
  ])('given %s, shows the CLI’s flags, not the chat command’s', (_name, args) => {
    const result = runCli(args, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('usage: policywire news <query...> [--json] [--page N]');
    expect(result.stderr).not.toMatch(/page:N|Usage: \/news/);
  });
});
