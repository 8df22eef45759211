import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-store.ts';

describe('policywire preview of input it does not take', () => {
  const temp = tempDir();
  const env = { STORE_URL: `sqlite://${join(temp.dir, 'preview.sqlite')}` };
  afterAll(() => temp.cleanup());

  it('refuses a folder in one line that names what preview and ingest take', () => {
    const folder = join(temp.dir, 'feeds');
    mkdirSync(folder);
    const result = runCli(['preview', folder], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `policywire: ${folder} is a folder: preview takes a file or an http(s) URL (ingest takes folders)\n`,
    );
  });

  it('says only http(s) URLs and local files are read when given another scheme, not "no such file"', () => {
    const result = runCli(['preview', 'ftp://127.0.0.1/feed.xml'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^policywire: ftp:\/\/127\.0\.0\.1\/feed\.xml: preview reads only http\(s\) URLs and local files\n/,
    );
    expect(result.stderr).not.toMatch(/no such file/);
  });
});
