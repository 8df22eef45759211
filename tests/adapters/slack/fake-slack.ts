import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { blockKitViolations } from '../../../src/adapters/slack/block-kit.ts';
import { viewViolations } from '../../helpers/block-kit-views.ts';
import { readRequestBody } from '../../helpers/http.ts';

/** One Web API call the fake received. */
export interface ApiCall {
  method: string;
  token: string | undefined;
  params: Record<string, unknown>;
  at: number;
}

/** One message posted to a response_url. */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/** A workspace the fake knows: its bot token, ids and members. */
export interface FakeTeam {
  teamId: string;
  botToken: string;
  botUserId: string;
  botId: string;
  /** users.info answers per user id; unknown users are plain members. */
  users: Record<
    string,
    { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean; is_restricted?: boolean }
  >;
  /** User groups usergroups.list answers with. */
  usergroups?: { id: string; handle: string; name: string }[];
  /** The channels each user is in, as users.conversations answers. */
  channels?: Record<string, string[]>;
}

/** The DM channel the fake opens between the bot and a user: `D` + the user id without its `U`. */
export function fakeDmChannel(userId: string): string {
  return `D${userId.slice(1)}`;
}

/** A scripted HTTP answer for a single call; without status or body, the normal answer, late by delayMs. */
export interface ScriptedAnswer {
  delayMs?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

/**
 * A fake Slack on 127.0.0.1: the Web API methods Policy Wire calls (auth.test, users.info, users.list,
 * conversations.open, usergroups.list, chat.postMessage, conversations.history and .replies, oauth.v2.access,
 * the files.uploadV2 steps, views.publish, views.open and users.conversations for the App Home) and
 * response_url endpoints. It checks every message and view it receives against Block Kit's limits and
 * records what broke them.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly violations: string[] = [];
  /** chat.postMessage calls that succeeded: what a channel really shows. */
  readonly posted: {
    channel: string;
    ts: string;
    text: string;
    blocks: unknown[];
    token: string | undefined;
    /** The parent message's ts when posted as a thread reply. */
    threadTs?: string;
    /** Message metadata (event_type, event_payload) sent with the post. */
    metadata?: { event_type: string; event_payload: Record<string, unknown> };
  }[] = [];
  /**
   * How long chat.postMessage waits after Slack has the message before it answers: a bot killed in that
   * window had its post accepted without learning so.
   */
  acceptDelayMs = 0;
  /** Posts accepted but not yet answered, by the caller's `x-pw-instance` header. */
  readonly answering = new Map<string, number>();
  readonly teams: FakeTeam[] = [];
  /** Files shared by files.completeUploadExternal, with the bytes uploaded to their upload URL. */
  readonly files: {
    id: string;
    filename: string;
    title?: string;
    altText?: string;
    channel?: string;
    threadTs?: string;
    bytes: Buffer;
  }[] = [];
  /** Uploads in progress: getUploadURLExternal answered, bytes perhaps received, not yet completed. */
  private readonly pending = new Map<
    string,
    { filename: string; length: number; altText?: string; bytes?: Buffer }
  >();
  private fileSeq = 0;
  private readonly scripts = new Map<string, ScriptedAnswer[]>();
  /** Where each slash command was typed, and how many posts there were then. */
  private readonly commands = new Map<string, { channel: string; from: number }>();
  private server: Server | undefined;
  private sockets: WebSocketServer | undefined;
  /** Messages the app sent back over Socket Mode (acks), by envelope id. */
  readonly socketAcks = new Map<string, Record<string, unknown>>();
  /** The last ts handed out, in microseconds: Slack's ts is the post's time, unique per channel. */
  private lastTs = 0;
  url = '';

  /** Starts listening on an ephemeral loopback port. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, headers, body }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The Web API base URL to configure as SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url for one slash command. */
  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  /** Adds a workspace. */
  addTeam(team: FakeTeam): void {
    this.teams.push(team);
  }

  /** Makes the next call(s) to `method` answer as scripted, in order. */
  script(method: string, ...answers: ScriptedAnswer[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers]);
  }

  /** The calls to one method. */
  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Notes where slash command `id` was typed, so an answer the bot posts into that channel counts as its answer. */
  expectCommand(id: string, channel: string): void {
    this.commands.set(id, { channel, from: this.posted.length });
  }

  /**
   * What answered slash command `id`: the messages sent to its response_url, or else the top-level messages
   * the bot posted with chat.postMessage into the command's channel since (how public story cards go out),
   * shaped as in-channel responses with `via: 'chat.postMessage'` and their ts.
   */
  answersFor(id: string): ResponsePost[] {
    const direct = this.responses.filter((r) => r.id === id);
    const where = this.commands.get(id);
    if (direct.length > 0 || !where) return direct;
    return this.posted
      .slice(where.from)
      .filter((post) => post.channel === where.channel && post.threadTs === undefined)
      .map((post) => ({
        id,
        body: {
          response_type: 'in_channel',
          text: post.text,
          blocks: post.blocks,
          via: 'chat.postMessage',
          ts: post.ts,
        },
        at: 0,
      }));
  }

  /** Waits until `count` messages answered slash command `id` (see `answersFor`). */
  async responsesFor(id: string, count = 1, timeoutMs = 5000): Promise<ResponsePost[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.answersFor(id);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`only ${found.length} of ${count} responses for ${id}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Accepts Socket Mode connections at /socket, greeting each with Slack's hello. */
  enableSocketMode(): void {
    this.sockets = new WebSocketServer({ server: this.server, path: '/socket' });
    this.sockets.on('connection', (socket: WebSocket) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string };
        if (message.envelope_id) this.socketAcks.set(message.envelope_id, message);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0PW' } }));
    });
  }

  /** Pushes an envelope to every Socket Mode connection; resolves with the app's ack. */
  async pushEnvelope(envelopeId: string, type: string, payload: Record<string, unknown>, timeoutMs = 5000) {
    for (const socket of this.sockets?.clients ?? []) {
      socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }));
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ack = this.socketAcks.get(envelopeId);
      if (ack) return ack;
      if (Date.now() > deadline) throw new Error(`no ack for envelope ${envelopeId}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** How many Socket Mode connections are open. */
  get socketConnections(): number {
    return this.sockets?.clients.size ?? 0;
  }

  /** Stops the server. */
  async close(): Promise<void> {
    for (const socket of this.sockets?.clients ?? []) socket.terminate();
    this.sockets?.close();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; headers?: Record<string, string>; body: Record<string, unknown> }> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const upload = /^\/upload\/(F[A-Z0-9]+)$/.exec(path);
    if (upload) return this.receiveUpload(upload[1]!, req);
    const raw = await readRequestBody(req);
    const respond = /^\/respond\/(.+)$/.exec(path);
    if (respond) {
      const body = JSON.parse(raw) as Record<string, unknown>;
      this.check(`response_url ${respond[1]}`, body);
      this.responses.push({ id: respond[1] ?? '', body, at: Date.now() });
      return { status: 200, body: { ok: true } };
    }
    const method = /^\/api\/(.+)$/.exec(path)?.[1] ?? '';
    const params = parseParams(raw, req.headers['content-type']);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : (params.token as string | undefined);
    this.calls.push({ method, token, params, at: Date.now() });
    const scripted = this.scripts.get(method)?.shift();
    if (scripted?.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    if (scripted && (scripted.status !== undefined || scripted.body !== undefined)) {
      return { status: scripted.status ?? 200, headers: scripted.headers, body: scripted.body ?? {} };
    }
    const body = this.answer(method, token, params);
    if (method === 'chat.postMessage' && body.ok && this.acceptDelayMs > 0) {
      const caller = String(req.headers['x-pw-instance'] ?? '');
      this.answering.set(caller, (this.answering.get(caller) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, this.acceptDelayMs));
      this.answering.set(caller, (this.answering.get(caller) ?? 1) - 1);
    }
    return { status: 200, body };
  }

  private answer(method: string, token: string | undefined, params: Record<string, unknown>) {
    if (method === 'oauth.v2.access') {
      const team = this.teams.find((t) => `code-${t.teamId}` === params.code);
      if (!team) return { ok: false, error: 'invalid_code' };
      return {
        ok: true,
        app_id: 'A0PW',
        authed_user: { id: 'U_INSTALLER' },
        scope: 'chat:write,commands,users:read',
        token_type: 'bot',
        access_token: team.botToken,
        bot_user_id: team.botUserId,
        team: { id: team.teamId, name: `Team ${team.teamId}` },
        enterprise: null,
        is_enterprise_install: false,
      };
    }
    if (method === 'apps.connections.open') {
      if (!token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
      return { ok: true, url: `${this.url.replace(/^http/, 'ws')}/socket` };
    }
    const team = this.teams.find((t) => t.botToken === token);
    if (!team) return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${team.teamId.toLowerCase()}.slack.com/`,
          team: `Team ${team.teamId}`,
          team_id: team.teamId,
          user_id: team.botUserId,
          bot_id: team.botId,
          is_enterprise_install: false,
        };
      case 'users.info': {
        const id = String(params.user);
        return { ok: true, user: { id, team_id: team.teamId, ...(team.users[id] ?? {}) } };
      }
      case 'conversations.open': {
        const user = String(params.users ?? '');
        if (!/^[UW]/.test(user)) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: fakeDmChannel(user) } };
      }
      case 'users.list':
        return {
          ok: true,
          members: Object.entries(team.users).map(([id, flags]) => ({ id, team_id: team.teamId, ...flags })),
          response_metadata: { next_cursor: '' },
        };
      case 'usergroups.list':
        return { ok: true, usergroups: team.usergroups ?? [] };
      case 'chat.postMessage': {
        const blocks = typeof params.blocks === 'string' ? JSON.parse(params.blocks) : params.blocks;
        this.check(`chat.postMessage ${String(params.channel)}`, { text: params.text, blocks });
        const metadata = typeof params.metadata === 'string' ? JSON.parse(params.metadata) : params.metadata;
        this.lastTs = Math.max(Date.now() * 1000, this.lastTs + 1);
        const ts = `${Math.floor(this.lastTs / 1e6)}.${String(this.lastTs % 1e6).padStart(6, '0')}`;
        this.posted.push({
          ...(metadata ? { metadata } : {}),
          channel: String(params.channel),
          ts,
          text: String(params.text),
          blocks,
          token,
          ...(params.thread_ts === undefined ? {} : { threadTs: String(params.thread_ts) }),
        });
        return { ok: true, channel: params.channel, ts };
      }
      case 'conversations.history':
      case 'conversations.replies':
        return this.history(method, params);
      case 'files.getUploadURLExternal':
        return this.uploadUrl(params);
      case 'files.completeUploadExternal':
        return this.completeUpload(params);
      case 'views.publish':
      case 'views.open':
        return this.view(method, params);
      case 'users.conversations': {
        const channels = team.channels?.[String(params.user)] ?? [];
        return { ok: true, channels: channels.map((id) => ({ id })), response_metadata: { next_cursor: '' } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /**
   * conversations.history (top-level messages) and conversations.replies (a thread), newest first as Slack
   * answers them, from `oldest` on; metadata only with include_all_metadata, as on the real API.
   */
  private history(method: string, params: Record<string, unknown>) {
    const channel = String(params.channel);
    const oldest = Number(params.oldest ?? 0);
    const withMetadata = params.include_all_metadata === true || params.include_all_metadata === 'true';
    const limit = Math.min(Number(params.limit ?? 100) || 100, 999);
    const thread = method === 'conversations.replies' ? String(params.ts) : undefined;
    const messages = this.posted
      .filter((m) => m.channel === channel && Number(m.ts) >= oldest)
      .filter((m) =>
        thread === undefined ? m.threadTs === undefined : m.ts === thread || m.threadTs === thread,
      )
      .reverse()
      .slice(0, limit)
      .map((m) => ({
        type: 'message',
        ts: m.ts,
        text: m.text,
        ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
        ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
      }));
    return { ok: true, messages, has_more: false };
  }

  /** views.publish (for a user) and views.open (for a fresh trigger_id), each view checked against Block Kit's limits. */
  private view(method: string, params: Record<string, unknown>) {
    const view = typeof params.view === 'string' ? JSON.parse(params.view) : params.view;
    if (method === 'views.publish' && !params.user_id) return { ok: false, error: 'invalid_arguments' };
    if (method === 'views.open' && !String(params.trigger_id ?? '').startsWith('trigger-'))
      return { ok: false, error: 'invalid_trigger_id' };
    for (const problem of viewViolations(view)) this.violations.push(`${method}: ${problem}`);
    return { ok: true, view: { id: `V${this.calls.length}`, ...view } };
  }

  private uploadUrl(params: Record<string, unknown>) {
    const length = Number(params.length);
    if (!params.filename || !(length > 0)) return { ok: false, error: 'invalid_arguments' };
    this.fileSeq += 1;
    const id = `F${String(this.fileSeq).padStart(6, '0')}`;
    const altText = params.alt_text === undefined ? undefined : String(params.alt_text);
    this.pending.set(id, { filename: String(params.filename), length, ...(altText ? { altText } : {}) });
    return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
  }

  // Slack's upload URL takes the bytes raw or as a multipart form; the WebClient sends a form.
  private async receiveUpload(id: string, req: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const entry = this.pending.get(id);
    if (!entry) return { status: 404, body: { ok: false, error: 'unknown_upload' } };
    const type = req.headers['content-type'] ?? '';
    let bytes = raw;
    if (type.includes('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const values = (form as unknown as { values(): Iterable<unknown> }).values();
      const part = [...values].find((value) => typeof value !== 'string');
      bytes = part ? Buffer.from(await (part as Blob).arrayBuffer()) : Buffer.alloc(0);
    }
    if (bytes.length !== entry.length) return { status: 400, body: { ok: false, error: 'length_mismatch' } };
    entry.bytes = bytes;
    return { status: 200, body: { ok: true } };
  }

  private completeUpload(params: Record<string, unknown>) {
    const files = (typeof params.files === 'string' ? JSON.parse(params.files) : params.files) as {
      id: string;
      title?: string;
    }[];
    const done = [];
    for (const file of files ?? []) {
      const entry = this.pending.get(file.id);
      if (!entry?.bytes) return { ok: false, error: 'file_not_found' };
      this.pending.delete(file.id);
      this.files.push({
        id: file.id,
        filename: entry.filename,
        bytes: entry.bytes,
        ...(file.title ? { title: file.title } : {}),
        ...(entry.altText ? { altText: entry.altText } : {}),
        ...(params.channel_id ? { channel: String(params.channel_id) } : {}),
        ...(params.thread_ts ? { threadTs: String(params.thread_ts) } : {}),
      });
      done.push({ id: file.id, title: file.title ?? entry.filename });
    }
    return { ok: true, files: done };
  }

  private check(where: string, message: Record<string, unknown>): void {
    for (const problem of blockKitViolations(message)) this.violations.push(`${where}: ${problem}`);
  }
}

/** The blocks of a recorded chat.postMessage call. */
export function postedBlocks(
  call: ApiCall,
): { type: string; text?: { text: string }; elements?: { text: string }[] }[] {
  const blocks = call.params.blocks;
  return typeof blocks === 'string' ? JSON.parse(blocks) : (blocks as never);
}

/** Sends a slash command to Bolt's HTTP receiver, signed the way Slack signs it. */
export async function sendSlashCommand(
  eventsUrl: string,
  signingSecret: string,
  fields: Record<string, string>,
  options: { timestamp?: number; signature?: string } = {},
): Promise<Response> {
  const body = new URLSearchParams(fields).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature ??
    `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return fetch(eventsUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
    body,
  });
}

/** Sends an Events API callback (JSON) to Bolt's HTTP receiver, signed the way Slack signs it. */
export async function sendEvent(
  eventsUrl: string,
  signingSecret: string,
  team: string,
  event: Record<string, unknown>,
): Promise<Response> {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: team,
    api_app_id: 'A0PW',
    event,
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return fetch(eventsUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
    body,
  });
}

/** The fields of a `/news` slash command from one user in one workspace. */
export function commandFields(
  fake: FakeSlack,
  id: string,
  options: { team: string; user: string; text: string; channel?: string },
): Record<string, string> {
  fake.expectCommand(id, options.channel ?? 'C0GENERAL');
  return {
    token: 'legacy-verification-token',
    team_id: options.team,
    team_domain: options.team.toLowerCase(),
    channel_id: options.channel ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: options.user,
    user_name: options.user.toLowerCase(),
    command: '/news',
    text: options.text,
    api_app_id: 'A0PW',
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(id),
    trigger_id: `trigger-${id}`,
  };
}

function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}
