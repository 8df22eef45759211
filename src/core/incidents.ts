import { z } from 'zod';
import { scrubUrlCredentials } from '../url-credentials.ts';
import type { Stores } from './ports/stores.ts';
import type { TenantStore } from './ports/tenant-store.ts';
import type { Source } from './sources.ts';

/** A source counts as broken after this many failed polls in a row… */
export const SOURCE_FAILURES_THRESHOLD = 5;
/** …or after failing for this long with no success in between. */
export const SOURCE_FAILING_MS = 24 * 3_600_000;

/** What broke: a source, the delivery of a channel's (or a person's) digest, or a followed item's source. */
export const incidentKindSchema = z.enum(['source', 'delivery', 'follow']);
/** The kind of an incident. */
export type IncidentKind = z.infer<typeof incidentKindSchema>;

/**
 * One incident: something that stopped working and needs a person. Kept per tenant under the id
 * `<kind>:<subject>`; a new incident on the same subject after a recovery starts a new `openedAt`.
 */
export const incidentSchema = z.object({
  kind: incidentKindSchema,
  /** The source id, the subscription's channel id, or the follow's id (`<channel>|<kind>:<id>`). */
  subject: z.string().min(1).max(400),
  /**
   * A name people know it by: the source's name, `#channel`. Incidents reach DMs, /sources list, the Home
   * tab and the web console, so a URL's credentials are scrubbed here, on every write and every read (a
   * record stored before the scrub included).
   */
  label: z.string().max(200).transform(scrubUrlCredentials),
  /** When it started failing (the first failure, not when the threshold was crossed). */
  since: z.string(),
  /** When the threshold was crossed and the incident opened; names this incident among later ones. */
  openedAt: z.string(),
  lastError: z.string().max(400).transform(scrubUrlCredentials),
  /** Who it was reported to; empty when nobody could be reached yet. */
  notified: z.array(z.string()).default([]),
  status: z.enum(['open', 'resolved']),
  resolvedAt: z.string().optional(),
});

/** A stored incident. */
export type Incident = z.infer<typeof incidentSchema>;

/** The store id of the incident on a subject. */
export function incidentId(kind: IncidentKind, subject: string): string {
  return `${kind}:${subject}`;
}

/**
 * When a source's failures make an incident: five polls in a row, or a day without success. Undefined
 * while it is healthy or only briefly failing. `since` is its first failure as far as we can tell.
 */
export function sourceFailure(source: Source, now: Date): { since: string; error: string } | undefined {
  const health = source.health;
  if (health.failures === 0 || !health.lastErrorAt) return undefined;
  const lastGood = Date.parse(health.lastSuccessAt ?? source.createdAt);
  const failingFor = now.getTime() - lastGood;
  if (health.failures < SOURCE_FAILURES_THRESHOLD && failingFor < SOURCE_FAILING_MS) return undefined;
  // The first failure came after the last success; without one, the source never worked since it was added.
  const since = health.lastSuccessAt ?? source.createdAt;
  return { since, error: health.lastError ?? 'unknown error' };
}

/** One line for `/sources list` about a source's open incident. */
export function describeIncident(incident: Incident): string {
  const who = incident.notified.length > 0 ? `; told ${incident.notified.length} admin(s)` : '';
  return `⚠ incident open since ${incident.since}: ${incident.lastError}${who}`;
}

/** Opens the incidents namespace: alerts write it, `/sources list` and `/subscriptions` read it. */
export function incidentStore(stores: Stores): TenantStore<Incident> {
  return stores.tenantStore('incidents', incidentSchema);
}
