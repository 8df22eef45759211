import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequestBody } from '../helpers/http.ts';

/** Who the fake Slack signs in next: a member of a workspace. */
export interface FakeSlackPerson {
  teamId: string;
  userId: string;
  name: string;
}

/** Who the fake Discord signs in next, and their guilds with their permissions there. */
export interface FakeDiscordPerson {
  userId: string;
  name: string;
  guilds: { id: string; name: string; permissions: string }[];
}

interface IssuedCode {
  provider: 'slack' | 'discord';
  clientId: string;
  redirectUri: string;
  nonce?: string;
  person: FakeSlackPerson | FakeDiscordPerson;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * Fake Slack OpenID Connect and Discord OAuth2 servers on one 127.0.0.1 port: the authorize pages
 * (which sign in the person set beforehand at once and redirect back with a code and the state),
 * the token endpoints (checking client id, secret and redirect URI; Slack's returns an RS256 ID token
 * with the nonce), Slack's userInfo and JWKS, and Discord's users/@me and users/@me/guilds (for the
 * user's token, and for the bot's token the guilds the bot is in).
 */
export class FakeOAuth {
  slackPerson: FakeSlackPerson | undefined;
  discordPerson: FakeDiscordPerson | undefined;
  /** A nonce to put in the next ID tokens instead of the one asked for (a replayed or forged token). */
  nonceOverride: string | undefined;
  /** Guild ids the bot is in, answered to `Bot <token>`. */
  botGuilds: string[] = [];
  /** Token endpoint calls, for tests that check what was exchanged. */
  readonly tokenCalls: Record<string, string>[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens = new Map<string, FakeSlackPerson | FakeDiscordPerson>();
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server: Server | undefined;
  url = '';

  constructor(
    private readonly clients: {
      slack: { id: string; secret: string };
      discord: { id: string; secret: string };
      botToken: string;
    },
  ) {}

  /** Starts listening on an ephemeral loopback port. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Stops the server. */
  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const path = url.pathname;
    if (path === '/openid/connect/authorize') return this.authorize('slack', url, res);
    if (path === '/oauth2/authorize') return this.authorize('discord', url, res);
    if (path === '/openid/connect/keys') {
      const jwk = {
        ...this.keys.publicKey.export({ format: 'jwk' }),
        kid: 'fake-1',
        alg: 'RS256',
        use: 'sig',
      };
      return this.json(res, 200, { keys: [jwk] });
    }
    if (req.method === 'POST' && (path === '/api/openid.connect.token' || path === '/api/v10/oauth2/token'))
      return this.token(
        path.startsWith('/api/v10') ? 'discord' : 'slack',
        Object.fromEntries(new URLSearchParams(await readRequestBody(req))),
        res,
      );
    const auth = req.headers.authorization ?? '';
    if (path === '/api/v10/users/@me/guilds' && auth === `Bot ${this.clients.botToken}`)
      return this.json(
        res,
        200,
        this.botGuilds.map((id) => ({ id, name: `Guild ${id}` })),
      );
    const person = this.tokens.get(auth.replace(/^Bearer /, ''));
    if (!person) return this.json(res, 401, { ok: false, error: 'invalid_auth' });
    if (path === '/api/openid.connect.userInfo' && 'teamId' in person)
      return this.json(res, 200, { ok: true, ...this.slackClaims(person) });
    if (path === '/api/v10/users/@me' && 'guilds' in person)
      return this.json(res, 200, { id: person.userId, username: person.name, global_name: person.name });
    if (path === '/api/v10/users/@me/guilds' && 'guilds' in person) return this.json(res, 200, person.guilds);
    return this.json(res, 404, { error: 'not found' });
  }

  private authorize(provider: 'slack' | 'discord', url: URL, res: ServerResponse) {
    const person = provider === 'slack' ? this.slackPerson : this.discordPerson;
    const client = this.clients[provider];
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    if (!person || url.searchParams.get('client_id') !== client.id || !redirectUri) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad authorize request');
      return;
    }
    const code = base64url(randomBytes(12));
    const nonce = url.searchParams.get('nonce') ?? undefined;
    this.codes.set(code, { provider, clientId: client.id, redirectUri, person, ...(nonce ? { nonce } : {}) });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    res.writeHead(302, { location: back.href }).end();
  }

  private token(provider: 'slack' | 'discord', form: Record<string, string>, res: ServerResponse) {
    this.tokenCalls.push(form);
    const issued = form.code ? this.codes.get(form.code) : undefined;
    const client = this.clients[provider];
    if (
      !issued ||
      issued.provider !== provider ||
      form.client_id !== client.id ||
      form.client_secret !== client.secret ||
      form.redirect_uri !== issued.redirectUri
    )
      return this.json(res, 400, { ok: false, error: 'invalid_grant' });
    this.codes.delete(form.code!);
    const accessToken = base64url(randomBytes(16));
    this.tokens.set(accessToken, issued.person);
    if (provider === 'discord')
      return this.json(res, 200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 604800,
        scope: 'identify guilds',
      });
    const person = issued.person as FakeSlackPerson;
    const now = Math.floor(Date.now() / 1000);
    const idToken = this.jwt({
      iss: this.url,
      aud: client.id,
      iat: now,
      exp: now + 300,
      ...(issued.nonce ? { nonce: this.nonceOverride ?? issued.nonce } : {}),
      ...this.slackClaims(person),
    });
    return this.json(res, 200, {
      ok: true,
      access_token: accessToken,
      token_type: 'Bearer',
      id_token: idToken,
    });
  }

  private slackClaims(person: FakeSlackPerson) {
    return {
      sub: person.userId,
      'https://slack.com/user_id': person.userId,
      'https://slack.com/team_id': person.teamId,
      name: person.name,
    };
  }

  private jwt(payload: Record<string, unknown>): string {
    const head = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'fake-1' }));
    const body = base64url(JSON.stringify(payload));
    const signature = sign('sha256', Buffer.from(`${head}.${body}`), this.keys.privateKey);
    return `${head}.${body}.${base64url(signature)}`;
  }
}
