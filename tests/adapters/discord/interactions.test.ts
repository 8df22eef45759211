import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Command, defineCommand } from '../../../commands/define.ts';
import { topicSchema } from '../../../src/core/ports/topic-service.ts';
import { chatInputInteraction, PERMISSIONS } from '../../fakes/fake-discord.ts';
import { GUILD_A, GUILD_B, type Harness, SAMPLE_TITLE, startHarness } from './harness.ts';

const EPHEMERAL = 64;
const STRING = 3;
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const inGuildA = (
  name: string,
  options: Parameters<typeof chatInputInteraction>[0]['options'] = [],
  extra = {},
) =>
  chatInputInteraction({ name, options, guildId: GUILD_A.id, channelId: GUILD_A.channelIds[0]!, ...extra });

describe('Discord interactions against a fake gateway', () => {
  it('given /news topic:huawei, replies in the channel with the seed story in an embed', async () => {
    harness = await startHarness();
    const callback = await harness.fake.interact(
      inGuildA('news', [{ name: 'topic', type: STRING, value: 'huawei' }]),
    );
    expect(callback.body.type).toBe(4);
    const data = callback.body.data;
    expect(data.flags ?? 0).toBe(0);
    expect(data.content).toContain('News in Huawei');
    expect(data.embeds).toHaveLength(1);
    const [embed] = data.embeds;
    expect(embed.title).toBe(SAMPLE_TITLE);
    expect(embed.description).toMatch(/Wang Yi|Huawei|Chinese/);
    // The seed scrape carries no date anywhere, so the embed says so instead of showing a timestamp.
    expect(embed.footer.text).toBe('National Technology News · undated');
    expect(embed.timestamp).toBeUndefined();
    expect(data.allowed_mentions).toEqual({ parse: [] });
    // The bot logged in with the Guilds intent only.
    expect(harness.fake.identifies[0]).toMatchObject({ token: 'test-bot-token', intents: 1025 });
  });

  it('given /news query:huawei, finds the same story', async () => {
    harness = await startHarness();
    const callback = await harness.fake.interact(
      inGuildA('news', [{ name: 'query', type: STRING, value: 'huawei' }]),
    );
    expect(callback.body.data.embeds[0].title).toBe(SAMPLE_TITLE);
  });

  it("given a guild topic whose query differs from its name, /news topic: searches the topic's query", async () => {
    harness = await startHarness();
    const topics = harness.app.stores.tenantStore('topics', topicSchema);
    const tenant = { platform: 'discord' as const, id: GUILD_A.id };
    await topics.put(tenant, 'telecom-security', {
      name: 'telecom-security',
      label: 'Telecom security',
      query: 'huawei backdoors',
      aliases: [],
      builtIn: false,
    });
    const callback = await harness.fake.interact(
      inGuildA('news', [{ name: 'topic', type: STRING, value: 'telecom-security' }]),
    );
    expect(callback.body.data.content).toContain('Telecom security');
    expect(callback.body.data.embeds[0].title).toBe(SAMPLE_TITLE);
  });

  it("autocomplete offers built-in and the guild's own topic names, and never another guild's", async () => {
    harness = await startHarness();
    const topics = harness.app.stores.tenantStore('topics', topicSchema);
    const topic = (name: string) => ({ name, label: name, query: name, aliases: [], builtIn: false });
    await topics.put({ platform: 'discord', id: GUILD_A.id }, 'huawei-watch', topic('huawei-watch'));
    await topics.put({ platform: 'discord', id: GUILD_B.id }, 'huawei-b-only', topic('huawei-b-only'));
    const callback = await harness.fake.interact(
      inGuildA('news', [{ name: 'topic', type: STRING, value: 'hua', focused: true }], {
        autocomplete: true,
      }),
    );
    expect(callback.body.type).toBe(8);
    expect(callback.body.data.choices).toEqual([
      { name: 'huawei', value: 'huawei' },
      { name: 'huawei-watch', value: 'huawei-watch' },
    ]);

    const all = await harness.fake.interact(
      inGuildA('news', [{ name: 'topic', type: STRING, value: '', focused: true }], { autocomplete: true }),
    );
    const values = all.body.data.choices.map((c: { value: string }) => c.value);
    expect(values).toEqual(
      expect.arrayContaining(['ai-regulation', 'export-controls-chips', 'huawei-watch']),
    );
    expect(values).not.toContain('huawei-b-only');
  });

  it('autocomplete on /sources target offers the guild source names', async () => {
    harness = await startHarness();
    const added = await harness.fake.interact(
      inGuildA(
        'sources',
        [
          { name: 'action', type: STRING, value: 'add' },
          { name: 'target', type: STRING, value: 'https://www.ftc.gov/feeds/press-release.xml' },
          { name: 'name', type: STRING, value: 'FTC press releases' },
        ],
        { permissions: PERMISSIONS.admin },
      ),
    );
    expect(added.body.data.embeds[0].description).toContain('Added source FTC press releases');
    const callback = await harness.fake.interact(
      inGuildA(
        'sources',
        [
          { name: 'action', type: STRING, value: 'remove' },
          { name: 'target', type: STRING, value: 'ftc', focused: true },
        ],
        { autocomplete: true, permissions: PERMISSIONS.admin },
      ),
    );
    expect(callback.body.data.choices).toEqual([{ name: 'FTC press releases', value: 'FTC press releases' }]);
  });

  it('autocomplete on an admin command suggests nothing to a member without Manage Server', async () => {
    harness = await startHarness({ adminUserIds: '300000000000000009' });
    await harness.app.core.sources.put({ platform: 'discord', id: GUILD_A.id }, 'ftc', {
      id: 'ftc',
      url: 'https://www.ftc.gov/feeds/press-release.xml',
      name: 'FTC press releases',
      intervalMinutes: 15,
      createdAt: '2026-11-30T12:00:00.000Z',
      health: { itemsSeen: 0, failures: 0 },
    });
    const typing = (extra: object) =>
      inGuildA(
        'sources',
        [
          { name: 'action', type: STRING, value: 'remove' },
          { name: 'target', type: STRING, value: 'ftc', focused: true },
        ],
        { autocomplete: true, ...extra },
      );
    const member = await harness.fake.interact(typing({}));
    expect(member.body.type).toBe(8);
    expect(member.body.data.choices).toEqual([]);
    const listed = await harness.fake.interact(typing({ userId: '300000000000000009' }));
    expect(listed.body.data.choices).toEqual([{ name: 'FTC press releases', value: 'FTC press releases' }]);
  });

  it('refuses an admin command to a member without Manage Server, privately, and changes nothing', async () => {
    harness = await startHarness();
    const callback = await harness.fake.interact(
      inGuildA('sources', [
        { name: 'action', type: STRING, value: 'add' },
        { name: 'target', type: STRING, value: 'https://example.org/feed.xml' },
      ]),
    );
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].description).toContain(
      'Only members with the Manage Server permission',
    );
    expect(await harness.app.core.sources.list({ platform: 'discord', id: GUILD_A.id })).toEqual([]);
  });

  it('lets a member listed in ADMIN_USER_IDS run an admin command without Manage Server', async () => {
    harness = await startHarness({ adminUserIds: '300000000000000009' });
    const callback = await harness.fake.interact(
      inGuildA(
        'sources',
        [
          { name: 'action', type: STRING, value: 'add' },
          { name: 'target', type: STRING, value: 'https://example.org/feed.xml' },
        ],
        { userId: '300000000000000009' },
      ),
    );
    expect(callback.body.data.embeds[0].description).toContain('Added source example.org');
    const sources = await harness.app.core.sources.list({ platform: 'discord', id: GUILD_A.id });
    expect(sources.map((s) => s.url)).toEqual(['https://example.org/feed.xml']);
    // The source belongs to guild A only.
    expect(await harness.app.core.sources.list({ platform: 'discord', id: GUILD_B.id })).toEqual([]);
  });

  it('answers a slash command in a DM with a polite private refusal', async () => {
    harness = await startHarness();
    const callback = await harness.fake.interact(
      chatInputInteraction({
        name: 'news',
        options: [{ name: 'query', type: STRING, value: 'huawei' }],
        channelId: '600000000000000001',
      }),
    );
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].description).toContain('inside a server');
  });

  it('given invalid input, answers privately with what was wrong', async () => {
    harness = await startHarness();
    const callback = await harness.fake.interact(inGuildA('news', [{ name: 'page', type: 4, value: 2 }]));
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].description).toContain('a search query is required');
  });

  it('defers work that outlasts the deadline, then edits the deferred reply', async () => {
    const slow = defineCommand({
      name: 'slow',
      description: 'Takes its time',
      usage: ['/slow'],
      options: z.object({ word: z.string().describe('A word') }),
      parseText: (text) => ({ word: text }),
      run: async (_ctx, { word }) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        // Search results: the kind of answer the channel sees, so the public "thinking…" is edited in place.
        return {
          kind: 'stories',
          title: 'Slow answer',
          stories: [
            {
              id: 's1',
              title: word,
              url: 'https://news.example/1',
              source: 'Example',
              summary: 'A summary.',
              topics: [],
              alsoCoveredBy: [],
              articleIds: ['s1'],
            },
          ],
        };
      },
    }) as unknown as Command;
    harness = await startHarness({ commands: [slow], deferAfterMs: 50 });
    const interaction = inGuildA('slow', [{ name: 'word', type: STRING, value: 'patience' }]);
    const callback = await harness.fake.interact(interaction);
    expect(callback.body.type).toBe(5);
    const edit = await harness.fake.waitFor(
      (r) => r.method === 'PATCH' && r.path.includes(interaction.token),
    );
    expect(edit.path).toMatch(/\/messages\/@original$/);
    expect(edit.body.content).toContain('Slow answer');
    expect(edit.body.embeds[0].title).toBe('patience');
    expect(edit.at - callback.at).toBeGreaterThanOrEqual(300);
  });

  it('given a deferred public reply whose answer is an error, replaces it with a private follow-up', async () => {
    const failing = defineCommand({
      name: 'failing',
      description: 'Slow, then wrong',
      usage: ['/failing'],
      options: z.object({}),
      parseText: () => ({}),
      run: async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error('boom');
      },
    }) as unknown as Command;
    harness = await startHarness({ commands: [failing], deferAfterMs: 20 });
    const interaction = inGuildA('failing');
    expect((await harness.fake.interact(interaction)).body.type).toBe(5);
    const followUp = await harness.fake.waitFor(
      (r) => r.method === 'POST' && r.path.endsWith(`/${interaction.token}`),
    );
    expect(followUp.body.flags).toBe(EPHEMERAL);
    expect(followUp.body.embeds[0].description).toMatch(
      /Sorry, something went wrong on our side \(ref \w+\)/,
    );
    const methods = harness.fake.interactionRequests(interaction).map((r) => r.method);
    expect(methods).toEqual(['POST', 'DELETE', 'POST']);
  });

  it('sends a reply longer than one message as the answer plus follow-ups, in order', async () => {
    const many = defineCommand({
      name: 'many',
      description: 'Many stories',
      usage: ['/many'],
      options: z.object({}),
      parseText: () => ({}),
      run: async () => ({
        kind: 'stories',
        title: 'Many',
        stories: Array.from({ length: 23 }, (_, i) => ({
          id: `s${i}`,
          title: `Story ${i + 1}`,
          url: `https://news.example/${i}`,
          source: 'Example',
          summary: 'A summary. '.repeat(20),
          topics: [],
          alsoCoveredBy: [],
          articleIds: [`s${i}`],
        })),
      }),
    }) as unknown as Command;
    harness = await startHarness({ commands: [many] });
    const interaction = inGuildA('many');
    const callback = await harness.fake.interact(interaction);
    await harness.fake.waitFor(
      (r) =>
        r.method === 'POST' &&
        r.path.endsWith(`/${interaction.token}`) &&
        r.body.embeds.at(-1)?.title === 'Story 23',
    );
    const followUps = harness.fake.messages(`webhook:${interaction.token}`);
    expect(followUps.length).toBeGreaterThanOrEqual(2);
    const titles = [callback.body.data, ...followUps].flatMap((m: { embeds: { title: string }[] }) =>
      m.embeds.map((e) => e.title),
    );
    expect(titles).toEqual(Array.from({ length: 23 }, (_, i) => `Story ${i + 1}`));
  });
});
