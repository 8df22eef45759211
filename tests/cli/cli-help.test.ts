import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

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
