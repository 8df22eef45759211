import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AppOptions, LogLevel } from '@slack/bolt';
import type { Readiness } from '../../core/readiness.ts';
import type { Logger } from '../../logger.ts';
import { healthRoutes } from '../http/health-server.ts';
import { createBoltLogger } from './bolt-logger.ts';
import type { SlackInstallations } from './installation-store.ts';
import { botScopes } from './manifest.ts';
import type { SlackSettings } from './slack-config.ts';

/** Extra pages served on Slack's HTTP server under a path prefix (the admin console under /admin). */
export interface WebMount {
  prefix: string;
  listener: (req: IncomingMessage, res: ServerResponse) => void;
}

/** WebClient retry policy (p-retry options); 429s always wait for Retry-After first. */
export interface SlackRetryPolicy {
  retries: number;
  factor?: number;
  minTimeout?: number;
  maxTimeout?: number;
  randomize?: boolean;
}

/** The WebClient options shared by Bolt's client and every per-install client. */
export type SlackClientOptions = ReturnType<typeof slackClientOptions>;

/** WebClient options: Slack's API base, a 10 s timeout and the retry policy (backed-off retries by default). */
export function slackClientOptions(settings: SlackSettings, retry: SlackRetryPolicy | undefined) {
  return {
    slackApiUrl: settings.apiUrl,
    timeout: 10_000,
    retryConfig: retry ?? { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 10_000, randomize: true },
  };
}

/** Bolt's options for the configured transport (HTTP or Socket Mode) and auth (one token or OAuth installs). */
export function slackAppOptions(
  settings: SlackSettings,
  logger: Logger,
  clientOptions: SlackClientOptions,
  installations: SlackInstallations,
  readiness?: () => Promise<Readiness>,
  web?: WebMount,
): AppOptions {
  return {
    deferInitialization: true,
    logger: createBoltLogger(logger),
    // Without it Bolt resets its logger to INFO, so LOG_LEVEL=debug never showed Bolt's or OAuth's debug lines.
    logLevel: logger.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO,
    clientOptions,
    ...transportOptions(settings, readiness, web),
    ...authOptions(settings, installations),
  };
}

function transportOptions(
  settings: SlackSettings,
  readiness: (() => Promise<Readiness>) | undefined,
  web: WebMount | undefined,
): Partial<AppOptions> {
  if (settings.transport.kind === 'socket')
    return { socketMode: true, appToken: settings.transport.appToken };
  return {
    signingSecret: settings.transport.signingSecret,
    endpoints: '/slack/events',
    port: settings.port,
    customRoutes: [
      ...healthCustomRoutes(readiness),
      // The admin console shares Slack's port; Bolt hands these requests over untouched.
      ...(web ? [{ path: `${web.prefix}{/*rest}`, method: ['GET', 'POST'], handler: web.listener }] : []),
    ],
  };
}

function authOptions(settings: SlackSettings, installations: SlackInstallations): Partial<AppOptions> {
  if (settings.auth.kind === 'single') return { token: settings.auth.botToken };
  return {
    clientId: settings.auth.clientId,
    clientSecret: settings.auth.clientSecret,
    stateSecret: settings.auth.stateSecret,
    scopes: botScopes(),
    installationStore: installations,
    installerOptions: {
      directInstall: true,
      authorizationUrl: new URL('/oauth/v2/authorize', settings.apiUrl).toString(),
      ...(settings.transport.kind === 'socket' ? { port: settings.port } : {}),
    },
  };
}

/** /healthz always, /readyz when the root gave a readiness report: the health routes on Slack's own server. */
function healthCustomRoutes(readiness: (() => Promise<Readiness>) | undefined) {
  const routes = healthRoutes(readiness ?? (() => Promise.reject(new Error('no readiness report'))));
  return [
    { path: '/healthz', method: ['GET'], handler: routes.healthz },
    ...(readiness ? [{ path: '/readyz', method: ['GET'], handler: routes.readyz }] : []),
  ];
}
