import type { Tenant } from '../tenant.ts';
import type { GroupMention } from './chat-adapter.ts';

/** Finds a group people can be pinged as, by the name typed in a command (Slack user groups by handle). */
export interface GroupDirectory {
  /** The group `@name` (or `name`) means in this tenant, or undefined when there is none by that name. */
  find(tenant: Tenant, name: string): Promise<GroupMention | undefined>;
}
