import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** Parsed JSON as the fake received it; assertions read into it freely. */
// biome-ignore lint/suspicious/noExplicitAny: recorded request bodies are arbitrary JSON that tests inspect
export type Json = any;

/** One HTTP request the fake received. */
export interface RecordedRequest {
  method: string;
  /** Path below /api/v10, e.g. `/channels/1/messages`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Json;
  at: number;
}

/** A canned answer for the next matching request. `commit` first stores the message, then fails (a lost reply). */
export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  commit?: boolean;
}

/** A message stored in a fake channel. */
export interface StoredMessage {
  id: string;
  content?: string;
  embeds: Json[];
  nonce?: string;
  /** The message this one replies to (message_reference.message_id). */
  replyTo?: string;
  /** When Discord stored it. */
  createdAt?: number;
  /** Files sent as multipart `files[n]` parts, with the attachment metadata of payload_json. */
  files?: StoredFile[];
}

/** A file attached to a stored message. */
export interface StoredFile {
  field: string;
  filename: string;
  contentType: string;
  description?: string;
  bytes: Buffer;
}

/** A multipart request as Discord reads it: JSON in `payload_json`, files in `files[n]` parts. */
async function parseMultipart(raw: Buffer, type: string): Promise<{ body: Json; files: StoredFile[] }> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
  const entries = [...(form as unknown as { entries(): Iterable<[string, unknown]> }).entries()];
  const payload = entries.find(([name]) => name === 'payload_json')?.[1];
  const body: Json = typeof payload === 'string' ? JSON.parse(payload) : {};
  const files: StoredFile[] = [];
  for (const [field, value] of entries) {
    const index = /^files\[(\d+)\]$/.exec(field)?.[1];
    if (index === undefined || typeof value === 'string') continue;
    const file = value as File;
    const meta = (body.attachments as Json[] | undefined)?.find((a) => String(a.id) === index);
    files.push({
      field,
      filename: file.name,
      contentType: file.type,
      bytes: Buffer.from(await file.arrayBuffer()),
      ...(meta?.description ? { description: String(meta.description) } : {}),
    });
  }
  return { body, files };
}

/** A guild the fake gateway announces with GUILD_CREATE. */
export interface FakeGuild {
  id: string;
  name: string;
  channelIds: string[];
}

/** Options of the fake Discord. */
export interface FakeDiscordOptions {
  appId?: string;
  guilds?: FakeGuild[];
  /** What GET /gateway/bot recommends. */
  recommendedShards?: number;
  /**
   * How long enforce_nonce turns a repeat into the earlier message. Discord keeps nonces for a few minutes
   * only; the default (forever) suits tests about retries within one run.
   */
  nonceWindowMs?: number;
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/** The owner every fake guild reports (GET /guilds/{id} and GUILD_CREATE). */
export const GUILD_OWNER_ID = '200000000000000001';

/** The DM channel id the fake opens with a user: stable, so tests can look it up. */
export function dmChannelOf(userId: string): string {
  return `9${userId.slice(1)}`;
}
let increment = 0n;

/** A Discord-style snowflake id, increasing. */
export function snowflake(): string {
  increment += 1n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (increment & 0xfffn));
}

/** Discord REST (under /api/v10) and gateway (ws) on one 127.0.0.1 port, recording every request. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}) {
  const appId = options.appId ?? '100000000000000001';
  const botUserId = appId;
  const guilds = options.guilds ?? [];
  const requests: RecordedRequest[] = [];
  const identifies: { token: string; intents: number; shard: [number, number] }[] = [];
  const messages = new Map<string, StoredMessage[]>();
  /** DM channel id → the user it is with, as POST /users/@me/channels opened them. */
  const dmChannels = new Map<string, string>();
  const scripts: { method: string; path: RegExp; responses: ScriptedResponse[] }[] = [];
  const shards = new Map<number, { socket: WebSocket; count: number; seq: number }>();
  const waiters: {
    predicate: (request: RecordedRequest) => boolean;
    resolve: (r: RecordedRequest) => void;
  }[] = [];

  /** Settings a test may change while the fake runs. */
  const state = { acceptDelayMs: 0, answering: new Map<string, number>() };
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error), code: 0 }));
    });
  });
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const gatewayUrl = `ws://127.0.0.1:${port}`;

  const json = (
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    if (body === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const messageJson = (channelId: string, message: StoredMessage, flags = 0) => ({
    id: message.id,
    channel_id: channelId,
    type: 0,
    content: message.content ?? '',
    embeds: message.embeds,
    author: { id: botUserId, username: 'Policy Wire', discriminator: '0000', avatar: null, bot: true },
    timestamp: new Date(message.createdAt ?? Date.now()).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    flags,
    components: [],
    ...(message.nonce ? { nonce: message.nonce } : {}),
  });

  const createMessage = (channelId: string, body: Json): { message: StoredMessage; created: boolean } => {
    const list = messages.get(channelId) ?? [];
    messages.set(channelId, list);
    if (body?.enforce_nonce && body.nonce) {
      const window = options.nonceWindowMs ?? Number.POSITIVE_INFINITY;
      const earlier = list.find(
        (message) => message.nonce === body.nonce && Date.now() - (message.createdAt ?? 0) < window,
      );
      if (earlier) return { message: earlier, created: false };
    }
    const message: StoredMessage = {
      id: snowflake(),
      ...(body?.content === undefined ? {} : { content: body.content }),
      embeds: body?.embeds ?? [],
      ...(body?.nonce ? { nonce: String(body.nonce) } : {}),
      ...(body?.message_reference?.message_id ? { replyTo: String(body.message_reference.message_id) } : {}),
      createdAt: Date.now(),
    };
    list.push(message);
    return { message, created: true };
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    const type = req.headers['content-type'] ?? '';
    let body: Json;
    let files: StoredFile[] = [];
    if (type.includes('multipart/form-data')) ({ body, files } = await parseMultipart(bytes, type));
    else
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
    const request: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      at: Date.now(),
    };
    requests.push(request);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(request)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(request);
      }
    }

    const script = scripts.find((s) => s.method === method && s.path.test(path) && s.responses.length > 0);
    if (script) {
      const response = script.responses.shift()!;
      const channel = /^\/channels\/(\d+)\/messages$/.exec(path)?.[1];
      if (response.commit && channel) createMessage(channel, body);
      json(res, response.status, response.body, response.headers);
      return;
    }

    const route = (pattern: RegExp, wanted?: string) =>
      wanted === undefined || wanted === method ? pattern.exec(path) : null;
    const webhook = route(/^\/webhooks\/(\d+)\/([^/]+)$/, 'POST');
    const original = route(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/);
    const channel = route(/^\/channels\/(\d+)\/messages$/, 'POST');
    const history = route(/^\/channels\/(\d+)\/messages$/, 'GET');
    const commandsRoute = route(/^\/applications\/(\d+)(\/guilds\/\d+)?\/commands$/, 'PUT');
    if (method === 'GET' && path === '/gateway/bot') {
      json(res, 200, {
        url: gatewayUrl,
        shards: options.recommendedShards ?? 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
      });
    } else if (method === 'GET' && path === '/gateway') {
      json(res, 200, { url: gatewayUrl });
    } else if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      json(res, 204);
    } else if (webhook) {
      const { message } = createMessage(`webhook:${webhook[2]}`, body);
      json(res, 200, messageJson('0', message, body?.flags ?? 0));
    } else if (original) {
      if (method === 'DELETE') json(res, 204);
      else
        json(
          res,
          200,
          messageJson('0', { id: snowflake(), content: body?.content, embeds: body?.embeds ?? [] }),
        );
    } else if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String(body?.recipient_id ?? '');
      if (!/^\d{15,22}$/.test(recipient)) {
        json(res, 400, { message: 'Invalid Form Body', code: 50035 });
        return;
      }
      const id = dmChannelOf(recipient);
      dmChannels.set(id, recipient);
      json(res, 200, { id, type: 1, recipients: [{ id: recipient, username: 'member' }] });
    } else if (method === 'GET' && /^\/guilds\/\d+$/.test(path)) {
      const guild = guilds.find((g) => `/guilds/${g.id}` === path);
      if (guild) json(res, 200, { id: guild.id, name: guild.name, owner_id: GUILD_OWNER_ID });
      else json(res, 404, { message: 'Unknown Guild', code: 10004 });
    } else if (channel) {
      const channelId = channel[1]!;
      if (!dmChannels.has(channelId) && !guilds.some((guild) => guild.channelIds.includes(channelId))) {
        json(res, 404, { message: 'Unknown Channel', code: 10003 });
        return;
      }
      const { message, created } = createMessage(channelId, body);
      if (created && files.length > 0) message.files = files;
      // Stored already: a bot killed while waiting here had its message accepted without knowing it.
      if (state.acceptDelayMs > 0) {
        const caller = String(req.headers['x-pw-instance'] ?? '');
        state.answering.set(caller, (state.answering.get(caller) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, state.acceptDelayMs));
        state.answering.set(caller, (state.answering.get(caller) ?? 1) - 1);
      }
      json(res, 200, messageJson(channelId, message));
    } else if (history) {
      // Newest first, at most `limit` (1-100, default 50), as Discord lists them; a listed message has no nonce.
      const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50));
      const listed = [...(messages.get(history[1]!) ?? [])].reverse().slice(0, limit);
      json(
        res,
        200,
        listed.map(({ nonce: _nonce, ...message }) => messageJson(history[1]!, message)),
      );
    } else if (commandsRoute) {
      const saved = (body as Record<string, unknown>[]).map((command) => ({
        id: snowflake(),
        application_id: commandsRoute[1],
        version: '1',
        ...command,
      }));
      json(res, 200, saved);
    } else {
      json(res, 404, { message: '404: Not Found', code: 0 });
    }
  }

  const send = (socket: WebSocket, payload: unknown) => socket.send(JSON.stringify(payload));
  const dispatch = (shardId: number, t: string, d: unknown) => {
    const shard = shards.get(shardId);
    if (!shard) throw new Error(`shard ${shardId} is not connected`);
    shard.seq += 1;
    send(shard.socket, { op: 0, t, s: shard.seq, d });
  };
  const shardOf = (guildId: string, count: number) => Number((BigInt(guildId) >> 22n) % BigInt(count));

  wss.on('connection', (socket) => {
    send(socket, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    socket.on('message', (data) => {
      const packet = JSON.parse(String(data)) as { op: number; d: Json };
      if (packet.op === 1) send(socket, { op: 11, d: null, s: null, t: null });
      if (packet.op === 6) send(socket, { op: 9, d: false, s: null, t: null });
      if (packet.op !== 2) return;
      const shard = (packet.d.shard ?? [0, 1]) as [number, number];
      identifies.push({ token: packet.d.token, intents: packet.d.intents, shard });
      shards.set(shard[0], { socket, count: shard[1], seq: 0 });
      const own = guilds.filter((guild) => shardOf(guild.id, shard[1]) === shard[0]);
      dispatch(shard[0], 'READY', {
        v: 10,
        user: {
          id: botUserId,
          username: 'Policy Wire',
          discriminator: '0000',
          avatar: null,
          bot: true,
          flags: 0,
        },
        guilds: own.map((guild) => ({ id: guild.id, unavailable: true })),
        session_id: `session-${shard[0]}`,
        resume_gateway_url: gatewayUrl,
        shard,
        application: { id: appId, flags: 0 },
      });
      for (const guild of own) dispatch(shard[0], 'GUILD_CREATE', guildCreate(guild));
    });
  });

  const waitFor = (predicate: (request: RecordedRequest) => boolean, timeoutMs = 5000) => {
    const seen = requests.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise<RecordedRequest>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('fake Discord: expected request never came')),
        timeoutMs,
      );
      waiters.push({
        predicate,
        resolve: (request) => {
          clearTimeout(timer);
          resolve(request);
        },
      });
    });
  };

  return {
    appId,
    port,
    /** How long a channel post waits after storing its message before answering. */
    set acceptDelayMs(ms: number) {
      state.acceptDelayMs = ms;
    },
    /** Channel posts stored but not yet answered, by the caller's `x-pw-instance` header. */
    answering: state.answering,
    apiUrl: `http://127.0.0.1:${port}/api`,
    requests,
    identifies,
    /** Messages sent to a user's DMs with the bot. */
    directMessages: (userId: string) => messages.get(dmChannelOf(userId)) ?? [],
    /** Messages posted to a channel, or sent as follow-ups for an interaction token (`webhook:<token>`). */
    messages: (channelId: string) => messages.get(channelId) ?? [],
    /** Answers the next matching requests with these responses, in order, before normal handling. */
    script(method: string, path: RegExp, responses: ScriptedResponse[]) {
      scripts.push({ method, path, responses: [...responses] });
    },
    waitFor,
    /** Sends INTERACTION_CREATE on the shard that owns the interaction's guild; resolves with its callback. */
    async interact(interaction: { id: string; guild_id?: string }) {
      const count = shards.values().next().value?.count ?? 1;
      const shardId = interaction.guild_id ? shardOf(interaction.guild_id, count) : 0;
      const callback = waitFor(
        (r) => r.method === 'POST' && r.path.startsWith(`/interactions/${interaction.id}/`),
      );
      dispatch(shardId, 'INTERACTION_CREATE', interaction);
      return callback;
    },
    /** Sends a gateway dispatch (e.g. MESSAGE_REACTION_ADD) on the shard that owns the guild. */
    dispatchEvent(t: string, d: { guild_id?: string } & Record<string, unknown>) {
      const count = shards.values().next().value?.count ?? 1;
      dispatch(d.guild_id ? shardOf(d.guild_id, count) : 0, t, d);
    },
    /** Requests made with one interaction's token (callback, edits, follow-ups), in order. */
    interactionRequests(interaction: { id: string; token: string }) {
      return requests.filter(
        (r) =>
          r.path.startsWith(`/interactions/${interaction.id}/`) || r.path.includes(`/${interaction.token}`),
      );
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The fake's handle, as returned by startFakeDiscord. */
export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

function guildCreate(guild: FakeGuild) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: GUILD_OWNER_ID,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        permissions: '1024',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: new Date().toISOString(),
    channels: guild.channelIds.map((id, position) => ({
      id,
      type: 0,
      name: `channel-${position}`,
      position,
      permission_overwrites: [],
    })),
    members: [],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

/** Permission bits as Discord sends them: View Channel + Send Messages, and Manage Server for admins. */
export const PERMISSIONS = { member: String(1024 + 2048), admin: String(1024 + 2048 + 32) } as const;

/** An INTERACTION_CREATE payload for a slash command; omit guildId for a DM. */
export function chatInputInteraction(input: {
  name: string;
  options?: { name: string; type: number; value: string | number | boolean; focused?: boolean }[];
  guildId?: string;
  channelId: string;
  userId?: string;
  permissions?: string;
  autocomplete?: boolean;
}) {
  const user = {
    id: input.userId ?? '300000000000000001',
    username: 'policy-lead',
    discriminator: '0',
    global_name: 'Policy Lead',
    avatar: null,
  };
  return {
    id: snowflake(),
    application_id: '100000000000000001',
    type: input.autocomplete ? 4 : 2,
    token: `token-${snowflake()}`,
    version: 1,
    locale: 'en-US',
    entitlements: [],
    channel_id: input.channelId,
    channel: {
      id: input.channelId,
      type: input.guildId ? 0 : 1,
      ...(input.guildId ? { guild_id: input.guildId } : {}),
    },
    app_permissions: PERMISSIONS.admin,
    ...(input.guildId
      ? {
          guild_id: input.guildId,
          guild_locale: 'en-US',
          context: 0,
          authorizing_integration_owners: { '0': input.guildId },
          member: {
            user,
            roles: [],
            permissions: input.permissions ?? PERMISSIONS.member,
            joined_at: new Date().toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
          },
        }
      : { user, context: 1, authorizing_integration_owners: { '1': user.id } }),
    data: { id: snowflake(), name: input.name, type: 1, options: input.options ?? [] },
  };
}
