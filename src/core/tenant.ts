import { z } from 'zod';

/** The platforms a tenant can live on. */
export const platformSchema = z.enum(['slack', 'discord', 'console']);
/** A chat platform name. */
export type Platform = z.infer<typeof platformSchema>;

/** Who owns a record: a Slack workspace, a Discord guild or the local console. */
export const tenantSchema = z.object({
  platform: platformSchema,
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, dot, dash or underscore'),
});
/** A workspace, guild or console: every tenant-owned record is keyed by it. */
export type Tenant = z.infer<typeof tenantSchema>;

/** The one console tenant. */
export const CONSOLE_TENANT: Tenant = { platform: 'console', id: 'local' };

/** The stable string form used inside store keys: `slack:T123`. */
export function tenantKey(tenant: Tenant): string {
  return `${tenant.platform}:${tenant.id}`;
}

/** Parses `slack:T123` back into a tenant, or undefined when malformed. */
export function parseTenantKey(key: string): Tenant | undefined {
  const [platform, id] = key.split(':', 2);
  const parsed = tenantSchema.safeParse({ platform, id });
  return parsed.success ? parsed.data : undefined;
}

/** Marks an article that every tenant may see (bundled samples, CLI ingest, the starter sources). */
export const PUBLIC_OWNER = '*';
