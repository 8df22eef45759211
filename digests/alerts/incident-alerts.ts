import { type Incident, type IncidentKind, incidentId, sourceFailure } from '../../src/core/incidents.ts';
import { type ChatAdapter, directUserOf } from '../../src/core/ports/chat-adapter.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import type { DeliveryLedger } from '../../src/core/ports/delivery-ledger.ts';
import type { TenantStore } from '../../src/core/ports/tenant-store.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { Source } from '../../src/core/sources.ts';
import { type Platform, type Tenant, tenantKey } from '../../src/core/tenant.ts';
import type { Logger } from '../../src/logger.ts';
import type { DeliveryOutcomes } from '../delivery-outcomes.ts';
import type { Subscription } from '../subscription.ts';
import { openedMessage, recoveredMessage } from './alert-messages.ts';

/** A direct message for one phase of an incident is claimed for this long before another instance may retry it. */
const ALERT_LEASE_MS = 5 * 60_000;

/** Who added a record when nobody did: the bundled starter sources. */
const NOBODY = new Set(['starter.opml']);

/** What the alerts need: the stores, an adapter per platform to DM through, the shared ledger. */
export interface IncidentAlertsDeps {
  incidents: TenantStore<Incident>;
  sources: TenantStore<Source>;
  adapters: Partial<Record<Platform, ChatAdapter>>;
  /** Makes "once per incident" hold across restarts and instances: each DM is claimed here first. */
  ledger: DeliveryLedger;
  clock: Clock;
  logger: Logger;
  /** This instance's id, the owner of its ledger claims. */
  owner: string;
}

/** Incident alerts: one DM to the person who can fix it when something breaks, one when it recovers. */
export interface IncidentAlerts {
  /** Opens or closes the incident of one source from its stored health. */
  checkSource(tenant: Tenant, source: Source): Promise<void>;
  /** Checks every source of every tenant on a platform this instance can DM on. */
  sweepSources(): Promise<void>;
  /** The digest job's callbacks: failed deliveries open an incident, a delivery closes it. */
  outcomes: DeliveryOutcomes;
}

/** Creates the incident alerts. */
export function createIncidentAlerts(deps: IncidentAlertsDeps): IncidentAlerts {
  const log = deps.logger.child({ part: 'alerts' });
  const { incidents, ledger } = deps;

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

  /** Sends one phase's DM at most once, whichever instance or restart gets here first. */
  const notifyOnce = async (
    tenant: Tenant,
    incident: Incident,
    phase: 'opened' | 'recovered',
    owner: string | undefined,
    reply: Reply,
  ): Promise<string[] | undefined> => {
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

  const open = async (
    tenant: Tenant,
    fields: Pick<Incident, 'kind' | 'subject' | 'label' | 'since' | 'lastError'>,
    owner: string | undefined,
  ) => {
    const id = incidentId(fields.kind, fields.subject);
    const existing = await incidents.get(tenant, id);
    if (existing?.status === 'open' && existing.since === fields.since) {
      if (existing.lastError !== fields.lastError)
        await incidents.put(tenant, id, { ...existing, lastError: fields.lastError.slice(0, 400) });
      return;
    }
    const incident: Incident = {
      ...fields,
      lastError: fields.lastError.slice(0, 400),
      openedAt: deps.clock.now().toISOString(),
      notified: [],
      status: 'open',
    };
    await incidents.put(tenant, id, incident);
    const told = await notifyOnce(tenant, incident, 'opened', owner, openedMessage(incident));
    if (told) await incidents.put(tenant, id, { ...incident, notified: told });
  };

  const resolve = async (tenant: Tenant, kind: IncidentKind, subject: string) => {
    const id = incidentId(kind, subject);
    const existing = await incidents.get(tenant, id);
    if (existing?.status !== 'open') return;
    const at = deps.clock.now().toISOString();
    await incidents.put(tenant, id, { ...existing, status: 'resolved', resolvedAt: at });
    // Nobody heard of the failure (no one could be reached): an "all clear" would come out of the blue.
    if (existing.notified.length === 0) return;
    await notifyOnce(tenant, existing, 'recovered', undefined, recoveredMessage(existing, at));
  };

  const checkSource: IncidentAlerts['checkSource'] = async (tenant, source) => {
    const failure = sourceFailure(source, deps.clock.now());
    if (failure) {
      await open(
        tenant,
        { kind: 'source', subject: source.id, label: `${source.name} (${source.url})`, ...toFields(failure) },
        source.addedBy,
      );
    } else if (source.health.failures === 0) {
      await resolve(tenant, 'source', source.id);
    }
  };

  const ownerOf = (subscription: Subscription) =>
    directUserOf(subscription.channelId) ?? subscription.createdBy;

  return {
    checkSource,
    async sweepSources() {
      for await (const { tenant, value } of deps.sources.listAll()) {
        if (!deps.adapters[tenant.platform]) continue;
        try {
          await checkSource(tenant, value);
        } catch (error) {
          log.error({ err: error, tenant: tenantKey(tenant), source: value.id }, 'source check failed');
        }
      }
    },
    outcomes: {
      async failed(subscription, error, failingSince) {
        await open(
          subscription.tenant,
          {
            kind: 'delivery',
            subject: subscription.channelId,
            label: subscription.channelId,
            since: failingSince,
            lastError: error,
          },
          ownerOf(subscription),
        );
      },
      async delivered(subscription) {
        await resolve(subscription.tenant, 'delivery', subscription.channelId);
      },
    },
  };
}

function toFields(failure: { since: string; error: string }) {
  return { since: failure.since, lastError: failure.error };
}
