import { type Incident, type IncidentKind, incidentId, sourceFailure } from '../../src/core/incidents.ts';
import type { Follow } from '../../src/core/policy/follow-record.ts';
import { FOLLOW_SOURCE } from '../../src/core/policy/follow-service.ts';
import { directUserOf } from '../../src/core/ports/chat-adapter.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import type { TenantStore } from '../../src/core/ports/tenant-store.ts';
import type { Source } from '../../src/core/sources.ts';
import { type Tenant, tenantKey } from '../../src/core/tenant.ts';
import { truncate } from '../../src/core/text/truncate.ts';
import { scrubUrlCredentials } from '../../src/url-credentials.ts';
import type { DeliveryOutcomes } from '../delivery-outcomes.ts';
import type { Subscription } from '../subscription.ts';
import { openedMessage, recoveredMessage } from './alert-messages.ts';
import { type AlertSenderDeps, createAlertSender } from './alert-sender.ts';
import { createFollowSweep } from './follow-incidents.ts';

/** What the alerts need: the stores, an adapter per platform to DM through, the shared ledger. */
export interface IncidentAlertsDeps extends AlertSenderDeps {
  incidents: TenantStore<Incident>;
  sources: TenantStore<Source>;
  /** Followed items: a follow whose source API breaks is told to its follower. None: no follow alerts. */
  follows?: TenantStore<Follow>;
  clock: Clock;
}

/** What another feature reports when something it watches breaks, e.g. a followed item whose source broke. */
export type IncidentReport = Pick<Incident, 'kind' | 'subject' | 'label' | 'since' | 'lastError'>;

/** Incident alerts: one DM to the person who can fix it when something breaks, one when it recovers. */
export interface IncidentAlerts {
  /** Opens or closes the incident of one source from its stored health. */
  checkSource(tenant: Tenant, source: Source): Promise<void>;
  /** Checks every source of every tenant on a platform this instance can DM on. */
  sweepSources(): Promise<void>;
  /** Checks the sources of every follow: one incident per follow whose source broke, told to its follower. */
  sweepFollows(): Promise<void>;
  /**
   * Opens an incident for something another feature watches (a followed item whose source broke) and DMs
   * `owner` (else the admins) once; the same `since` again is the same incident.
   */
  report(tenant: Tenant, incident: IncidentReport, owner: string | undefined): Promise<void>;
  /** Closes that incident, with one DM to whoever was told of it. */
  recover(tenant: Tenant, kind: IncidentKind, subject: string): Promise<void>;
  /** The digest job's callbacks: failed deliveries open an incident, a delivery closes it. */
  outcomes: DeliveryOutcomes;
}

/** Creates the incident alerts. */
export function createIncidentAlerts(deps: IncidentAlertsDeps): IncidentAlerts {
  const log = deps.logger.child({ part: 'alerts' });
  const { incidents } = deps;
  const notifyOnce = createAlertSender(deps);

  const open = async (tenant: Tenant, report: IncidentReport, owner: string | undefined) => {
    // Scrubbed as the record's schema stores it, so a repeated report compares equal and the DM matches it.
    const fields = {
      ...report,
      label: scrubUrlCredentials(report.label),
      lastError: scrubUrlCredentials(report.lastError),
    };
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
    // A follow's own source is the follow's incident, told to who followed it; one opened before still closes.
    if (source.addedBy === FOLLOW_SOURCE) {
      if (source.health.failures === 0) await resolve(tenant, 'source', source.id);
      return;
    }
    const failure = sourceFailure(source, deps.clock.now());
    if (failure) {
      // The label and error reach admins' DMs, /sources list and the web console: no basic-auth password,
      // and short enough for the record (a label is 200 characters at most).
      const label = truncate(`${source.name} (${scrubUrlCredentials(source.url)})`, 200);
      const report = { kind: 'source' as const, subject: source.id, label, since: failure.since };
      await open(tenant, { ...report, lastError: failure.error }, source.addedBy);
    } else if (source.health.failures === 0) {
      await resolve(tenant, 'source', source.id);
    }
  };

  const sweepFollows = createFollowSweep(deps, { report: open, recover: resolve });

  return {
    checkSource,
    sweepFollows,
    report: open,
    recover: resolve,
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
    outcomes: deliveryOutcomes(open, resolve),
  };
}

/** Who a digest's failure is told to: the person of a personal digest, else whoever subscribed the channel. */
function ownerOf(subscription: Subscription): string | undefined {
  return directUserOf(subscription.channelId) ?? subscription.createdBy;
}

/** The digest job's callbacks over the incident book: a failure opens the channel's incident, a delivery closes it. */
function deliveryOutcomes(
  open: IncidentAlerts['report'],
  resolve: IncidentAlerts['recover'],
): DeliveryOutcomes {
  return {
    async failed(subscription, error, failingSince) {
      const { tenant, channelId } = subscription;
      const report = { kind: 'delivery' as const, subject: channelId, label: channelId, since: failingSince };
      await open(tenant, { ...report, lastError: error }, ownerOf(subscription));
    },
    async delivered(subscription) {
      await resolve(subscription.tenant, 'delivery', subscription.channelId);
    },
  };
}
