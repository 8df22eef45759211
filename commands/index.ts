import { deadlinesCommand } from './deadlines.ts';
import type { Command } from './define.ts';
import { digestCommand } from './digest.ts';
import { followCommand } from './follow.ts';
import { followingCommand } from './following.ts';
import { createHelpCommand } from './help.ts';
import { createNewsCommand } from './news.ts';
import { sourcesCommand } from './sources.ts';
import { subscribeCommand } from './subscribe.ts';
import { subscriptionsCommand } from './subscriptions.ts';
import { topicsCommand } from './topics.ts';
import { unfollowCommand } from './unfollow.ts';
import { unsubscribeCommand } from './unsubscribe.ts';

/** Every slash command, in the order help lists them. Adapters register exactly these. */
export const commands: readonly Command[] = [
  createNewsCommand(() => commands.map((command) => command.name)) as unknown as Command,
  sourcesCommand as unknown as Command,
  topicsCommand as unknown as Command,
  subscribeCommand as unknown as Command,
  unsubscribeCommand as unknown as Command,
  subscriptionsCommand as unknown as Command,
  digestCommand as unknown as Command,
  followCommand as unknown as Command,
  unfollowCommand as unknown as Command,
  followingCommand as unknown as Command,
  deadlinesCommand as unknown as Command,
  createHelpCommand(() => commands) as unknown as Command,
];

/** Finds a command by name, case-insensitively. */
export function findCommand(name: string): Command | undefined {
  const wanted = name.toLowerCase();
  return commands.find((command) => command.name === wanted);
}
