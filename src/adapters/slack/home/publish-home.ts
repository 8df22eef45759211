import type { types } from '@slack/bolt';
import type { Reply } from '../../../core/reply.ts';
import type { Tenant } from '../../../core/tenant.ts';
import type { Logger } from '../../../logger.ts';
import type { AdminRights, UsersInfoClient } from '../admin-rights.ts';
import { type HomeDataDeps, loadHomeData } from './home-data.ts';
import { buildHomeView } from './home-view.ts';

/** Most pages of users.conversations read for one viewer: 1,000 channels is more than a Home tab lists. */
const MAX_CHANNEL_PAGES = 5;

/** The Web API calls publishing a Home tab makes, so any workspace's WebClient fits. */
export interface HomeClient extends UsersInfoClient {
  users: UsersInfoClient['users'] & {
    conversations(args: {
      user: string;
      types: string;
      exclude_archived: boolean;
      limit: number;
      cursor?: string;
    }): Promise<{ channels?: { id?: string }[]; response_metadata?: { next_cursor?: string } }>;
  };
  views: { publish(args: { user_id: string; view: types.HomeView }): Promise<unknown> };
}

/** What publishing needs: the stores the view reads, the admin check and a logger. */
export interface PublishHomeDeps extends HomeDataDeps {
  core: HomeDataDeps['core'] & { clock: { now(): Date } };
  admins: AdminRights;
  logger: Logger;
}

/** Draws the viewer's Home tab from their workspace's records and publishes it with views.publish. */
export async function publishHome(
  deps: PublishHomeDeps,
  client: HomeClient,
  tenant: Tenant,
  userId: string,
  outcome?: Reply,
): Promise<void> {
  const isAdmin = await deps.admins.isAdmin(client, tenant, userId);
  const channels = isAdmin ? new Set<string>() : await memberChannels(deps, client, tenant, userId);
  const data = await loadHomeData(deps, tenant, { userId, isAdmin, channels });
  const view = buildHomeView(data, { isAdmin, now: deps.core.clock.now(), ...(outcome ? { outcome } : {}) });
  await client.views.publish({ user_id: userId, view });
}

/**
 * The channels a non-admin is in, so they see those channels' digests and no others. When Slack
 * cannot say, none: a failed lookup must not show them a private channel's digest.
 */
async function memberChannels(
  deps: PublishHomeDeps,
  client: HomeClient,
  tenant: Tenant,
  userId: string,
): Promise<Set<string>> {
  const found = new Set<string>();
  let cursor: string | undefined;
  try {
    for (let page = 0; page < MAX_CHANNEL_PAGES; page++) {
      const answer = await client.users.conversations({
        user: userId,
        types: 'public_channel,private_channel',
        exclude_archived: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const channel of answer.channels ?? []) if (channel.id) found.add(channel.id);
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
  } catch (error) {
    deps.logger.warn(
      { err: error, tenant, user: userId },
      'users.conversations failed; Home shows no channel digests',
    );
    return new Set();
  }
  return found;
}
