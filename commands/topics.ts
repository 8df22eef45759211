import { z } from 'zod';
import { type Topic, topicSchema } from '../src/core/ports/topic-service.ts';
import { adminRefusal, notice } from '../src/core/reply.ts';
import { stripQuotes } from '../src/core/text/quotes.ts';
import { defineCommand } from './define.ts';
import { splitWords } from './parse-text.ts';

/** `/topics list|add|remove`: the built-in taxonomy plus this workspace's own topics. */
export const topicsCommand = defineCommand({
  name: 'topics',
  description: 'List topics, or (admins) add and remove this workspace’s own',
  usage: [
    '/topics list',
    '/topics add <name> <query> [aliases…]   e.g. /topics add open-banking "open banking" PSD2',
    '/topics remove <name>',
  ],
  options: z.object({
    action: z
      .enum(['list', 'add', 'remove'], { error: 'choose list, add or remove, e.g. /topics list' })
      .default('list')
      .describe('What to do'),
    name: z
      .string()
      .trim()
      .max(40, { error: 'a topic name is 40 characters at most' })
      .optional()
      .describe('Topic name'),
    query: z
      .string()
      .trim()
      .max(500, { error: 'a topic query is 500 characters at most' })
      .optional()
      .describe('What the topic means, e.g. "open banking"'),
    aliases: z
      .array(z.string().trim().min(1).max(80, { error: 'an alias is 80 characters at most' }))
      .max(50, { error: 'a topic can have at most 50 aliases' })
      .default([])
      .describe('Other words for it'),
  }),
  parseText(text) {
    const [action, name, query, ...aliases] = splitWords(text).map(stripQuotes);
    return {
      ...(action ? { action: action.toLowerCase() } : {}),
      ...(name ? { name } : {}),
      ...(query ? { query } : {}),
      aliases: aliases.filter(Boolean),
    };
  },
  async run(ctx, { action, name, query, aliases }) {
    const topics = ctx.core.topics;
    if (action === 'list') {
      const all = await topics.list(ctx.tenant);
      return {
        kind: 'list',
        title: `Topics (${all.length})`,
        items: all.map((t) => ({
          label: `${t.name}${t.builtIn ? '' : ' (yours)'}`,
          detail: [t.label, t.aliases.length > 0 ? `aliases: ${t.aliases.slice(0, 6).join(', ')}` : '']
            .filter(Boolean)
            .join(' · '),
        })),
        footer: 'Filter news by one: /news topic:<name>. Admins: /topics add <name> <query> [aliases…]',
      };
    }
    if (!ctx.user.isAdmin) {
      return adminRefusal(`${action} topics`, ctx.channel.platform, 'Ask an admin, or see /topics list.');
    }
    if (!name) {
      return notice(
        'error',
        `/topics ${action} needs a topic name.`,
        action === 'add' ? 'Usage: /topics add <name> <query> [aliases…]' : 'Usage: /topics remove <name>',
      );
    }
    const slug = name.toLowerCase();
    if (action === 'remove') {
      const removed = await topics.remove(ctx.tenant, slug);
      if (removed) return notice('success', `Removed topic ${slug}.`);
      const builtIn = (await topics.list(ctx.tenant)).some((t) => t.name === slug && t.builtIn);
      return notice(
        'error',
        builtIn
          ? `${slug} is a built-in topic and cannot be removed.`
          : `This workspace has no topic called ${slug}.`,
        'See /topics list.',
      );
    }
    if (!query) {
      return notice(
        'error',
        `/topics add ${slug} needs a query.`,
        `e.g. /topics add ${slug} "${slug.replace(/-/g, ' ')}"`,
      );
    }
    const parsed = topicSchema.safeParse({ name: slug, label: query, query, aliases, builtIn: false });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return notice(
        'error',
        `That topic is not valid: ${String(issue?.path[0] ?? 'topic')} ${issue?.message ?? ''}.`.replace(
          /\s+\./,
          '.',
        ),
        'Names are lower-case letters, digits and dashes, e.g. open-banking.',
      );
    }
    const topic: Topic = parsed.data;
    const shadows = (await topics.list(ctx.tenant)).some((t) => t.name === slug && t.builtIn);
    await topics.add(ctx.tenant, topic);
    return notice(
      'success',
      `Saved topic ${slug}: "${query}"${aliases.length > 0 ? ` (aliases: ${aliases.join(', ')})` : ''}.`,
      `${shadows ? 'It replaces the built-in topic of that name for this workspace. ' : ''}It applies to stored articles at once: try /news topic:${slug}`,
    );
  },
});
