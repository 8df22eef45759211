import { type App, webApi } from '@slack/bolt';
import { type Tenant, tenantKey } from '../../core/tenant.ts';
import type { Logger } from '../../logger.ts';
import type { SlackClientOptions } from './app-options.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { type SlackInstallations, slackTenant } from './installation-store.ts';
import type { SlackSettings } from './slack-config.ts';

/** What the per-workspace client lookup needs. */
export interface TenantClientsDeps {
  app: App;
  settings: SlackSettings;
  installations: SlackInstallations;
  clientOptions: SlackClientOptions;
  logger: Logger;
}

/**
 * The Web API client that may post for a workspace: Bolt's own client for the one workspace of
 * SLACK_BOT_TOKEN, or one cached client per OAuth install; undefined when the bot is not installed there.
 */
export function createTenantClients(
  deps: TenantClientsDeps,
): (tenant: Tenant) => Promise<webApi.WebClient | undefined> {
  const { app, settings, installations } = deps;
  const clients = new Map<string, webApi.WebClient>();
  let singleTenant: Promise<Tenant | undefined> | undefined;
  /** The workspace SLACK_BOT_TOKEN belongs to, asked once (and again after a failure). */
  function ownWorkspace(): Promise<Tenant | undefined> {
    singleTenant ??= app.client.auth.test().then(
      (result) =>
        slackTenant({
          teamId: result.team_id,
          enterpriseId: result.enterprise_id,
          isEnterpriseInstall: result.is_enterprise_install,
        }),
      (error: unknown) => {
        singleTenant = undefined;
        throw error;
      },
    );
    return singleTenant;
  }
  return async (tenant) => {
    if (settings.auth.kind === 'single') {
      const own = await ownWorkspace();
      return own && tenantKey(own) === tenantKey(tenant) ? app.client : undefined;
    }
    const token = (await installations.forTenant(tenant))?.bot?.token;
    if (!token) return undefined;
    const key = `${tenantKey(tenant)}:${token}`;
    let client = clients.get(key);
    if (!client) {
      client = new webApi.WebClient(token, { ...deps.clientOptions, logger: createBoltLogger(deps.logger) });
      clients.set(key, client);
    }
    return client;
  };
}
