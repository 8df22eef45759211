import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVATE_MARK } from '../../src/adapters/console/console-adapter.ts';
import type { Visibility } from '../../src/core/reply.ts';
import type { Source } from '../../src/core/sources.ts';
import { CONSOLE_TENANT, type Tenant } from '../../src/core/tenant.ts';
import { chatInputInteraction, PERMISSIONS } from '../fakes/fake-discord.ts';
import { chatOnConsole } from './console/harness.ts';
import { type Harness as DiscordHarness, GUILD_A, startHarness as startDiscord } from './discord/harness.ts';
import { commandFields, sendSlashCommand } from './slack/fake-slack.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from './slack/harness.ts';

const EPHEMERAL = 64;
const STRING = 3;
const INTEGER = 4;
const SLACK_TEAM = 'T0ALPHA';
const SLACK: Tenant = { platform: 'slack', id: SLACK_TEAM };
const DISCORD: Tenant = { platform: 'discord', id: GUILD_A.id };

/** The same command as a person types it on each platform. */
interface Case {
  what: string;
  console: string;
  slack: string;
  discord: { name: string; options?: { name: string; type: number; value: string | number }[] };
  expected: Visibility;
}

const action = (value: string) => ({ name: 'action', type: STRING, value });

/** Admins and members run the same commands; the console has only its admin. */
const ADMIN_CASES: Case[] = [
  {
    what: '/sources list',
    console: '/sources list',
    slack: 'sources list',
    discord: { name: 'sources', options: [action('list')] },
    expected: 'ephemeral',
  },
  {
    what: '/sources remove of an unknown source (an admin error)',
    console: '/sources remove nothing-here',
    slack: 'sources remove nothing-here',
    discord: {
      name: 'sources',
      options: [action('remove'), { name: 'target', type: STRING, value: 'nothing-here' }],
    },
    expected: 'ephemeral',
  },
  {
    what: '/subscriptions',
    console: '/subscriptions',
    slack: 'subscriptions',
    discord: { name: 'subscriptions' },
    expected: 'ephemeral',
  },
  {
    what: '/news huawei',
    console: '/news huawei',
    slack: 'huawei',
    discord: { name: 'news', options: [{ name: 'query', type: STRING, value: 'huawei' }] },
    expected: 'channel',
  },
  {
    what: '/news without a query (invalid input)',
    console: '/news page:2',
    slack: 'page:2',
    discord: { name: 'news', options: [{ name: 'page', type: INTEGER, value: 2 }] },
    expected: 'ephemeral',
  },
  {
    what: '/topics list',
    console: '/topics list',
    slack: 'topics list',
    discord: { name: 'topics', options: [action('list')] },
    expected: 'ephemeral',
  },
  { what: '/help', console: '/help', slack: 'help', discord: { name: 'help' }, expected: 'ephemeral' },
];

const MEMBER_CASES = ADMIN_CASES.filter((c) =>
  ['/sources list', '/news huawei', '/subscriptions'].includes(c.what),
);

const source = (id: string): Source => ({
  id,
  url: `https://${id}.example.org/feed.xml`,
  name: `Source ${id}`,
  intervalMinutes: 15,
  createdAt: '2026-11-30T12:00:00.000Z',
  health: { itemsSeen: 0, failures: 0 },
});

describe('one visibility policy on the console, Slack and Discord', () => {
  let slack: SlackHarness;
  let discord: DiscordHarness;
  let seq = 0;

  beforeAll(async () => {
    slack = await startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-alpha' }, (fake) =>
      fake.addTeam({
        teamId: SLACK_TEAM,
        botToken: 'xoxb-alpha',
        botUserId: 'U0BOT',
        botId: 'B0BOT',
        users: { U0ADMIN: { is_admin: true } },
      }),
    );
    // Answers under load may still be deferred; the observation below follows either path.
    discord = await startDiscord({ deferAfterMs: 2500 });
    for (const tenant of [CONSOLE_TENANT, SLACK, DISCORD]) {
      await slack.app.core.sources.put(tenant, 'ftc', source('ftc'));
      await discord.app.core.sources.put(tenant, 'ftc', source('ftc'));
    }
  });
  afterAll(async () => {
    await slack?.close();
    await discord?.close();
  });

  const onSlack = async (text: string, admin: boolean): Promise<Visibility> => {
    const id = `vis-${++seq}`;
    const user = admin ? 'U0ADMIN' : 'U0MEMBER';
    const res = await sendSlashCommand(
      slack.eventsUrl,
      SIGNING_SECRET,
      commandFields(slack.fake, id, { team: SLACK_TEAM, user, text }),
    );
    expect(res.status).toBe(200);
    const [answer] = await slack.fake.responsesFor(id);
    return answer?.body.response_type === 'in_channel' ? 'channel' : 'ephemeral';
  };

  const onDiscord = async (command: Case['discord'], admin: boolean): Promise<Visibility> => {
    const interaction = chatInputInteraction({
      name: command.name,
      options: command.options ?? [],
      guildId: GUILD_A.id,
      channelId: GUILD_A.channelIds[0]!,
      ...(admin ? { permissions: PERMISSIONS.admin } : {}),
    });
    const callback = await discord.fake.interact(interaction);
    const flagsOf = (data: { flags?: number } | undefined) =>
      ((data?.flags ?? 0) & EPHEMERAL) === EPHEMERAL ? 'ephemeral' : 'channel';
    if (callback.body.type === 4) return flagsOf(callback.body.data);
    // Deferred: the answer edits the "thinking…" message, or replaces a public one with a private follow-up.
    const answer = await discord.fake.waitFor(
      (r) => r.path.includes(interaction.token) && (r.method === 'PATCH' || r.method === 'POST'),
    );
    return answer.method === 'PATCH' ? flagsOf(callback.body.data) : flagsOf(answer.body);
  };

  const onConsole = async (line: string): Promise<Visibility> => {
    const printed = await chatOnConsole({ ...slack.app, settings: slack.app.commandSettings }, `${line}\n`);
    expect(printed.trim()).not.toBe('');
    return printed.startsWith(PRIVATE_MARK) ? 'ephemeral' : 'channel';
  };

  it.each(ADMIN_CASES.map((c) => [c.what, c] as const))(
    'an admin running %s: all three agree',
    async (_what, c) => {
      const seen = {
        console: await onConsole(c.console),
        slack: await onSlack(c.slack, true),
        discord: await onDiscord(c.discord, true),
      };
      expect(seen).toEqual({ console: c.expected, slack: c.expected, discord: c.expected });
    },
  );

  it.each(MEMBER_CASES.map((c) => [c.what, c] as const))(
    'a member running %s: Slack and Discord agree, and a refusal is private',
    async (_what, c) => {
      const expected = c.what === '/news huawei' ? 'channel' : 'ephemeral';
      const seen = { slack: await onSlack(c.slack, false), discord: await onDiscord(c.discord, false) };
      expect(seen).toEqual({ slack: expected, discord: expected });
    },
  );
});
