import type { App } from '@slack/bolt';
import type { DigestServices } from '../../../../digests/services.ts';
import type { Core } from '../../../core/core.ts';
import type { Logger } from '../../../logger.ts';
import type { ListenerInstaller } from '../../shared/listener-installers.ts';
import type { AdminRights } from '../admin-rights.ts';

/** What every Slack event handler may use; built once by createSlackAdapter. */
export interface SlackHandlerDeps {
  core: Core;
  digests: DigestServices;
  admins: AdminRights;
  logger: Logger;
}

/** Registers one family of Slack listeners (a command, an event type, App Home…) on the Bolt app. */
export type SlackHandlerInstaller = ListenerInstaller<App, SlackHandlerDeps>;
