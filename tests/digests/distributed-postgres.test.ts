import { describe, it } from 'vitest';
import {
  deliversEachDigestOnceThroughKills,
  pollsEachSourceOncePerInterval,
} from './distributed-scenarios.ts';

describe('three instances on PostgreSQL with pg-boss', () => {
  it('fetch a one-minute feed once per interval over four intervals, not once per instance', async () => {
    await pollsEachSourceOncePerInterval('postgres');
  }, 120_000);

  it('post every digest to Slack and Discord exactly once while instances are killed with SIGKILL, between accept and answer too', async () => {
    const report = await deliversEachDigestOnceThroughKills('postgres', 20_000);
    process.stdout.write(`postgres kills: ${JSON.stringify(report)}\n`);
  }, 240_000);
});
