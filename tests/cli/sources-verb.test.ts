import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'pw-cli-sources-'));
const env = { STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`, ALLOW_PRIVATE_NETWORKS: 'true' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('policywire sources with a basic-auth feed', () => {
  it('lists it with the password as [secret], as text and as JSON, and exports it whole for re-import', () => {
    const url = 'http://reader:hunter2@127.0.0.1:9/private.xml';
    expect(runCli(['sources', 'add', url, 'Members'], env)).toMatchObject({ code: 0 });
    for (const args of [
      ['sources', 'list'],
      ['sources', 'list', '--json'],
    ]) {
      const listed = runCli(args, env);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('http://[secret]@127.0.0.1:9/private.xml');
      expect(listed.stdout).not.toContain('hunter2');
    }
    const exported = runCli(['sources', 'export'], env);
    expect(exported.stdout).toContain('xmlUrl="http://reader:hunter2@127.0.0.1:9/private.xml"');
  });
});
