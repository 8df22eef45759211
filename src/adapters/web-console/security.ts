import { type Tenant, tenantSchema } from '../../core/tenant.ts';
import { CONSOLE_PREFIX, type ConsoleSettings } from './console-settings.ts';

/** Who is signed in, for which one tenant, since when: what the encrypted session cookie holds. */
export interface AdminSession {
  tenant: Tenant;
  userId: string;
  name: string;
  /** Epoch milliseconds of the sign-in. */
  signedInAt: number;
}

/** A sign-in under way: the provider, its state (and OIDC nonce) and when it started. */
export interface PendingFlow {
  provider: 'slack' | 'discord';
  state: string;
  nonce?: string;
  startedAt: number;
}

/** How long a person has to finish signing in at Slack or Discord before the state is refused. */
export const SIGN_IN_WINDOW_MS = 10 * 60_000;

/**
 * The session cookie's attributes: HttpOnly always; Secure whenever the console is served over https;
 * SameSite=Lax, because the OAuth callback is a top-level navigation back from Slack or Discord and a
 * Strict cookie would not come with it (forms are protected by their CSRF token instead).
 */
export function sessionCookieOptions(settings: Pick<ConsoleSettings, 'secure' | 'sessionMinutes'>) {
  return {
    path: CONSOLE_PREFIX,
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'lax' as const,
    maxAge: settings.sessionMinutes * 60,
  };
}

/** The Content-Security-Policy directives: own resources only, no script at all, no framing. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
} as const;

/** Whether a session still counts: present, well-formed and younger than the configured lifetime. */
export function liveSession(session: unknown, now: number, sessionMinutes: number): AdminSession | undefined {
  if (!session || typeof session !== 'object') return undefined;
  const candidate = session as Partial<AdminSession>;
  const tenant = tenantSchema.safeParse(candidate.tenant);
  if (!tenant.success || typeof candidate.userId !== 'string' || typeof candidate.signedInAt !== 'number')
    return undefined;
  const age = now - candidate.signedInAt;
  if (age < 0 || age > sessionMinutes * 60_000) return undefined;
  return {
    tenant: tenant.data,
    userId: candidate.userId,
    name: String(candidate.name ?? ''),
    signedInAt: candidate.signedInAt,
  };
}

/**
 * The tenant a URL names may only be the session's own: anything else (another workspace, a malformed
 * id, another platform) is refused, never looked up.
 */
export function tenantAccess(session: AdminSession, platform: string, id: string): 'allowed' | 'forbidden' {
  return session.tenant.platform === platform && session.tenant.id === id ? 'allowed' : 'forbidden';
}

/**
 * Whether a callback may complete the sign-in it claims to continue: one was started, for this provider,
 * recently, and the state Slack or Discord sent back is the one we made.
 */
export function callbackMatches(
  pending: PendingFlow | undefined,
  provider: PendingFlow['provider'],
  state: string | undefined,
  now: number,
): pending is PendingFlow {
  if (!pending || pending.provider !== provider || typeof state !== 'string') return false;
  if (now - pending.startedAt > SIGN_IN_WINDOW_MS || now < pending.startedAt) return false;
  return state.length === pending.state.length && state === pending.state;
}

/** The path of a tenant's page, e.g. /admin/slack/T0ALPHA/sources. */
export function tenantPath(tenant: Tenant, page: string): string {
  return `${CONSOLE_PREFIX}/${tenant.platform}/${encodeURIComponent(tenant.id)}/${page}`;
}
