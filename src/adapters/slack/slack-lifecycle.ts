import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { ConfigError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { classifySlackError } from './post-message.ts';
import { createReplayGuard, guardAgainstReplays } from './replay-guard.ts';
import type { SlackSettings } from './slack-config.ts';

/** Starting and stopping the Bolt app, and the HTTP address it is bound to in between. */
export interface SlackLifecycle {
  address(): AddressInfo | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What the lifecycle needs: the app, how it talks, and where HTTP mode listens. */
export interface SlackLifecycleDeps {
  app: App;
  settings: SlackSettings;
  listen: { port: number; host?: string } | undefined;
  logger: Logger;
}

/** Start checks the token and binds (HTTP) or connects (Socket Mode); both are idempotent. */
export function createSlackLifecycle(deps: SlackLifecycleDeps): SlackLifecycle {
  const { app, settings, logger } = deps;
  let server: Server | undefined;
  let started = false;
  return {
    address() {
      const address = server?.address();
      return address && typeof address === 'object' ? address : undefined;
    },
    async start() {
      if (started) return;
      await initialise(app);
      if (settings.transport.kind === 'http') {
        server = (await app.start(deps.listen ?? { port: settings.port })) as Server;
        // Bolt verifies signatures and refuses stale timestamps; replays and future timestamps are refused here.
        guardAgainstReplays(server, createReplayGuard());
      } else {
        await app.start();
      }
      started = true;
      logger.info(
        {
          transport: settings.transport.kind,
          auth: settings.auth.kind,
          ...(server ? { port: (server.address() as AddressInfo | null)?.port } : {}),
        },
        settings.transport.kind === 'http'
          ? 'Slack app listening for events at /slack/events'
          : 'Slack app connected over Socket Mode',
      );
    },
    async stop() {
      if (!started) return;
      started = false;
      await app
        .stop()
        .catch((error: unknown) => logger.warn({ err: error }, 'Slack app did not stop cleanly'));
      server = undefined;
    },
  };
}

/** Deferred so that a refused token or an unreachable Slack is an error here, not an unhandled rejection. */
async function initialise(app: App): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.retryable)
      throw new Error(`Slack: could not reach Slack to check SLACK_BOT_TOKEN (${failure.error})`);
    throw new ConfigError(`Slack: SLACK_BOT_TOKEN was refused by Slack (${failure.error}).`);
  }
}
