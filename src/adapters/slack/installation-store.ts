import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { z } from 'zod';
import type { Stores } from '../../core/ports/stores.ts';
import type { TenantStore } from '../../core/ports/tenant-store.ts';
import type { Tenant } from '../../core/tenant.ts';

/** What we keep per installed workspace: Slack's own installation object, with the fields we rely on checked. */
export const installationRecordSchema = z.looseObject({
  team: z.looseObject({ id: z.string().min(1) }).optional(),
  enterprise: z.looseObject({ id: z.string().min(1) }).optional(),
  isEnterpriseInstall: z.boolean().optional(),
  bot: z
    .looseObject({
      token: z.string().min(1),
      id: z.string(),
      userId: z.string(),
      scopes: z.array(z.string()),
    })
    .optional(),
  user: z.looseObject({ id: z.string() }),
});

/** A stored installation. */
export type InstallationRecord = z.infer<typeof installationRecordSchema>;

/** The one record id per tenant: a workspace has one installation of the app. */
const RECORD_ID = 'installation';

/** Slack ids of where something happened, as Bolt and Slack's payloads name them. */
export interface SlackIds {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/**
 * The tenant for a Slack event or installation: the workspace (team id), or the whole Enterprise Grid
 * org (enterprise id) when the app was installed org-wide.
 */
export function slackTenant(ids: SlackIds): Tenant | undefined {
  const id =
    ids.isEnterpriseInstall && ids.enterpriseId ? ids.enterpriseId : (ids.teamId ?? ids.enterpriseId);
  return id ? { platform: 'slack', id } : undefined;
}

/** Installation lookups by tenant, plus Bolt's InstallationStore interface over the same records. */
export interface SlackInstallations extends InstallationStore {
  forTenant(tenant: Tenant): Promise<InstallationRecord | undefined>;
}

/** Keeps OAuth installations in the keyv `installations` namespace, one record per workspace or org. */
export function createSlackInstallationStore(stores: Stores): SlackInstallations {
  const records: TenantStore<InstallationRecord> = stores.tenantStore(
    'installations',
    installationRecordSchema,
  );
  const tenantOf = (query: InstallationQuery<boolean>): Tenant => {
    const tenant = slackTenant(query);
    if (!tenant) throw new Error('installation query names no team or enterprise');
    return tenant;
  };
  return {
    forTenant: (tenant) => records.get(tenant, RECORD_ID),
    async storeInstallation(installation) {
      const tenant = slackTenant({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall: installation.isEnterpriseInstall,
      });
      if (!tenant) throw new Error('installation names no team or enterprise');
      // JSON round trip drops the undefined fields keyv could not store anyway.
      await records.put(tenant, RECORD_ID, JSON.parse(JSON.stringify(installation)));
    },
    async fetchInstallation(query) {
      const record = await records.get(tenantOf(query), RECORD_ID);
      if (!record) throw new Error(`Policy Wire is not installed in ${tenantOf(query).id}`);
      return record as unknown as Installation<'v2', boolean>;
    },
    async deleteInstallation(query) {
      await records.delete(tenantOf(query), RECORD_ID);
    },
  };
}
