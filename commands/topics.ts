import { z } from 'zod';
import { type Topic, topicSchema } from '../src/core/ports/topic-service.ts';
import { adminRefusal, notice, type Reply } from '../src/core/reply.ts';
import { stripQuotes } from '../src/core/text/quotes.ts';
import {
  cleanAliases,
  cleanName,
  cleanTopicName,
  MAX_ALIAS,
  MAX_TOPIC_NAME,
} from '../src/core/topics/topic-names.ts';
import { builtInTopic } from '../src/core/topics/topic-service.ts';
import { defineCommand } from './define.ts';
import { splitWords } from './parse-text.ts';

// `--replace`, also as typed on phones and Macs that turn `--` into a dash.
const REPLACE_FLAG = /(^|\s)(--|—|–)replace(?=\s|$)/gi;

/** `/topics list|add|remove`: the built-in taxonomy plus this workspace's own topics. */
export const topicsCommand = defineCommand({
  name: 'topics',
  description: 'List topics, or (admins) add and remove this workspace’s own',
  usage: [
    '/topics list',
    '/topics add <name> <query> [aliases…]   e.g. /topics add open-banking "open banking" PSD2',
    '/topics add <built-in name> <query> [aliases…] --replace   customise a built-in topic',
    '/topics remove <name>   (a customised built-in goes back to the built-in)',
  ],
  options: z.object({
    action: z
      .enum(['list', 'add', 'remove'], { error: 'choose list, add or remove, e.g. /topics list' })
      .default('list')
      .describe('What to do'),
    name: z
      .string()
      .trim()
      .max(MAX_TOPIC_NAME, { error: `a topic name is ${MAX_TOPIC_NAME} characters at most` })
      .optional()
      .describe('Topic name'),
    query: z
      .string()
      .trim()
      .max(500, { error: 'a topic query is 500 characters at most' })
      .optional()
      .describe('What the topic means, e.g. "open banking"'),
    aliases: z
      .array(
        z
          .string()
          .trim()
          .min(1)
          .max(MAX_ALIAS, { error: `an alias is ${MAX_ALIAS} characters at most` }),
      )
      .max(50, { error: 'a topic can have at most 50 aliases' })
      .default([])
      .describe('Other words for it'),
    replace: z.boolean().default(false).describe('Customise the built-in topic of this name'),
  }),
  parseText(text) {
    const stripped = text.replace(REPLACE_FLAG, ' ');
    const replace = stripped !== text;
    const words = splitWords(stripped).map(stripQuotes);
    const [action, name, query, ...aliases] = words;
    return {
      ...(action ? { action: action.toLowerCase() } : {}),
      ...(name ? { name } : {}),
      ...(query ? { query } : {}),
      aliases: aliases.filter(Boolean),
      replace,
    };
  },
  async run(ctx, { action, name: typed, query: typedQuery, aliases: typedAliases, replace }) {
    const topics = ctx.core.topics;
    if (action === 'list') return listTopics(await topics.list(ctx.tenant));
    if (!ctx.user.isAdmin) {
      return adminRefusal(`${action} topics`, ctx.channel.platform, 'Ask an admin, or see /topics list.');
    }
    if (!typed) {
      return notice(
        'error',
        `/topics ${action} needs a topic name.`,
        action === 'add' ? 'Usage: /topics add <name> <query> [aliases…]' : 'Usage: /topics remove <name>',
      );
    }
    const slug = cleanTopicName(typed);
    const builtIn = builtInTopic(slug);
    if (action === 'remove') return removeTopic(await topics.remove(ctx.tenant, slug), slug, builtIn);
    if (!typedQuery) {
      return notice(
        'error',
        `/topics add ${slug} needs a query.`,
        `e.g. /topics add ${slug} "${slug.replace(/-/g, ' ')}"`,
      );
    }
    const query = cleanName(typedQuery, 'topic query', 500);
    const aliases = cleanAliases(typedAliases);
    const label = [...query].length > MAX_ALIAS ? `${[...query].slice(0, MAX_ALIAS - 1).join('')}…` : query;
    const parsed = topicSchema.safeParse({ name: slug, label, query, aliases, builtIn: false });
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
    await topics.add(ctx.tenant, topic, { replace });
    return notice(
      'success',
      `Saved topic ${slug}: "${query}"${aliases.length > 0 ? ` (aliases: ${aliases.join(', ')})` : ''}.`,
      [
        builtIn
          ? 'It customises the built-in topic of that name for this workspace; /topics remove brings the built-in back.'
          : '',
        phraseHint(slug, query, aliases, builtIn !== undefined),
        `It applies to stored articles at once: try /news topic:${slug}`,
      ]
        .filter(Boolean)
        .join(' '),
    );
  },
});

/** The /topics list reply: every topic this workspace sees, marked built-in, customised or its own. */
function listTopics(all: readonly Topic[]): Reply {
  return {
    kind: 'list',
    title: `Topics (${all.length})`,
    items: all.map((t) => ({
      label: `${t.name}${t.builtIn ? '' : t.customisesBuiltIn ? ' (customised built-in)' : ' (yours)'}`,
      detail: [t.label, t.aliases.length > 0 ? `aliases: ${t.aliases.slice(0, 6).join(', ')}` : '']
        .filter(Boolean)
        .join(' · '),
    })),
    footer: 'Filter news by one: /news topic:<name>. Admins: /topics add <name> <query> [aliases…]',
  };
}

/** The /topics remove reply: removing a customised built-in brings the built-in back, which is worth saying. */
function removeTopic(removed: boolean, slug: string, builtIn: { label: string } | undefined): Reply {
  if (removed && builtIn) {
    return notice('success', `Removed your version of ${slug}; the built-in topic ${builtIn.label} is back.`);
  }
  if (removed) return notice('success', `Removed topic ${slug}.`);
  return notice(
    'error',
    builtIn
      ? `${slug} is a built-in topic and cannot be removed.`
      : `This workspace has no topic called ${slug}.`,
    'See /topics list.',
  );
}

/**
 * A hint for "/topics add chips export controls": a one-word query followed by aliases is how an unquoted
 * phrase reads, and the saved topic then matches "export" alone. Said every time it may apply; harmless when
 * the split was meant.
 */
function phraseHint(slug: string, query: string, aliases: readonly string[], builtIn: boolean): string {
  // An alias of several words, or a quote mark anywhere, was quoted on purpose: the split was meant.
  const words = [query, ...aliases];
  if (aliases.length === 0 || words.some((word) => /\s|["'“”‘’]/.test(word))) return '';
  const phrase = words.join(' ');
  return `Each word after the query is an alias of its own; to search a phrase, quote it: /topics add ${slug} "${phrase}"${builtIn ? ' --replace' : ''}.`;
}
