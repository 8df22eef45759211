import type { SlashCommand } from '@slack/bolt';
import type { CommandContext } from '../../../../commands/define.ts';
import { dispatch } from '../../../../commands/dispatch.ts';
import { commands, findCommand } from '../../../../commands/index.ts';
import { notice, type Reply } from '../../../core/reply.ts';
import { replyVisibility } from '../../../core/reply-visibility.ts';
import type { Tenant } from '../../../core/tenant.ts';
import type { UsersInfoClient } from '../admin-rights.ts';
import type { SlackMessage } from '../block-kit.ts';
import { slackTenant } from '../installation-store.ts';
import { renderSlackMessages } from '../render-blocks.ts';
import { routeSlashText, SLACK_COMMAND, slackifyCommandMentions } from '../slash-command.ts';
import type { SlackHandlerDeps, SlackHandlerInstaller } from './handler-installer.ts';

/** A response_url accepts at most five messages. */
const MAX_RESPONSES = 5;

/** What a slash command answers: the rendered messages, who sees them, and the reply they render. */
interface SlashAnswer {
  messages: SlackMessage[];
  visibility: 'channel' | 'ephemeral';
  reply?: Reply;
}

/**
 * `/news` and its sub-commands over the shared command registry, answered through response_url; a public
 * answer with story cards is posted into the channel instead (see news-cards.ts), so it can be tracked.
 */
export const installNewsCommand: SlackHandlerInstaller = (app, deps) => {
  app.command(SLACK_COMMAND, async ({ command, ack, respond, client, context }) => {
    // Slack gives up after 3 seconds, so acknowledge first and answer through response_url.
    await ack();
    const tenant = slackTenant({
      teamId: context.teamId ?? command.team_id,
      enterpriseId: context.enterpriseId ?? command.enterprise_id,
      isEnterpriseInstall: context.isEnterpriseInstall,
    });
    const answer: SlashAnswer = tenant
      ? await answerCommand(deps, command, tenant, client)
      : {
          messages: renderSlackMessages(notice('error', 'Slack did not say which workspace this came from.')),
          visibility: 'ephemeral',
        };
    if (tenant && answer.reply && answer.visibility === 'channel' && deps.postCards) {
      const channel = { tenant, id: command.channel_id };
      if (await deps.postCards(channel, answer.reply, command.trigger_id)) return;
    }
    for (const message of answer.messages.slice(0, MAX_RESPONSES)) {
      try {
        await respond({
          response_type: answer.visibility === 'channel' ? 'in_channel' : 'ephemeral',
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        deps.logger.error(
          { err: error, tenant, user: command.user_id },
          'could not answer through response_url',
        );
        return;
      }
    }
  });
};

/** Runs the command for the workspace and renders its reply within response_url's message limit. */
async function answerCommand(
  deps: SlackHandlerDeps,
  command: SlashCommand,
  tenant: Tenant,
  client: UsersInfoClient,
): Promise<SlashAnswer> {
  const input = routeSlashText(command.text ?? '', commands);
  const ctx: CommandContext = {
    tenant,
    channel: { platform: 'slack', id: command.channel_id },
    user: { id: command.user_id, isAdmin: await deps.admins.isAdmin(client, tenant, command.user_id) },
    core: deps.core,
    digests: deps.digests,
    settings: deps.settings,
    logger: deps.logger,
    ...(deps.groups ? { groups: deps.groups } : {}),
  };
  const reply = slackifyCommandMentions(await dispatch(input, ctx), commands);
  return {
    messages: capResponses(renderSlackMessages(reply)),
    visibility: replyVisibility(reply, findCommand(input.name)),
    reply,
  };
}

/** Keeps the first messages that fit and ends with a note saying how many there were. */
function capResponses(messages: SlackMessage[]): SlackMessage[] {
  if (messages.length <= MAX_RESPONSES) return messages;
  const [cut] = renderSlackMessages(
    notice(
      'info',
      `That answer runs to ${messages.length} messages; Slack shows the first ${MAX_RESPONSES - 1} here.`,
    ),
  );
  messages.splice(MAX_RESPONSES - 1, messages.length, ...(cut ? [cut] : []));
  return messages;
}
