import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewInput } from '../../src/cli/preview-verb.ts';
import { parseConfig } from '../../src/config.ts';
import { type App, createApp } from '../../src/main.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';

let dir: string;
let app: App;

const file = (name: string, bytes: Buffer | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pw-preview-'));
  app = await createApp(
    parseConfig({ STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`, SEED_SAMPLES: 'false' }),
    createSilentLogger(),
    { storePrefix: 'refusals' },
  );
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('policywire preview of input that is neither a feed nor an article', () => {
  it('exits 1 on an empty file with a one-line reason and a hint, never a stack trace', async () => {
    const empty = file('empty.xml', '');
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'preview', empty, '--json'],
      {
        cwd: new URL('../..', import.meta.url).pathname,
        env: { ...process.env, STORE_URL: `sqlite://${join(dir, 'spawn.sqlite')}`, LOG_LEVEL: 'silent' },
      },
    );
    const failure = await run.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/empty\.xml: the input is empty: not a feed or article page/);
    expect(failure?.stderr).toMatch(/Give the URL or file of an RSS, Atom or JSON feed/);
    expect(failure?.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });

  it.each([
    [
      'utf32.xml',
      Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), Buffer.from('\0\0\0<\0\0\0r')]),
      /UTF-32BE/,
    ],
    ['not-a-feed.json', '{"users":[{"id":1}]}', /JSON but not a JSON Feed/],
    ['LICENSE', 'MIT License\n\nPermission is hereby granted.', /no article found/],
  ])('refuses %s as unsupported input, saying what it is', async (name, bytes, reason) => {
    await expect(previewInput(app, file(name, bytes))).rejects.toMatchObject({
      code: 'unsupported_input',
      message: expect.stringMatching(reason),
    });
  });
});
