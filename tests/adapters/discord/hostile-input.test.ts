import { ApplicationCommandOptionType } from 'discord.js';
import { expect } from 'vitest';
import { findCommand } from '../../../commands/index.ts';
import { describeOptions } from '../../../src/adapters/discord/zod-options.ts';
import { chatInputInteraction, PERMISSIONS } from '../../fakes/fake-discord.ts';
import { describeHostileInput, type Seen } from '../../helpers/hostile-scenarios.ts';
import { GUILD_A, startHarness } from './harness.ts';

type Embed = {
  title?: string;
  description?: string;
  footer?: { text: string };
  author?: { name: string };
  fields?: { name: string; value: string }[];
};
type Data = { content?: string; embeds?: Embed[]; allowed_mentions?: unknown };

/**
 * Discord has no free text: the words a Slack or console user types become the typed options a Discord
 * member fills in, through the command's own text parser, so all three platforms get the same input.
 */
function typedOptions(command: string, text: string) {
  const found = findCommand(command);
  if (!found) throw new Error(`no command ${command}`);
  const raw = found.parseText(text);
  return describeOptions(found).flatMap((spec) => {
    const value = raw[spec.key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return [];
    const typed =
      spec.type === ApplicationCommandOptionType.Integer
        ? Number(value)
        : Array.isArray(value)
          ? value.join(',')
          : value;
    return [{ name: spec.name, type: spec.type, value: typed as string | number | boolean }];
  });
}

function flatten(data: Data): string {
  const parts = [data.content ?? ''];
  for (const embed of data.embeds ?? []) {
    parts.push(
      embed.title ?? '',
      embed.description ?? '',
      embed.footer?.text ?? '',
      embed.author?.name ?? '',
    );
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.join('\n');
}

describeHostileInput(
  'Discord',
  async () => {
    const h = await startHarness({ guilds: [GUILD_A] });
    return {
      core: h.app.core,
      stores: h.app.stores,
      tenant: { platform: 'discord', id: GUILD_A.id },
      async send(command, text, options = {}) {
        const callback = await h.fake.interact(
          chatInputInteraction({
            name: command,
            options: typedOptions(command, text),
            guildId: GUILD_A.id,
            channelId: GUILD_A.channelIds[0]!,
            permissions: options.admin ? PERMISSIONS.admin : PERMISSIONS.member,
          }),
        );
        const data = callback.body.data as Data;
        return { text: flatten(data), raw: data };
      },
      close: h.close,
    };
  },
  (seen: Seen) => {
    const data = seen.raw as Data;
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const story = data.embeds?.[0];
    for (const text of [data.content ?? '', story?.title ?? '', story?.description ?? '']) {
      // Every markdown mark is escaped, mentions are broken, and no masked link survives.
      expect(text).not.toMatch(/(^|[^\\])(\*bold|_it_|~gone|`code|<@U0BOSS|\[click\])/);
      expect(text).not.toMatch(/@everyone/);
      expect(text).not.toContain('\u001b');
    }
    expect(story?.title).toContain('\\*bold\\*');
    expect(story?.title).toContain('@\u200beveryone');
    expect(data.content).toContain('zanzibarquux \\*bold\\*');
  },
);
