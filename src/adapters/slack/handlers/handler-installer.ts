import type { App } from '@slack/bolt';
import type { CommandSettings } from '../../../../commands/define.ts';
import type { DigestServices } from '../../../../digests/services.ts';
import type { Core } from '../../../core/core.ts';
import type { GroupDirectory } from '../../../core/ports/group-directory.ts';
import type { Logger } from '../../../logger.ts';
import type { ListenerInstaller } from '../../shared/listener-installers.ts';
import type { AdminRights } from '../admin-rights.ts';
import type { NewsCardPoster } from '../news-cards.ts';

/** What every Slack event handler may use; built once by createSlackAdapter. */
export interface SlackHandlerDeps {
  core: Core;
  digests: DigestServices;
  settings: CommandSettings;
  admins: AdminRights;
  logger: Logger;
  /** Finds the user group a command names (`notify @policy-team`). */
  groups?: GroupDirectory;
  /** Posts a public `/news` answer's cards with chat.postMessage so they are tracked; absent: response_url. */
  postCards?: NewsCardPoster;
}

/** Registers one family of Slack listeners (a command, an event type, App Home…) on the Bolt app. */
export type SlackHandlerInstaller = ListenerInstaller<App, SlackHandlerDeps>;
