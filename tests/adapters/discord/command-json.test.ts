import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Command, defineCommand } from '../../../commands/define.ts';
import { commands } from '../../../commands/index.ts';
import type { AutocompleteProviders } from '../../../src/adapters/discord/autocomplete.ts';
import { suggest } from '../../../src/adapters/discord/autocomplete.ts';
import { buildCommandJson } from '../../../src/adapters/discord/command-json.ts';
import { readOptions } from '../../../src/adapters/discord/interactions.ts';
import { describeOptions } from '../../../src/adapters/discord/zod-options.ts';
import { commandViolations } from './discord-rules.ts';

const providers: AutocompleteProviders = {
  topic: async () => [],
  'sources.target': async () => [],
};

/** A command shaped unlike any existing one, as another engineer might add it. */
const future = defineCommand({
  name: 'subscribe',
  description: `Subscribe this channel to a topic's daily digest. ${'Long description. '.repeat(10)}`,
  usage: ['/subscribe <topic>'],
  admin: true,
  options: z.object({
    sendAt: z
      .string()
      .regex(/^\d\d:\d\d$/)
      .default('08:00')
      .describe('Time of day, e.g. 08:00'),
    topic: z.string().min(1).describe('A topic name or a free query'),
    weekdays: z
      .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
      .default([])
      .describe('Days to send'),
    timeZone: z
      .enum(Array.from({ length: 30 }, (_, i) => `Zone/${i}`) as [string, ...string[]])
      .optional()
      .describe('IANA time zone'),
    count: z.number().int().min(1).max(20).optional(),
    ratio: z.number().optional().describe('A ratio'),
    quiet: z.boolean().default(false).describe('Post nothing when there is nothing new'),
    level: z
      .union([z.literal('brief'), z.literal('full')])
      .default('brief')
      .describe('How much to show'),
  }),
  parseText: () => ({}),
  run: async () => ({ kind: 'notice', level: 'info', text: 'ok' }),
}) as unknown as Command;

describe('Discord registration JSON', () => {
  it("follows Discord's rules for every command in the registry", () => {
    const body = buildCommandJson(commands, providers);
    expect(body.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    for (const command of body) expect(commandViolations(command)).toEqual([]);
  });

  it('gives /news its typed options: query, topic with autocomplete, page as a bounded integer', () => {
    const news = buildCommandJson(commands, providers).find((c) => c.name === 'news')!;
    expect(news.options).toEqual([
      expect.objectContaining({ name: 'query', type: 3, required: false, max_length: 500 }),
      expect.objectContaining({ name: 'topic', type: 3, required: false, autocomplete: true }),
      expect.objectContaining({ name: 'page', type: 4, required: false, min_value: 1, max_value: 50 }),
    ]);
    expect(news.default_member_permissions).toBeNull();
    expect(news.contexts).toEqual([0]);
  });

  it('marks admin commands with Manage Server and turns enums into choices', () => {
    const sources = buildCommandJson(commands, providers).find((c) => c.name === 'sources')!;
    expect(sources.default_member_permissions).toBe('32');
    expect(sources.options?.[0]).toMatchObject({
      name: 'action',
      choices: [
        { name: 'list', value: 'list' },
        { name: 'add', value: 'add' },
        { name: 'remove', value: 'remove' },
      ],
    });
    expect(sources.options?.find((o) => o.name === 'target')).toMatchObject({ autocomplete: true });
  });

  it('derives valid JSON for a command it has never seen: snake_case names, required first, lists, big enums', () => {
    const [json] = buildCommandJson([future], providers);
    expect(commandViolations(json)).toEqual([]);
    expect(json!.description.length).toBeLessThanOrEqual(100);
    expect(json!.default_member_permissions).toBe('32');
    const byName = Object.fromEntries(
      (json!.options ?? []).map((o) => [o.name, o as unknown as Record<string, unknown>]),
    );
    expect(json!.options?.[0]).toMatchObject({ name: 'topic', required: true, autocomplete: true });
    expect(byName.send_at).toMatchObject({ type: 3, required: false });
    expect(byName.weekdays).toMatchObject({ type: 3 });
    expect(String(byName.weekdays?.description)).toContain('comma-separated');
    // 30 time zones are too many for choices: offered through autocomplete instead.
    expect(byName.time_zone).toMatchObject({ autocomplete: true });
    expect(byName.time_zone?.choices).toBeUndefined();
    expect(byName.count).toMatchObject({ type: 4, min_value: 1, max_value: 20, description: 'Count' });
    expect(byName.ratio).toMatchObject({ type: 10 });
    expect(byName.quiet).toMatchObject({ type: 5 });
    expect(byName.level).toMatchObject({
      choices: [
        { name: 'brief', value: 'brief' },
        { name: 'full', value: 'full' },
      ],
    });
  });

  it('maps Discord option values back onto the schema so the command validates them', () => {
    const specs = describeOptions(future);
    const raw = readOptions(
      [
        { name: 'topic', type: 3, value: 'huawei' },
        { name: 'send_at', type: 3, value: '07:30' },
        { name: 'weekdays', type: 3, value: 'mon, wed,fri' },
        { name: 'quiet', type: 5, value: true },
      ],
      specs,
    );
    expect(raw).toEqual({ topic: 'huawei', sendAt: '07:30', weekdays: ['mon', 'wed', 'fri'], quiet: true });
    expect(future.options.safeParse(raw).success).toBe(true);
  });

  it('refuses to build a command Discord would reject', () => {
    const bad = { ...future, name: 'Bad Name' } as Command;
    expect(() => buildCommandJson([bad], providers)).toThrow(/command names/);
    const wide = {
      ...future,
      name: 'wide',
      options: z.object(
        Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`o${i}`, z.string().optional()])),
      ),
    } as unknown as Command;
    expect(() => buildCommandJson([wide], providers)).toThrow(/26 options; Discord allows 25/);
  });
});

describe('autocomplete suggestions', () => {
  it('ranks prefix matches before substring matches, at most 25', () => {
    const names = [
      'ai-regulation',
      'huawei',
      'export-controls',
      'tiktok-bans',
      ...Array.from({ length: 40 }, (_, i) => `t${i}`),
    ];
    expect(suggest(names, 'ai').map((s) => s.value)).toEqual(['ai-regulation']);
    expect(
      suggest(names, 'o')
        .map((s) => s.value)
        .slice(0, 3),
    ).toEqual(['ai-regulation', 'export-controls', 'tiktok-bans']);
    expect(suggest(names, '')).toHaveLength(25);
  });

  it('completes the last entry of a comma-separated list', () => {
    expect(suggest(['huawei', 'ai-regulation'], 'huawei, ai', true)).toEqual([
      { name: 'huawei, ai-regulation', value: 'huawei, ai-regulation' },
    ]);
  });
});
