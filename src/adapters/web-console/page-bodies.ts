import { directUserOf } from '../../core/ports/chat-adapter.ts';
import { scrubUrlCredentials } from '../../url-credentials.ts';
import { runCommand } from './console-commands.ts';
import type { AdminConsoleDeps } from './console-deps.ts';
import { html, replyHtml, type SafeHtml } from './html.ts';
import { csrfField } from './layout.ts';
import { type AdminSession, tenantPath } from './security.ts';

/** What a page body is built from: the deps, the signed-in admin, the form token and the query string. */
export interface BodyInput {
  deps: AdminConsoleDeps;
  session: AdminSession;
  csrf: string;
  query: Record<string, string | undefined>;
}

function action(session: AdminSession, path: string): string {
  return tenantPath(session.tenant, path);
}

/** Sources with their health (what `/sources list` says), add and remove forms, and every incident. */
export async function sourcesBody({ deps, session, csrf }: BodyInput): Promise<SafeHtml> {
  const listed = await runCommand(deps, session, 'sources', { action: 'list' });
  const sources = (await deps.core.sources.list(session.tenant)).sort((a, b) => a.name.localeCompare(b.name));
  const incidents = (await deps.digests.incidents.list(session.tenant)).sort((a, b) =>
    b.openedAt.localeCompare(a.openedAt),
  );
  return html`${replyHtml(listed)}
<form method="post" class="box" action="${action(session, 'sources/add')}">${csrfField(csrf)}
<label>Feed or page URL <input type="text" name="url" required></label><label>Name (optional) <input type="text" name="name"></label><button type="submit">Add source</button></form>
<table><thead><tr><th>Source</th><th>URL</th><th></th></tr></thead><tbody>${sources.map(
    (s) =>
      html`<tr><td>${s.name}</td><td>${scrubUrlCredentials(s.url)}</td><td><form method="post" action="${action(session, 'sources/remove')}">${csrfField(csrf)}<input type="hidden" name="target" value="${scrubUrlCredentials(s.url)}"><button type="submit">Remove</button></form></td></tr>`,
  )}</tbody></table>
<h3>Incident history</h3>${
    incidents.length === 0
      ? html`<p class="hint">No incidents: nothing has broken yet.</p>`
      : html`<table><thead><tr><th>What</th><th>Opened</th><th>Status</th><th>Last error</th></tr></thead><tbody>${incidents.map(
          (i) =>
            html`<tr><td>${i.kind}: ${i.label}</td><td>${i.openedAt}</td><td>${i.status}${i.resolvedAt ? ` ${i.resolvedAt}` : ''}</td><td>${i.lastError}</td></tr>`,
        )}</tbody></table>`
  }`;
}

/** Built-in and own topics (what `/topics list` says), with add and remove forms. */
export async function topicsBody({ deps, session, csrf }: BodyInput): Promise<SafeHtml> {
  const listed = await runCommand(deps, session, 'topics', { action: 'list' });
  const own = (await deps.core.topics.list(session.tenant)).filter((t) => !t.builtIn);
  return html`<form method="post" class="box" action="${action(session, 'topics/add')}">${csrfField(csrf)}
<label>Name <input type="text" name="name" required></label><label>Query <input type="text" name="query" required></label><label>Aliases, comma-separated <input type="text" name="aliases"></label><label><input type="checkbox" name="replace" value="true"> customise the built-in of this name</label><button type="submit">Save topic</button></form>
${own.map(
  (t) =>
    html`<form method="post" class="box" action="${action(session, 'topics/remove')}">${csrfField(csrf)}<input type="hidden" name="name" value="${t.name}"><span>${t.name}</span> <button type="submit">Remove</button></form>`,
)}${replyHtml(listed)}`;
}

/** Every channel's digest with its next run (what `/subscriptions` says), its last deliveries, and forms. */
export async function subscriptionsBody({ deps, session, csrf }: BodyInput): Promise<SafeHtml> {
  const listed = await runCommand(deps, session, 'subscriptions', {});
  const subscriptions = (await deps.digests.stores.subscriptions.list(session.tenant)).filter(
    (s) => directUserOf(s.channelId) === undefined,
  );
  const archive = await deps.digests.stores.archive.list(session.tenant);
  const lastOf = (channelId: string) =>
    archive
      .filter((r) => r.channelId === channelId)
      .sort((a, b) => b.scheduledFor.localeCompare(a.scheduledFor))
      .slice(0, 3);
  return html`${replyHtml(listed)}
<form method="post" class="box" action="${action(session, 'subscriptions/add')}">${csrfField(csrf)}
<label>Channel id <input type="text" name="channel" required></label><label>Topic <input type="text" name="topic" required></label><label>At (HH:MM) <input type="text" name="at"></label><label>Time zone <input type="text" name="tz"></label><label>Days <input type="text" name="days"></label><button type="submit">Subscribe</button></form>
<table><thead><tr><th>Channel</th><th>Topics</th><th>Last deliveries</th></tr></thead><tbody>${subscriptions.map(
    (s) =>
      html`<tr><td>${s.channelId}</td><td>${s.topics.map(
        (topic) =>
          html`<form method="post" action="${action(session, 'subscriptions/remove')}">${csrfField(csrf)}<input type="hidden" name="channel" value="${s.channelId}"><input type="hidden" name="topic" value="${topic}">${topic} <button type="submit">Unsubscribe</button></form>`,
      )}</td><td>${lastOf(s.channelId).map((r) => html`${r.localDate} ${r.status}${r.empty ? ' (empty)' : ''}<br>`)}</td></tr>`,
  )}</tbody></table>`;
}

/** The channels with a digest, as links that pick one for a per-channel page. */
async function channelPicker(
  input: BodyInput,
  pageName: string,
): Promise<{ links: SafeHtml; channel?: string }> {
  const channels = (await input.deps.digests.stores.subscriptions.list(input.session.tenant))
    .map((s) => s.channelId)
    .filter((id) => directUserOf(id) === undefined)
    .sort();
  const wanted = input.query.channel;
  const channel = wanted && channels.includes(wanted) ? wanted : channels[0];
  const links = html`<p>Channel: ${channels.map(
    (id) =>
      html`<a href="${action(input.session, pageName)}?channel=${encodeURIComponent(id)}">${id === channel ? html`<strong>${id}</strong>` : id}</a> `,
  )}</p>`;
  return channel ? { links, channel } : { links };
}

/** What a channel's next digest would hold now (`/digest` in that channel). */
export async function digestBody(input: BodyInput): Promise<SafeHtml> {
  const { links, channel } = await channelPicker(input, 'digest');
  if (!channel) return html`<p class="hint">No channel has a digest yet: subscribe one first.</p>`;
  return html`${links}${replyHtml(await runCommand(input.deps, input.session, 'digest', {}, channel))}`;
}

/** A channel's followed dockets, bills and procedures and their deadlines (`/following`, `/deadlines`). */
export async function followsBody(input: BodyInput): Promise<SafeHtml> {
  const { links, channel } = await channelPicker(input, 'follows');
  if (!channel) return html`<p class="hint">No channel has a digest yet, so none follows anything.</p>`;
  const following = await runCommand(input.deps, input.session, 'following', {}, channel);
  const deadlines = await runCommand(input.deps, input.session, 'deadlines', {}, channel);
  return html`${links}${replyHtml(following)}${replyHtml(deadlines)}`;
}

/** The last 100 digests delivered (or failed) in this tenant, newest first. */
export async function deliveriesBody({ deps, session }: BodyInput): Promise<SafeHtml> {
  const records = (await deps.digests.stores.archive.list(session.tenant))
    .sort((a, b) => b.scheduledFor.localeCompare(a.scheduledFor))
    .slice(0, 100);
  if (records.length === 0) return html`<p class="hint">No digest has been delivered yet.</p>`;
  return html`<table><thead><tr><th>Scheduled</th><th>Channel</th><th>Status</th><th>Topics</th><th>Stories</th></tr></thead><tbody>${records.map(
    (r) =>
      html`<tr><td>${r.scheduledFor}</td><td>${r.channelId}</td><td>${r.status}${r.late ? ' (late)' : ''}${r.empty ? ' (empty)' : ''}</td><td>${r.topics.join(', ')}</td><td>${r.sections.reduce((n, s) => n + s.stories.length, 0)}</td></tr>`,
  )}</tbody></table>`;
}

/** The topic-volume chart of the tenant's subscribed topics, drawn by the chart renderer. */
export async function chartBody({ session }: BodyInput): Promise<SafeHtml> {
  return html`<p>Stories per day over the last 30 days for the topics this ${session.tenant.platform === 'slack' ? 'workspace' : 'server'}'s digests follow, this week against last.</p><img class="chart" src="${action(session, 'chart.png')}" alt="Topic volume chart" width="1388" height="634">`;
}
