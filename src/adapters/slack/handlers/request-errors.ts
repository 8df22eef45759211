import type { SlackHandlerInstaller } from './handler-installer.ts';

/** Logs any request a listener failed on; Bolt has already answered Slack by then. */
export const installRequestErrors: SlackHandlerInstaller = (app, { logger }) => {
  app.error(async (error) => {
    logger.error({ err: error }, 'Slack request failed');
  });
};
