import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-store.ts';

// Piped output is what scripts read: pino's JSON lines belong on stderr, never mixed into stdout.
describe('log lines of a piped CLI', () => {
  const temp = tempDir();
  const env = { STORE_URL: `sqlite://${join(temp.dir, 'logs.sqlite')}`, LOG_LEVEL: 'debug' };
  afterAll(() => temp.cleanup());

  it.each([
    ['chat', ['chat'], '/help\n'],
    ['start (console chat, as npm start runs it)', ['start'], '/help\n'],
    ['preview', ['preview', 'tests/fixtures/feeds/rdf.xml'], undefined],
  ])('%s writes its logs to stderr and only its answer to stdout', (_name, args, input) => {
    const result = runCli(args, env, input);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).not.toBe('');
    expect(result.stdout).not.toMatch(/"level":/);
    if (args[0] !== 'preview') expect(result.stderr).toMatch(/^\{"level":\d+/m);
  });
});
