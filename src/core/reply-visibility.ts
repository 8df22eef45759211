import type { Reply, Visibility } from './reply.ts';

/** What the policy needs to know about the command that produced a reply. */
export interface VisibilitySource {
  /** Only admins may run it: its answers are admin data. */
  admin?: boolean;
}

/**
 * Who sees an answer to a command, the same on every platform: the person who asked ('ephemeral') or
 * the whole channel. Errors and every answer of an admin command stay with the person, whatever the
 * reply asks, because sources, subscriptions and refusals are nobody else's business. Otherwise the
 * reply's own wish wins; search results go to the channel so the team shares them, and help, lists and
 * confirmations stay with the person.
 */
export function replyVisibility(reply: Reply, command?: VisibilitySource): Visibility {
  if (reply.kind === 'notice' && reply.level === 'error') return 'ephemeral';
  if (command?.admin) return 'ephemeral';
  if (reply.visibility) return reply.visibility;
  return reply.kind === 'stories' ? 'channel' : 'ephemeral';
}

/**
 * The visibility to promise before the answer exists, where a platform must say it up front (Discord's
 * "thinking…"): private for admin commands, else the channel, the likely answer of a slow search.
 */
export function pendingVisibility(command?: VisibilitySource): Visibility {
  return command?.admin ? 'ephemeral' : 'channel';
}
