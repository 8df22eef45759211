import { z } from 'zod';
import { notice } from '../src/core/reply.ts';
import type { Command } from './define.ts';
import { defineCommand } from './define.ts';

/** Builds `/help` over the registry it describes, so help never drifts from the real commands. */
export function createHelpCommand(list: () => readonly Command[]) {
  return defineCommand({
    name: 'help',
    description: 'Show what Policy Wire can do',
    usage: ['/help [command]'],
    options: z.object({
      command: z
        .string()
        .trim()
        .max(40, { error: 'command names are short, e.g. /help news' })
        .optional()
        .describe('A command to explain'),
    }),
    parseText: (text) => (text.trim() ? { command: text.trim().replace(/^\//, '') } : {}),
    async run(ctx, { command }) {
      const visible = list().filter((c) => !c.admin || ctx.user.isAdmin);
      if (command) {
        const found = list().find((c) => c.name === command.toLowerCase());
        if (!found) {
          return notice('error', `There is no /${command} command.`, 'Type /help to see them all.');
        }
        return {
          kind: 'list',
          title: `/${found.name}: ${found.description}`,
          items: found.usage.map((line) => ({ label: line })),
          footer: found.admin ? 'Admins only.' : undefined,
          visibility: 'ephemeral',
        };
      }
      return {
        kind: 'list',
        title: 'Policy Wire: tech-policy news, summarized faithfully',
        items: visible.map((c) => ({
          label: c.usage[0] ?? `/${c.name}`,
          detail: c.admin ? `${c.description} (admins)` : c.description,
        })),
        footer: 'Type /help <command> for details.',
        visibility: 'ephemeral',
      };
    },
  });
}
