import type { z } from 'zod';
import type { DigestServices } from '../digests/services.ts';
import type { Core } from '../src/core/core.ts';
import type { GroupDirectory } from '../src/core/ports/group-directory.ts';
import type { Reply } from '../src/core/reply.ts';
import type { Platform, Tenant } from '../src/core/tenant.ts';
import type { Logger } from '../src/logger.ts';

/** Configured settings that commands apply, built once by the composition root from the config. */
export interface CommandSettings {
  /** How often `/sources add` schedules a new source to be polled (POLL_INTERVAL_MINUTES): the poller's pace. */
  pollIntervalMinutes: number;
}

/** Who is asking and where: every command runs inside one tenant and one channel. */
export interface CommandContext {
  tenant: Tenant;
  channel: { platform: Platform; id: string };
  user: { id: string; isAdmin: boolean };
  core: Core;
  /** The digest services the composition root built beside the core. */
  digests: DigestServices;
  settings: CommandSettings;
  logger: Logger;
  /** Turns a typed `@group` into a mentionable id, where the platform needs asking (Slack). */
  groups?: GroupDirectory;
}

/** A slash command: its options as a zod schema and a handler that returns a platform-neutral reply. */
export interface Command<S extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  /** How to call it, one line per form, e.g. `/news <query> [page:N]`. */
  usage: string[];
  options: S;
  /** Only workspace or guild admins may run it. */
  admin?: boolean;
  /**
   * For an admin command: the options with which anyone may run it all the same, because what it
   * changes is theirs alone (`/subscribe <topic> dm`). Checked after the options are read.
   */
  openWhen?(options: z.infer<S>): boolean;
  /** Maps free text after the command name (Slack, console) to raw option input for the schema. */
  parseText(text: string): Record<string, unknown>;
  run(ctx: CommandContext, options: z.infer<S>): Promise<Reply>;
}

/** Declares a command; the identity function keeps the option types flowing into `run`. */
export function defineCommand<S extends z.ZodObject>(command: Command<S>): Command<S> {
  return command;
}
