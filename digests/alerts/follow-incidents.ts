import { type Incident, type IncidentKind, sourceFailure } from '../../src/core/incidents.ts';
import type { Follow } from '../../src/core/policy/follow-record.ts';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import type { TenantStore } from '../../src/core/ports/tenant-store.ts';
import { type Source, sourceIdFor } from '../../src/core/sources.ts';
import { type Platform, type Tenant, tenantKey } from '../../src/core/tenant.ts';
import type { Logger } from '../../src/logger.ts';

/** What the follow sweep reads: every follow, the sources they poll, the incidents already open. */
export interface FollowSweepDeps {
  /** None: there are no follow alerts and the sweep does nothing. */
  follows?: TenantStore<Follow>;
  sources: TenantStore<Source>;
  incidents: TenantStore<Incident>;
  clock: Clock;
  logger: Logger;
  /** Platforms this instance can DM on: other tenants' follows are left to the instances that can. */
  adapters: Partial<Record<Platform, ChatAdapter>>;
}

/** How the sweep opens and closes an incident: the incident alerts' own `report` and `recover`. */
export interface FollowIncidentOps {
  report(
    tenant: Tenant,
    incident: Pick<Incident, 'kind' | 'subject' | 'label' | 'since' | 'lastError'>,
    owner: string | undefined,
  ): Promise<void>;
  recover(tenant: Tenant, kind: IncidentKind, subject: string): Promise<void>;
}

/** Where a source is, as its follower reads it: the API's host, never its query (which may carry ids only we need). */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'its source';
  }
}

/** The failure of a follow: the earliest failing source past the threshold, or undefined while all work. */
export function followFailure(
  follow: Follow,
  sources: ReadonlyMap<string, Source>,
  now: Date,
): { since: string; error: string } | undefined {
  let worst: { since: string; error: string } | undefined;
  for (const url of follow.sourceUrls) {
    const source = sources.get(sourceIdFor(url));
    const failure = source && sourceFailure(source, now);
    if (!failure) continue;
    const error = `${hostOf(url)}: ${failure.error}`;
    if (!worst || failure.since < worst.since) worst = { since: failure.since, error };
  }
  return worst;
}

/** True when every source of the follow polled fine last time: only then is a follow incident over. */
function allWorking(follow: Follow, sources: ReadonlyMap<string, Source>): boolean {
  return follow.sourceUrls.every((url) => (sources.get(sourceIdFor(url))?.health.failures ?? 0) === 0);
}

/** Groups every follow by tenant, for the platforms this instance serves. */
async function followsByTenant(deps: FollowSweepDeps, follows: TenantStore<Follow>) {
  const byTenant = new Map<string, { tenant: Tenant; follows: { id: string; follow: Follow }[] }>();
  for await (const { tenant, id, value } of follows.listAll()) {
    if (!deps.adapters[tenant.platform] || value.sourceUrls.length === 0) continue;
    const key = tenantKey(tenant);
    const group = byTenant.get(key) ?? { tenant, follows: [] };
    group.follows.push({ id, follow: value });
    byTenant.set(key, group);
  }
  return byTenant.values();
}

/**
 * The follow side of the incident alerts: a followed docket, bill or document whose source API fails as
 * long as a broken source does (5 polls in a row or a day) opens one incident per follow, told to whoever
 * followed it (else the admins); it closes when every source of the follow works again. The incident is
 * keyed by the follow's id, so `/following` in its channel finds it.
 */
export function createFollowSweep(deps: FollowSweepDeps, alerts: FollowIncidentOps): () => Promise<void> {
  const store = deps.follows;
  if (!store) return async () => {};
  const log = deps.logger.child({ part: 'follow-alerts' });
  const checkTenant = async (tenant: Tenant, follows: { id: string; follow: Follow }[]) => {
    const sources = new Map((await deps.sources.list(tenant)).map((source) => [source.id, source]));
    const open = new Map(
      (await deps.incidents.list(tenant))
        .filter((incident) => incident.kind === 'follow' && incident.status === 'open')
        .map((incident) => [incident.subject, incident]),
    );
    const now = deps.clock.now();
    for (const { id, follow } of follows) {
      const failure = followFailure(follow, sources, now);
      if (failure) {
        const label = `${follow.target.label} (followed in #${follow.channelId})`.slice(0, 200);
        // A follow with several sources keeps the incident it has while any of them still fails.
        const since = open.get(id)?.since ?? failure.since;
        const report = { kind: 'follow' as const, subject: id, label, since };
        await alerts.report(tenant, { ...report, lastError: failure.error }, follow.createdBy);
      } else if (open.has(id) && allWorking(follow, sources)) {
        await alerts.recover(tenant, 'follow', id);
      }
    }
  };
  return async () => {
    for (const { tenant, follows } of await followsByTenant(deps, store)) {
      try {
        await checkTenant(tenant, follows);
      } catch (error) {
        log.error({ err: error, tenant: tenantKey(tenant) }, 'follow health check failed');
      }
    }
  };
}
