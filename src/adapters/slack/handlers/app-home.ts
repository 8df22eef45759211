import type { App, BlockButtonAction } from '@slack/bolt';
import type { CommandContext } from '../../../../commands/define.ts';
import { type CommandInput, dispatch } from '../../../../commands/dispatch.ts';
import { directUserOf } from '../../../core/ports/chat-adapter.ts';
import { adminRefusal, notice, type Reply } from '../../../core/reply.ts';
import type { Tenant } from '../../../core/tenant.ts';
import type { UsersInfoClient } from '../admin-rights.ts';
import { type FormOutcome, submitHomeForm } from '../home/form-submit.ts';
import { HOME_FORM_LIST, type HomeForm, sourceForm, subscriptionForm } from '../home/home-forms.ts';
import { HOME_ACTIONS } from '../home/home-ids.ts';
import { publishHome } from '../home/publish-home.ts';
import { slackTenant } from '../installation-store.ts';
import type { SlackHandlerDeps, SlackHandlerInstaller } from './handler-installer.ts';

/** The Events API events this installer subscribes to; the manifest lists exactly these. */
export const HOME_EVENTS = ['app_home_opened'] as const;

/** The ids Bolt puts in a request's context, and the body's own as a fallback. */
interface RequestIds {
  context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean };
  body: { team?: { id?: string } | null; team_id?: string; user?: { id?: string; team_id?: string } };
}

/** The workspace a request came from: Bolt's context first (it matched the install), then the body. */
function tenantOf({ context, body }: RequestIds): Tenant | undefined {
  return slackTenant({
    teamId: context.teamId ?? body.team?.id ?? body.team_id ?? body.user?.team_id,
    enterpriseId: context.enterpriseId,
    isEnterpriseInstall: context.isEnterpriseInstall,
  });
}

/** A command context for a Home request: the viewer, in their own workspace, rights as the commands check them. */
async function homeContext(
  deps: SlackHandlerDeps,
  client: UsersInfoClient,
  tenant: Tenant,
  userId: string,
): Promise<Omit<CommandContext, 'channel'>> {
  return {
    tenant,
    user: { id: userId, isAdmin: await deps.admins.isAdmin(client, tenant, userId) },
    core: deps.core,
    digests: deps.digests,
    settings: deps.settings,
    logger: deps.logger,
    ...(deps.groups ? { groups: deps.groups } : {}),
  };
}

/**
 * The App Home tab: published for the viewer when they open it, and again after each edit they make
 * from it. Its buttons open modals whose submissions run the shared commands through dispatch, so
 * the admin check and the zod validation are the chat's own; a non-admin's forged button press or
 * submission is refused the same way.
 */
export const installAppHome: SlackHandlerInstaller = (app, deps) => {
  app.event('app_home_opened', async ({ event, client, context, body }) => {
    const tenant = tenantOf({ context, body: body as RequestIds['body'] });
    // The Messages and About tabs fire the event too; only Home is ours to draw.
    if (event.tab !== 'home' || !tenant) return;
    await publishHome(deps, client, tenant, event.user);
  });
  installFormButtons(app, deps);
  installRemoveButtons(app, deps);
  for (const form of HOME_FORM_LIST) {
    app.view(form.callbackId, async ({ ack, body, view, client, context }) => {
      const tenant = tenantOf({ context, body });
      if (!tenant) {
        await ack({
          response_action: 'errors',
          errors: { [form.primary]: 'Slack did not say which workspace this came from.' },
        });
        return;
      }
      const ctx = await homeContext(deps, client, tenant, body.user.id);
      const outcome: FormOutcome = await submitHomeForm(form, view.state.values, ctx);
      if ('errors' in outcome) {
        await ack({ response_action: 'errors', errors: outcome.errors });
        return;
      }
      await ack();
      await publishHome(deps, client, tenant, body.user.id, outcome.reply);
    });
  }
};

/** "Add source" and "Add subscription" open their modal, for admins only. */
function installFormButtons(app: App, deps: SlackHandlerDeps): void {
  const buttons: [string, HomeForm][] = [
    [HOME_ACTIONS.addSource, sourceForm],
    [HOME_ACTIONS.addSubscription, subscriptionForm],
  ];
  for (const [actionId, form] of buttons) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, client, context }) => {
      await ack();
      const tenant = tenantOf({ context, body });
      if (!tenant) return;
      // Non-admins never see these buttons; a press from one is forged or stale, and opens nothing.
      if (!(await deps.admins.isAdmin(client, tenant, body.user.id))) {
        deps.logger.warn(
          { tenant, user: body.user.id, action: actionId },
          'Home button pressed by a non-admin',
        );
        await publishHome(
          deps,
          client,
          tenant,
          body.user.id,
          adminRefusal('change sources or digests', 'slack'),
        );
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: form.view() });
    });
  }
}

/** The per-row Remove buttons: `/sources remove` and `/unsubscribe all` for the row, through dispatch. */
function installRemoveButtons(app: App, deps: SlackHandlerDeps): void {
  const removals: [string, (tenant: Tenant, value: string) => Promise<CommandInput | Reply>][] = [
    [
      HOME_ACTIONS.removeSource,
      async (tenant, id) => {
        // The id is looked up in the viewer's own workspace: another team's id finds nothing.
        const source = await deps.core.sources.get(tenant, id);
        return source
          ? { name: 'sources', options: { action: 'remove', target: source.url } }
          : notice('info', 'That source was already removed.');
      },
    ],
    [HOME_ACTIONS.removeSubscription, async () => ({ name: 'unsubscribe', options: { topic: 'all' } })],
  ];
  for (const [actionId, removal] of removals) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, context }) => {
      await ack();
      const tenant = tenantOf({ context, body });
      const value = action.value ?? '';
      if (!tenant) return;
      const ctx = await homeContext(deps, client, tenant, body.user.id);
      // Someone's personal digest is theirs alone to stop (with /unsubscribe … dm), never a row's button.
      const input: CommandInput | Reply = directUserOf(value)
        ? notice('error', 'A personal digest is stopped by its owner.')
        : await removal(tenant, value);
      const reply =
        'kind' in input
          ? input
          : await dispatch(input, { ...ctx, channel: { platform: 'slack', id: value } });
      await publishHome(deps, client, tenant, body.user.id, reply);
    });
  }
}
