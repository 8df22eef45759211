import type { DigestServices } from '../../../../digests/services.ts';
import type { DeliveryState, Subscription } from '../../../../digests/subscription.ts';
import type { Core } from '../../../core/core.ts';
import type { Incident } from '../../../core/incidents.ts';
import { directChannelId, directUserOf } from '../../../core/ports/chat-adapter.ts';
import type { Source } from '../../../core/sources.ts';
import type { Tenant } from '../../../core/tenant.ts';

/** Who opened the Home tab, and which channels they may see digests of. */
export interface HomeViewer {
  userId: string;
  isAdmin: boolean;
  /** The channels a non-admin is in; admins see every channel of their workspace. */
  channels: ReadonlySet<string>;
}

/** One digest on the Home tab: its subscription and how its deliveries went. */
export interface HomeSubscription {
  subscription: Subscription;
  state: DeliveryState | undefined;
  /** The viewer's own digest in their direct messages. */
  personal: boolean;
}

/** Everything one viewer's Home tab shows, all read under one tenant. */
export interface HomeData {
  subscriptions: HomeSubscription[];
  /** Sources with their health; only admins see them, as only admins may run `/sources list`. */
  sources?: Source[];
  /** Open source incidents by source id. */
  openIncidents: Map<string, Incident>;
  /** Every incident of the tenant, newest first (admins only). */
  incidents: Incident[];
}

/** What reading the Home data needs: the core's sources and the digest stores. */
export interface HomeDataDeps {
  core: Pick<Core, 'sources'>;
  digests: Pick<DigestServices, 'stores' | 'incidents'>;
}

/**
 * Reads the viewer's Home data from the tenant's own namespaces only, so no other workspace's record
 * can appear. Nobody sees another person's personal digest; a non-admin sees the digests of the
 * channels they are in, and no sources or incidents (those are admin commands' answers).
 */
export async function loadHomeData(
  deps: HomeDataDeps,
  tenant: Tenant,
  viewer: HomeViewer,
): Promise<HomeData> {
  const mine = directChannelId(viewer.userId);
  const all = await deps.digests.stores.subscriptions.list(tenant);
  const visible = all.filter((subscription) => {
    if (subscription.channelId === mine) return true;
    if (directUserOf(subscription.channelId) !== undefined) return false;
    return viewer.isAdmin || viewer.channels.has(subscription.channelId);
  });
  // Personal digest first, then channels in a stable order.
  visible.sort((a, b) =>
    a.channelId === mine ? -1 : b.channelId === mine ? 1 : a.channelId.localeCompare(b.channelId),
  );
  const subscriptions = await Promise.all(
    visible.map(async (subscription) => ({
      subscription,
      state: await deps.digests.stores.deliveries.get(tenant, subscription.channelId),
      personal: subscription.channelId === mine,
    })),
  );
  if (!viewer.isAdmin) return { subscriptions, openIncidents: new Map(), incidents: [] };
  const sources = (await deps.core.sources.list(tenant)).sort((a, b) => a.name.localeCompare(b.name));
  const incidents = (await deps.digests.incidents.list(tenant)).sort((a, b) =>
    b.openedAt.localeCompare(a.openedAt),
  );
  const openIncidents = new Map<string, Incident>();
  for (const incident of incidents)
    if (incident.kind === 'source' && incident.status === 'open')
      openIncidents.set(incident.subject, incident);
  return { subscriptions, sources, openIncidents, incidents };
}
