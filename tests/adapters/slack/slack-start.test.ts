import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/bot-instances.ts';
import { spawnCli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp-store.ts';
import { commandFields, FakeSlack, sendSlashCommand } from './fake-slack.ts';
import { ALPHA_TEAM, SIGNING_SECRET } from './harness.ts';

async function waitForHealth(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} never answered`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm start with a bot token and signing secret', () => {
  let fake: FakeSlack;
  const temp = tempDir('pw-slack-start-');

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    fake.addTeam(ALPHA_TEAM);
  });
  afterAll(async () => {
    await fake.close();
    temp.cleanup();
  });

  it('serves Slack over HTTP on PORT, answers /news huawei from the seeded samples, and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawnCli(['start'], {
      STORE_URL: `sqlite://${join(temp.dir, 'store.sqlite')}`,
      SEED_SAMPLES: 'true',
      PORT: String(port),
      SLACK_BOT_TOKEN: 'xoxb-alpha',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`);
      const res = await sendSlashCommand(
        `http://127.0.0.1:${port}/slack/events`,
        SIGNING_SECRET,
        commandFields(fake, 'start-1', { team: 'T0ALPHA', user: 'U0MEMBER', text: 'huawei' }),
      );
      expect(res.status).toBe(200);
      const [answer] = await fake.responsesFor('start-1');
      expect(JSON.stringify(answer?.body.blocks)).toContain('China slams');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, stderr).toBe(0);
  });
});
