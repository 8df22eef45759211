import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestJob } from '../../digests/job.ts';
import type { Article } from '../../src/core/article.ts';
import { BIN } from '../helpers/cli.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { openLedger } from '../helpers/temp-store.ts';
import { addArticle, consoleSink, openTestCore, say, type TestCore } from './support.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let open: TestCore;
let articles: Article[];

beforeAll(async () => {
  const clock = createFixedClock('2026-03-29T12:00:00Z');
  open = await openTestCore({ clock });
  articles = [
    await addArticle(open.core, {
      title: 'Huawei wins a contract',
      source: 'Wire One',
      text: 'Huawei won a contract to supply radio equipment to a regional operator, the company said on Monday.',
    }),
    await addArticle(open.core, {
      title: 'Open banking rules delayed',
      source: 'Wire Two',
      text: 'The finance ministry delayed the open banking rules by a year after lenders asked for more time.',
    }),
  ];
  clock.set('2026-03-27T12:00:00Z');
  await addArticle(open.core, { title: 'Huawei older story', source: 'Wire One' });
  // Deliver one digest so the archive has something to list.
  await say(open, '/subscribe huawei at 08:00 tz UTC');
  clock.set('2026-03-30T08:00:00Z');
  const ledgerStores = await openLedger(open.storeUrl, () => clock.now().getTime());
  const ledger = ledgerStores.ledger;
  const job = createDigestJob({
    core: open.core,
    services: open.digests,
    adapters: { console: consoleSink(open).adapter },
    ledger,
    logger: createSilentLogger(),
  });
  expect((await job.runDue()).delivered).toHaveLength(1);
  await ledgerStores.close();
});

afterAll(async () => {
  await open.close();
});

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, STORE_URL: open.storeUrl, SEED_SAMPLES: 'false', LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('policywire digest and digests', () => {
  it('prints the sections of a digest for topic names and free queries as JSON', async () => {
    const result = await cli(
      'digest',
      'huawei',
      'open banking',
      '--since',
      '2026-03-29T00:00:00Z',
      '--until',
      '2026-03-30T00:00:00Z',
      '--json',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      sections: [
        {
          topic: 'huawei',
          stories: [
            {
              title: 'Huawei wins a contract',
              url: articles[0]!.canonicalUrl,
              summary: articles[0]!.summary,
              sources: ['Wire One'],
              articles: [articles[0]!.id],
            },
          ],
        },
        {
          topic: 'open banking',
          stories: [
            expect.objectContaining({ title: 'Open banking rules delayed', articles: [articles[1]!.id] }),
          ],
        },
      ],
    });
  });

  it('given a malformed --since, says what it expects and exits 2', async () => {
    const result = await cli('digest', 'huawei', '--since', 'yesterday');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--since "yesterday" is not an ISO date or time');
  });

  it('lists the archive and shows one digest as it was posted', async () => {
    const list = await cli('digests', 'list', '--json');
    expect(list.code).toBe(0);
    const { total, digests } = JSON.parse(list.stdout) as { total: number; digests: { id: string }[] };
    expect(total).toBe(1);
    expect(digests[0]).toMatchObject({
      tenant: 'console:local',
      channel: 'console',
      localDate: '2026-03-30',
      status: 'delivered',
      stories: 1,
    });
    const show = await cli('digests', 'show', digests[0]!.id);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Policy Wire digest · Monday 30 March 2026');
    expect(show.stdout).toContain('Huawei wins a contract');
    const missing = await cli('digests', 'show', 'ffffffffffff');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no archived digest with id "ffffffffffff"');
    // Three CLI processes in a row, each starting tsx: give a loaded machine room.
  }, 60_000);
});
