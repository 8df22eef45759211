import { z } from 'zod';
import { deliveryStateSchema, digestRecordSchema, subscriptionSchema } from '../../digests/subscription.ts';
import type { Stores } from '../../src/core/ports/stores.ts';
import { topicSchema } from '../../src/core/ports/topic-service.ts';
import { sourceSchema } from '../../src/core/sources.ts';
import { tenantKey } from '../../src/core/tenant.ts';

const SCHEMAS: [string, z.ZodType][] = [
  ['sources', sourceSchema],
  ['topics', topicSchema],
  ['subscriptions', subscriptionSchema],
  ['deliveries', deliveryStateSchema],
  ['digests', digestRecordSchema],
];

/** Every tenant record as stored (read raw, not through its schema), keyed `namespace tenant id`. */
export async function snapshotRecords(stores: Stores): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const [namespace] of SCHEMAS) {
    for await (const { tenant, id, value } of stores.tenantStore(namespace, z.unknown()).listAll()) {
      out.set(`${namespace} ${tenantKey(tenant)} ${id}`, value);
    }
  }
  return out;
}

/** Records whose stored value does not pass its namespace's schema: each as `key: first issue`. */
export function invalidRecords(snapshot: Map<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of snapshot) {
    const schema = SCHEMAS.find(([namespace]) => key.startsWith(`${namespace} `))?.[1];
    const parsed = schema?.safeParse(value);
    if (parsed && !parsed.success) problems.push(`${key}: ${parsed.error.issues[0]?.message}`);
  }
  return problems;
}

/** Keys of one tenant's records that were added, removed or changed between two snapshots. */
export function changedRecords(
  before: Map<string, unknown>,
  after: Map<string, unknown>,
  tenant: string,
): string[] {
  const keys = new Set([...before.keys(), ...after.keys()].filter((key) => key.split(' ')[1] === tenant));
  return [...keys].filter((key) => JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key)));
}
