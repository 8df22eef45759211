import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notice, type Reply } from '../../core/reply.ts';
import { composeTopicVolume } from '../../core/topic-volume.ts';
import { channelIdProblem, runCommand } from './console-commands.ts';
import type { AdminConsoleDeps } from './console-deps.ts';
import { CONSOLE_PREFIX } from './console-settings.ts';
import { PAGES, page } from './layout.ts';
import {
  type BodyInput,
  chartBody,
  deliveriesBody,
  digestBody,
  followsBody,
  sourcesBody,
  subscriptionsBody,
  topicsBody,
} from './page-bodies.ts';
import { forbiddenPage, sendPage } from './responses.ts';
import { type AdminSession, liveSession, tenantAccess, tenantPath } from './security.ts';

const BODIES: Record<
  (typeof PAGES)[number]['page'],
  (input: BodyInput) => Promise<import('./html.ts').SafeHtml>
> = {
  sources: sourcesBody,
  topics: topicsBody,
  subscriptions: subscriptionsBody,
  digest: digestBody,
  follows: followsBody,
  deliveries: deliveriesBody,
  chart: chartBody,
};

type Form = Record<string, string | undefined>;

/** The edits a form may ask for: each becomes one chat command run through the shared dispatch. */
const EDITS: Record<
  string,
  (
    form: Form,
    platform: string,
  ) => { name: string; options: Record<string, unknown>; channel?: string } | Reply
> = {
  'sources/add': (f) => ({ name: 'sources', options: { action: 'add', target: f.url, name: f.name } }),
  'sources/remove': (f) => ({ name: 'sources', options: { action: 'remove', target: f.target } }),
  'topics/add': (f) => ({
    name: 'topics',
    options: {
      action: 'add',
      name: f.name,
      query: f.query,
      aliases: (f.aliases ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      replace: f.replace === 'true',
    },
  }),
  'topics/remove': (f) => ({ name: 'topics', options: { action: 'remove', name: f.name } }),
  'subscriptions/add': (f, platform) =>
    withChannel(f, platform, {
      name: 'subscribe',
      options: { topic: f.topic, at: f.at, tz: f.tz, days: f.days },
    }),
  'subscriptions/remove': (f, platform) =>
    withChannel(f, platform, { name: 'unsubscribe', options: { topic: f.topic } }),
};

function withChannel(form: Form, platform: string, edit: { name: string; options: Record<string, unknown> }) {
  const channel = (form.channel ?? '').trim();
  const problem = channelIdProblem(platform, channel);
  return problem ? notice('error', `That channel id cannot be used: ${problem}.`) : { ...edit, channel };
}

/**
 * The session of a request to a tenant's page, or undefined once a refusal was sent: not signed in
 * (back to sign-in), another tenant's id in the URL (403), or rights lost since sign-in (403, signed out).
 */
async function admitted(
  deps: AdminConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AdminSession | undefined> {
  const now = deps.now ?? Date.now;
  const session = liveSession(request.session.get('admin'), now(), deps.settings.sessionMinutes);
  const params = request.params as { platform: string; tenant: string };
  if (!session) {
    if (request.method === 'GET') reply.redirect(CONSOLE_PREFIX, 303);
    else forbiddenPage(reply, 'You are not signed in (or your session has expired).', 'Sign in again.');
    return undefined;
  }
  if (tenantAccess(session, params.platform, params.tenant) === 'forbidden') {
    forbiddenPage(
      reply,
      'This session is for another workspace or server.',
      'Sign out, then sign in to the one you want to manage.',
    );
    return undefined;
  }
  // Slack rights are asked again (users.info, cached briefly): an admin demoted since sign-in loses the console.
  if (session.tenant.platform === 'slack' && !(await deps.rights.slack?.(session.tenant, session.userId))) {
    request.session.delete();
    forbiddenPage(reply, 'You are no longer an admin of this workspace.', 'Ask a workspace admin.');
    return undefined;
  }
  return session;
}

/** The tenant's pages and the edits their forms post, all under /admin/<platform>/<tenant id>/. */
export function installTenantPages(app: FastifyInstance, deps: AdminConsoleDeps): void {
  const base = `${CONSOLE_PREFIX}/:platform/:tenant`;
  app.get(`${base}/:page`, async (request, reply) => {
    const session = await admitted(deps, request, reply);
    if (!session) return reply;
    const name = (request.params as { page: string }).page;
    if (name === 'chart.png') return sendChart(deps, session, reply);
    const known = PAGES.find((p) => p.page === name);
    if (!known) return reply.callNotFound();
    const csrf = reply.generateCsrf();
    const flash = request.session.get('flash');
    request.session.set('flash', undefined);
    const body = await BODIES[known.page]({ deps, session, csrf, query: request.query as Form });
    return sendPage(
      reply,
      200,
      page({ title: known.title, body, session, csrf, ...(flash ? { flash } : {}) }),
    );
  });
  app.post(`${base}/:page/:action`, async (request, reply) => {
    const session = await admitted(deps, request, reply);
    if (!session) return reply;
    const { page: pageName, action } = request.params as { page: string; action: string };
    const edit = EDITS[`${pageName}/${action}`];
    if (!edit) return reply.callNotFound();
    const form = formOf(request.body);
    const planned = edit(form, session.tenant.platform);
    const answer =
      'kind' in planned
        ? planned
        : await runCommand(deps, session, planned.name, planned.options, planned.channel);
    // The command's own reply is shown on the page it came from (post, then redirect, then get).
    request.session.set('flash', answer);
    return reply.redirect(tenantPath(session.tenant, pageName), 303);
  });
}

function formOf(body: unknown): Form {
  if (!body || typeof body !== 'object') return {};
  const out: Form = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') out[key] = value;
  return out;
}

/** The topic-volume PNG of the digests' topics (the first six), or of the first built-in topics when none. */
async function sendChart(deps: AdminConsoleDeps, session: AdminSession, reply: FastifyReply) {
  const subscribed = (await deps.digests.stores.subscriptions.list(session.tenant)).flatMap((s) => s.topics);
  const names = [...new Set(subscribed)].slice(0, 6);
  if (names.length === 0)
    names.push(...(await deps.core.topics.list(session.tenant)).slice(0, 3).map((t) => t.name));
  const topics = await Promise.all(names.map((name) => deps.core.topics.resolve(session.tenant, name)));
  const chart = await composeTopicVolume(
    { articles: deps.core.articles, topics: deps.core.topics },
    { tenant: session.tenant, topics, now: deps.core.clock.now() },
  );
  const image = await deps.charts.topicVolume(chart);
  return reply.type('image/png').header('cache-control', 'private, max-age=300').send(Buffer.from(image.png));
}
