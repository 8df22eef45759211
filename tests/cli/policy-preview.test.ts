import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.ts';
import { fixtureWith, policyFixture, usePolicyTestbed } from '../helpers/policy-sources.ts';

const run = promisify(execFile);
const bed = usePolicyTestbed();

async function preview(url: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pw-preview-'));
  try {
    return await run('node', [BIN, 'preview', url, '--json'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
        SEED_SAMPLES: 'false',
        POLL_SOURCES: 'false',
        LOG_LEVEL: 'silent',
        ALLOW_PRIVATE_NETWORKS: 'true',
        FEDERAL_REGISTER_API_URL: bed.web.url('/fr/api/v1/'),
        REGULATIONS_GOV_API_URL: bed.web.url('/regs/v4/'),
        ...env,
      },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('policywire preview <policy source> --json', () => {
  it('shows each document of the first page with its policy record as items[].policy', async () => {
    bed.web.route('/fr/api/v1/documents.json', (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(fixtureWith(bed.web, policyFixture('federal-register-page-1.json'))),
    );
    const { stdout } = await preview(bed.web.url('/fr/api/v1/documents.json?conditions%5Bterm%5D=broadband'));
    const out = JSON.parse(stdout) as {
      kind: string;
      origin: string;
      items: { title: string; policy: Record<string, unknown> }[];
    };
    expect(out).toMatchObject({ kind: 'policy', origin: 'federal-register', pages: 1 });
    expect(out.items.map((i) => i.policy.documentNumber)).toEqual(['2026-12345', '2026-12201']);
    expect(out.items[0]?.policy).toMatchObject({
      kind: 'proposed-rule',
      commentsCloseOn: '2026-12-28',
      citation: '91 FR 81234',
    });
    // A preview reads one page and stores nothing.
    expect(bed.web.requests).toHaveLength(1);
  }, 30_000);

  it('refuses a regulations.gov URL without its key, naming the variable, and asks nothing', async () => {
    const failed = await preview(bed.web.url('/regs/v4/documents?filter%5BdocketId%5D=FCC-2026-0412')).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: expect.any(Number) });
    expect((failed as { stderr: string }).stderr).toContain('REGULATIONS_GOV_API_KEY is not set');
    expect(bed.web.requests).toHaveLength(0);
  }, 30_000);
});
