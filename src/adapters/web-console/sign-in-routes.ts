import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { adminRefusal } from '../../core/reply.ts';
import type { Tenant } from '../../core/tenant.ts';
import { errorReference } from '../../errors.ts';
import type { AdminConsoleDeps } from './console-deps.ts';
import { CONSOLE_PREFIX } from './console-settings.ts';
import { html } from './html.ts';
import { csrfField, page } from './layout.ts';
import { forbiddenPage, sendPage } from './responses.ts';
import { callbackMatches, liveSession, SIGN_IN_WINDOW_MS, tenantPath } from './security.ts';

/** The full callback URL as the provider sent the browser to it, on the console's public origin. */
function callbackUrl(deps: AdminConsoleDeps, request: FastifyRequest): URL {
  return new URL(request.url, deps.settings.publicUrl.origin);
}

/** Starts a session for one tenant: the pending sign-in and the old CSRF secret go, so no old form works. */
function signIn(
  request: FastifyRequest,
  reply: FastifyReply,
  tenant: Tenant,
  userId: string,
  name: string,
  now: number,
) {
  request.session.set('pending', undefined);
  request.session.set('pick', undefined);
  request.session.set('_csrf', undefined);
  request.session.set('admin', { tenant, userId, name, signedInAt: now });
  return reply.redirect(tenantPath(tenant, 'sources'), 303);
}

function refusedSignIn(reply: FastifyReply, why: string) {
  return forbiddenPage(reply, `Sign-in refused: ${why}.`, 'Start again from the sign-in page.');
}

/** Sign-in and sign-out: the start page, Slack's OpenID Connect flow, Discord's OAuth2 flow and its guild pick. */
export function installSignIn(app: FastifyInstance, deps: AdminConsoleDeps): void {
  const now = deps.now ?? Date.now;
  app.get(CONSOLE_PREFIX, (request, reply) => {
    const session = liveSession(request.session.get('admin'), now(), deps.settings.sessionMinutes);
    if (session) return reply.redirect(tenantPath(session.tenant, 'sources'), 303);
    const links = [
      deps.providers.slack ? html`<a href="${CONSOLE_PREFIX}/auth/slack">Sign in with Slack</a>` : '',
      deps.providers.discord ? html`<a href="${CONSOLE_PREFIX}/auth/discord">Sign in with Discord</a>` : '',
    ];
    return sendPage(
      reply,
      200,
      page({
        title: 'Sign in',
        body: html`<p>Workspace and server admins manage their Policy Wire here: sources, topics, digests and follows.</p><p class="signin">${links}</p>`,
      }),
    );
  });
  app.get(`${CONSOLE_PREFIX}/auth/:provider`, (request, reply) => {
    const provider = (request.params as { provider: string }).provider;
    if (provider !== 'slack' && provider !== 'discord') return reply.callNotFound();
    const flow = deps.providers[provider];
    if (!flow) return reply.callNotFound();
    const pending = { state: oidc.randomState(), nonce: oidc.randomNonce() };
    request.session.set('pending', { provider, ...pending, startedAt: now() });
    return reply.redirect(flow.authorizeUrl(pending).href, 302);
  });
  app.get(`${CONSOLE_PREFIX}/auth/slack/callback`, async (request, reply) => {
    const slack = deps.providers.slack;
    const query = request.query as Record<string, string | undefined>;
    const pending = request.session.get('pending');
    if (!slack || !callbackMatches(pending, 'slack', query.state, now()) || !pending.nonce)
      return refusedSignIn(
        reply,
        'the sign-in state does not match one started here (or it is over 10 minutes old)',
      );
    if (query.error) return refusedSignIn(reply, `Slack said "${query.error}"`);
    const identity = await completeOrRefuse(deps, reply, () =>
      slack.complete(callbackUrl(deps, request), { state: pending.state, nonce: pending.nonce! }),
    );
    if (!identity) return reply;
    const tenant: Tenant = { platform: 'slack', id: identity.teamId };
    if (!deps.rights.slack || !(await deps.rights.slack(tenant, identity.userId))) {
      const refusal = adminRefusal('use the admin console', 'slack');
      return forbiddenPage(
        reply,
        refusal.kind === 'notice' ? refusal.text : '',
        `${refusal.kind === 'notice' ? refusal.hint : ''} Policy Wire must also be installed in the workspace.`,
      );
    }
    return signIn(request, reply, tenant, identity.userId, identity.name, now());
  });
  installDiscordCallback(app, deps, now);
  app.post(`${CONSOLE_PREFIX}/logout`, (request, reply) => {
    request.session.delete();
    return reply.redirect(CONSOLE_PREFIX, 303);
  });
}

/** Runs the code exchange; a provider's refusal becomes a 403 page, our own failure a logged apology. */
async function completeOrRefuse<T>(
  deps: AdminConsoleDeps,
  reply: FastifyReply,
  complete: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await complete();
  } catch (error) {
    const ref = errorReference();
    deps.logger.warn({ err: error, ref }, 'admin console sign-in failed');
    refusedSignIn(reply, `the provider's answer could not be verified (ref ${ref})`);
    return undefined;
  }
}

function installDiscordCallback(app: FastifyInstance, deps: AdminConsoleDeps, now: () => number): void {
  app.get(`${CONSOLE_PREFIX}/auth/discord/callback`, async (request, reply) => {
    const discord = deps.providers.discord;
    const query = request.query as Record<string, string | undefined>;
    const pending = request.session.get('pending');
    if (!discord || !callbackMatches(pending, 'discord', query.state, now()))
      return refusedSignIn(
        reply,
        'the sign-in state does not match one started here (or it is over 10 minutes old)',
      );
    if (query.error) return refusedSignIn(reply, `Discord said "${query.error}"`);
    const identity = await completeOrRefuse(deps, reply, () =>
      discord.complete(callbackUrl(deps, request), { state: pending.state }),
    );
    if (!identity) return reply;
    const served = await discord.botGuildIds();
    const isAdmin = deps.rights.discord ?? (() => false);
    const guilds = identity.guilds
      .filter((g) => served.has(g.id) && isAdmin(g.permissions, identity.userId))
      .map((g) => ({ id: g.id, name: g.name }));
    if (guilds.length === 0) {
      const refusal = adminRefusal('use the admin console', 'discord');
      return forbiddenPage(
        reply,
        refusal.kind === 'notice' ? refusal.text : '',
        'You need Manage Server in a server where Policy Wire is.',
      );
    }
    if (guilds.length === 1)
      return signIn(
        request,
        reply,
        { platform: 'discord', id: guilds[0]!.id },
        identity.userId,
        identity.name,
        now(),
      );
    request.session.set('pending', undefined);
    request.session.set('pick', { userId: identity.userId, name: identity.name, guilds, startedAt: now() });
    return reply.redirect(`${CONSOLE_PREFIX}/auth/discord/pick`, 303);
  });
  app.get(`${CONSOLE_PREFIX}/auth/discord/pick`, async (request, reply) => {
    const pick = request.session.get('pick');
    if (!pick || now() - pick.startedAt > SIGN_IN_WINDOW_MS)
      return refusedSignIn(reply, 'there is no server to choose');
    const token = reply.generateCsrf();
    const buttons = pick.guilds.map(
      (g) =>
        html`<form method="post" class="box" action="${CONSOLE_PREFIX}/auth/discord/pick">${csrfField(token)}<input type="hidden" name="guild" value="${g.id}"><button type="submit">${g.name}</button></form>`,
    );
    return sendPage(
      reply,
      200,
      page({
        title: 'Choose a server',
        body: html`<p>You administer several servers that Policy Wire serves. A session is for one of them:</p>${buttons}`,
      }),
    );
  });
  app.post(`${CONSOLE_PREFIX}/auth/discord/pick`, async (request, reply) => {
    const pick = request.session.get('pick');
    const wanted = String((request.body as Record<string, unknown> | undefined)?.guild ?? '');
    const guild = pick?.guilds.find((g) => g.id === wanted);
    if (!pick || !guild || now() - pick.startedAt > SIGN_IN_WINDOW_MS)
      return refusedSignIn(reply, 'that server was not one of those offered to you');
    return signIn(request, reply, { platform: 'discord', id: guild.id }, pick.userId, pick.name, now());
  });
}
