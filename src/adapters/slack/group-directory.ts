import type { GroupMention } from '../../core/ports/chat-adapter.ts';
import type { GroupDirectory } from '../../core/ports/group-directory.ts';
import type { Tenant } from '../../core/tenant.ts';

/** The one Web API call that finds user groups (usergroups:read). */
export interface UsergroupsClient {
  usergroups: {
    list(args: { include_disabled: boolean }): Promise<{
      usergroups?: { id?: string; handle?: string; name?: string; date_delete?: number }[];
    }>;
  };
}

/**
 * Slack's user groups by handle or name, so `/news subscribe … notify @policy-team` works although the
 * slash command arrives unescaped (the manifest sets should_escape false, so a group is plain text).
 */
export function createSlackGroupDirectory(
  clientFor: (tenant: Tenant) => Promise<UsergroupsClient | undefined>,
): GroupDirectory {
  return {
    async find(tenant, name): Promise<GroupMention | undefined> {
      const wanted = name.trim().replace(/^@/, '').toLowerCase();
      const client = await clientFor(tenant);
      if (!client || !wanted) return undefined;
      const { usergroups = [] } = await client.usergroups.list({ include_disabled: false });
      const match = usergroups.find(
        (group) =>
          !group.date_delete &&
          (group.handle?.toLowerCase() === wanted || group.name?.toLowerCase() === wanted),
      );
      return match?.id ? { id: match.id, label: `@${match.handle ?? wanted}` } : undefined;
    },
  };
}
