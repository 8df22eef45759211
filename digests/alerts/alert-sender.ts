import { type Incident, incidentId } from '../../src/core/incidents.ts';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter.ts';
import type { DeliveryLedger } from '../../src/core/ports/delivery-ledger.ts';
import type { Reply } from '../../src/core/reply.ts';
import { type Platform, type Tenant, tenantKey } from '../../src/core/tenant.ts';
import type { Logger } from '../../src/logger.ts';

/** A direct message for one phase of an incident is claimed for this long before another instance may retry it. */
const ALERT_LEASE_MS = 5 * 60_000;

/** Who added a record when nobody did: the bundled starter sources. */
const NOBODY = new Set(['starter.opml']);

/** What sending alerts needs. */
export interface AlertSenderDeps {
  adapters: Partial<Record<Platform, ChatAdapter>>;
  ledger: DeliveryLedger;
  logger: Logger;
  /** This instance's id, the owner of its ledger claims. */
  owner: string;
}

/** Sends one phase's DM of an incident at most once; who was told, or undefined when another sender has it. */
export type NotifyOnce = (
  tenant: Tenant,
  incident: Incident,
  phase: 'opened' | 'recovered',
  owner: string | undefined,
  reply: Reply,
) => Promise<string[] | undefined>;

/**
 * The DM side of the alerts: the owner first, the tenant's admins when there is no owner or they cannot
 * be reached; the recovery to whoever heard of the failure. Each (incident, phase) is claimed in the
 * ledger, so it goes out once whichever instance or restart gets there first.
 */
export function createAlertSender(deps: AlertSenderDeps): NotifyOnce {
  const log = deps.logger.child({ part: 'alerts' });
  const { ledger } = deps;

  /** DMs `reply` to each person; who got it. */
  const sendAll = async (tenant: Tenant, userIds: string[], reply: Reply, key: string) => {
    const adapter = deps.adapters[tenant.platform];
    const told: string[] = [];
    if (!adapter) return told;
    for (const userId of userIds.slice(0, 10)) {
      const result = await adapter
        .dm(tenant, userId, reply, { key: `${key}:${userId}` })
        .catch((error: unknown) => ({ ok: false as const, retryable: true, error: String(error) }));
      if (result.ok) told.push(userId);
      else log.warn({ tenant: tenantKey(tenant), user: userId, error: result.error }, 'alert DM failed');
    }
    return told;
  };

  /** DMs the owner, or the tenant's admins when there is no owner or they cannot be reached. */
  const tell = async (tenant: Tenant, owner: string | undefined, reply: Reply, key: string) => {
    if (owner && !NOBODY.has(owner)) {
      const told = await sendAll(tenant, [owner], reply, key);
      if (told.length > 0) return told;
    }
    const admins = await (deps.adapters[tenant.platform]?.adminIds(tenant) ?? Promise.resolve([])).catch(
      (error: unknown) => {
        log.warn({ err: error, tenant: tenantKey(tenant) }, 'could not list the admins to alert');
        return [] as string[];
      },
    );
    return sendAll(
      tenant,
      admins.filter((id) => id !== owner),
      reply,
      key,
    );
  };

  return async (tenant, incident, phase, owner, reply) => {
    // Keyed by `since`, which every instance derives from the same stored state, not by who noticed first.
    const key = `alert:${tenantKey(tenant)}:${incidentId(incident.kind, incident.subject)}:${incident.since}:${phase}`;
    const claim = await ledger.claim(key, deps.owner, ALERT_LEASE_MS);
    if (claim.status !== 'claimed') return undefined;
    // The recovery goes to whoever heard of the failure, so nobody gets an "all clear" out of the blue.
    const told =
      phase === 'recovered'
        ? await sendAll(tenant, incident.notified, reply, key)
        : await tell(tenant, owner, reply, key);
    await ledger.complete(key, deps.owner, { state: told.length > 0 ? 'delivered' : 'failed' });
    log.info(
      { tenant: tenantKey(tenant), incident: incident.subject, phase, told: told.length },
      'incident alert',
    );
    return told;
  };
}
