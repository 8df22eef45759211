import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { chatInputInteraction, type FakeGuild } from '../../fakes/fake-discord.ts';
import { type Harness, startHarness } from './harness.ts';

/** Guild ids whose shard under N shards is `n % N`: Discord routes a guild to (id >> 22) % N. */
const guild = (n: number): FakeGuild => {
  const id = String(BigInt(n) << 22n);
  return { id, name: `Guild ${n}`, channelIds: [String((BigInt(n) << 22n) + 1n)] };
};
const guilds = [guild(1000), guild(1001), guild(1002), guild(1003)];
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('Discord sharding', () => {
  it("with DISCORD_SHARD_COUNT=auto, runs Discord's recommended shards and answers guilds on each", async () => {
    harness = await startHarness({
      guilds,
      recommendedShards: 2,
      shards: parseConfig({}).DISCORD_SHARD_COUNT,
    });
    expect(harness.fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const client = harness.adapter.client!;
    expect(client.ws.shards.size).toBe(2);
    expect([...client.guilds.cache.keys()].sort()).toEqual(guilds.map((g) => g.id).sort());
    expect(client.guilds.cache.get(guilds[1]!.id)?.shardId).toBe(1);
    for (const target of guilds.slice(0, 2)) {
      const callback = await harness.fake.interact(
        chatInputInteraction({
          name: 'news',
          options: [{ name: 'query', type: 3, value: 'huawei' }],
          guildId: target.id,
          channelId: target.channelIds[0]!,
        }),
      );
      expect(callback.body.data.embeds).toHaveLength(1);
    }
  });

  it('with a fixed DISCORD_SHARD_COUNT, identifies exactly that many shards', async () => {
    const shards = parseConfig({ DISCORD_SHARD_COUNT: '3' }).DISCORD_SHARD_COUNT;
    harness = await startHarness({ guilds, recommendedShards: 1, shards });
    expect(harness.fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(harness.adapter.client!.guilds.cache.size).toBe(4);
  });

  it('given a token Discord rejects, fails to start with a message naming DISCORD_TOKEN', async () => {
    harness = await startHarness({ connect: false });
    harness.fake.script('GET', /^\/gateway\/bot$/, [
      { status: 401, body: { message: '401: Unauthorized', code: 0 } },
    ]);
    await expect(harness.adapter.start()).rejects.toThrow('Discord rejected DISCORD_TOKEN.');
    expect(harness.adapter.client).toBeUndefined();
    expect(harness.fake.identifies).toHaveLength(0);
  });

  it('rejects a shard count that is not auto or a positive whole number', () => {
    expect(parseConfig({}).DISCORD_SHARD_COUNT).toBe('auto');
    expect(() => parseConfig({ DISCORD_SHARD_COUNT: '0' })).toThrow(
      /DISCORD_SHARD_COUNT: expected auto or a whole number/,
    );
    expect(() => parseConfig({ DISCORD_SHARD_COUNT: 'lots' })).toThrow(/got "lots"/);
  });
});
