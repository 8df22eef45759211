import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVerb } from '../helpers/bot-instances.ts';
import { tempDir } from '../helpers/temp-store.ts';

const temp = tempDir();
afterAll(() => temp.cleanup());

describe('policywire status --json', () => {
  it('reports the instance id, a reachable store and the index position, with no job engine yet', async () => {
    const env = { STORE_URL: `sqlite://${join(temp.dir, 'store.sqlite')}`, INSTANCE_ID: 'status-test-1' };
    const story = join(temp.dir, 'story.txt');
    writeFileSync(
      story,
      'Antitrust regulators open a cloud inquiry\n\nAntitrust regulators opened an inquiry into cloud ' +
        'contracts on Monday, citing concerns about egress fees and bundling. The commission said the ' +
        'review would cover the three largest providers and take at least a year to complete.\n',
    );
    const ingest = await runVerb(['ingest', story], env);
    expect(ingest.code, ingest.stdout + ingest.stderr).toBe(0);
    const { code, stdout, stderr } = await runVerb(['status', '--json'], env);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      instance: 'status-test-1',
      ready: true,
      store: { kind: 'sqlite', reachable: true },
      index: { state: 'ready', articles: 1, lag: 0 },
      jobs: null,
      lastPollAt: null,
      lastDeliveryAt: null,
    });
  }, 60_000);
});
