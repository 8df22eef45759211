import type { Command } from '../../../commands/define.ts';
import type { Reply } from '../../core/reply.ts';

/** The one slash command Policy Wire registers in Slack; every shared command is a sub-command of it. */
export const SLACK_COMMAND = '/news';
/** The shared command that plain text after `/news` runs: a search. */
const DEFAULT_COMMAND = 'news';

/**
 * Maps the text after `/news` to a shared command: `help`, `sources add …` and other registered
 * names are sub-commands; anything else is a search (`/news huawei`). Quote a word to search for a
 * command's name (`/news "sources"`). Empty text shows help.
 */
export function routeSlashText(text: string, registry: readonly Command[]): { name: string; text: string } {
  const trimmed = decodeSlackEntities(text).trim();
  if (!trimmed) return { name: 'help', text: '' };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const first = (match?.[1] ?? '').toLowerCase().replace(/^\//, '');
  const rest = (match?.[2] ?? '').trim();
  if (registry.some((command) => command.name === first)) return { name: first, text: rest };
  return { name: DEFAULT_COMMAND, text: trimmed };
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Slack sends `&`, `<` and `>` in slash-command text as &amp; &lt; &gt; (its control characters);
 * without decoding, `?a=1&b=2` arrives as `?a=1&amp;b=2`. One pass, so a typed `&amp;lt;` stays `&lt;`.
 */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * Rewrites `/sources add …` in a command's own help and hints to `/news sources add …`, which is
 * what a Slack user types. Story content is never touched.
 */
export function slackifyCommandMentions(reply: Reply, registry: readonly Command[]): Reply {
  const names = registry.map((c) => c.name).filter((name) => name !== DEFAULT_COMMAND);
  if (names.length === 0) return reply;
  const pattern = new RegExp(`(^|[\\s(\`'"“])/(${names.map(escapeRegExp).join('|')})(?![\\w-])`, 'gi');
  const fix = (text: string) =>
    text.replace(pattern, (_m, lead: string, name: string) => `${lead}/news ${name}`);
  const fixOptional = (text: string | undefined) => (text === undefined ? undefined : fix(text));
  switch (reply.kind) {
    case 'notice':
      return {
        ...reply,
        text: fix(reply.text),
        ...(reply.hint === undefined ? {} : { hint: fix(reply.hint) }),
      };
    case 'list':
      return {
        ...reply,
        title: fix(reply.title),
        items: reply.items.map((item) => ({
          label: fix(item.label),
          ...(item.detail === undefined ? {} : { detail: fix(item.detail) }),
        })),
        ...(reply.footer === undefined ? {} : { footer: fixOptional(reply.footer) }),
      };
    case 'stories':
    case 'digest':
      return reply.footer === undefined ? reply : { ...reply, footer: fix(reply.footer) };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
