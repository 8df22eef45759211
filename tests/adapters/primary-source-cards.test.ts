import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { createApp } from '../../src/main.ts';
import { chatInputInteraction } from '../fakes/fake-discord.ts';
import { BIN } from '../helpers/cli.ts';
import { CITED_RULE, seedCitedStory } from '../helpers/policy-sources.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { GUILD_A, startHarness } from './discord/harness.ts';
import { commandFields, sendSlashCommand } from './slack/fake-slack.ts';
import { SIGNING_SECRET, startSlackHarness } from './slack/harness.ts';

const run = promisify(execFile);

/** A SQLite store holding the cited rule and the story, opened with the default prefix as the CLI opens it. */
async function seededStore(): Promise<{ dir: string; storeUrl: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-primary-'));
  const storeUrl = `sqlite://${join(dir, 'store.sqlite')}`;
  const app = await createApp(
    parseConfig({ STORE_URL: storeUrl, SEED_SAMPLES: 'false' }),
    createSilentLogger(),
  );
  await seedCitedStory(app.core.writer);
  await app.close();
  return { dir, storeUrl };
}

describe('a story citing a Federal Register document number shows its primary source', () => {
  it('on Slack, as a linked context line under the story', async () => {
    const h = await startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-alpha' }, (f) =>
      f.addTeam({ teamId: 'T0ALPHA', botToken: 'xoxb-alpha', botUserId: 'U0BOT', botId: 'B0BOT', users: {} }),
    );
    try {
      await seedCitedStory(h.app.core.writer);
      const res = await sendSlashCommand(
        h.eventsUrl,
        SIGNING_SECRET,
        commandFields(h.fake, 'cmd-ps', { team: 'T0ALPHA', user: 'U0MEMBER', text: 'acme' }),
      );
      expect(res.status).toBe(200);
      const [answer] = await h.fake.responsesFor('cmd-ps');
      const text = JSON.stringify(answer?.body);
      expect(text).toContain(CITED_RULE.story);
      expect(text).toContain(
        `Primary source: <${CITED_RULE.url}|91 FR 81234>, proposed rule, comments close 28 Dec`,
      );
      expect(h.fake.violations).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('on Discord, as a "Primary source" field of the story embed', async () => {
    const harness = await startHarness();
    try {
      await seedCitedStory(harness.app.core.writer);
      const callback = await harness.fake.interact(
        chatInputInteraction({
          name: 'news',
          options: [{ name: 'query', type: 3, value: 'acme' }],
          guildId: GUILD_A.id,
          channelId: GUILD_A.channelIds[0]!,
        }),
      );
      const [embed] = callback.body.data.embeds;
      expect(embed.title).toBe(CITED_RULE.story);
      expect(embed.fields).toContainEqual({
        name: 'Primary source',
        value: `[91 FR 81234](${CITED_RULE.url}), proposed rule, comments close 28 Dec`,
      });
    } finally {
      await harness.close();
    }
  });

  it('in the console and in `policywire news --json` results as primarySources', async () => {
    const { dir, storeUrl } = await seededStore();
    try {
      const env = {
        ...process.env,
        STORE_URL: storeUrl,
        SEED_SAMPLES: 'false',
        LOG_LEVEL: 'silent',
        POLL_SOURCES: 'false',
      };
      const text = await run('node', [BIN, 'news', 'acme'], { env });
      expect(text.stdout).toContain(`Primary source: ${CITED_RULE.line} <${CITED_RULE.url}>`);
      const json = await run('node', [BIN, 'news', '--json', 'acme'], { env });
      const out = JSON.parse(json.stdout) as { results: { title: string; primarySources: unknown[] }[] };
      expect(out.results[0]?.title).toBe(CITED_RULE.story);
      expect(out.results[0]?.primarySources).toEqual([
        {
          id: '91 FR 81234',
          kind: 'proposed-rule',
          url: CITED_RULE.url,
          title: 'Broadband Data Collection; Improving the Accuracy of Fixed Wireless Coverage',
          commentsCloseOn: '2026-12-28',
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('on a digest card too, composed by `policywire digest` over the same wiring as the bot', async () => {
    const { dir, storeUrl } = await seededStore();
    try {
      const env = { ...process.env, STORE_URL: storeUrl, SEED_SAMPLES: 'false', LOG_LEVEL: 'silent' };
      const window = ['--since', '2026-11-30T00:00:00Z', '--until', '2026-12-02T00:00:00Z'];
      const text = await run('node', [BIN, 'digest', 'acme', ...window], { env });
      expect(text.stdout).toContain(CITED_RULE.story);
      expect(text.stdout).toContain(`Primary source: ${CITED_RULE.line} <${CITED_RULE.url}>`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
