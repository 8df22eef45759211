import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Slack's own tolerance for a request timestamp; Bolt refuses older ones, this refuses newer ones too. */
const WINDOW_MS = 5 * 60_000;
/** Signatures remembered at most, so a flood of bogus requests cannot grow memory without bound. */
const MAX_REMEMBERED = 50_000;

/** What the guard decided about one request. */
export type ReplayVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Remembers the signatures of recent signed requests and refuses a repeat within the window, and refuses
 * a timestamp further in the future than the window (Bolt checks only the past). A signature is an HMAC
 * over the timestamp and body, so only the request's sender or a replayer can present it again.
 */
export function createReplayGuard(options: { now?: () => number; windowMs?: number } = {}) {
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? WINDOW_MS;
  const seen = new Map<string, number>();
  const forget = (at: number) => {
    // Insertion order is arrival order, so expired entries are at the front.
    for (const [signature, until] of seen) {
      if (until > at && seen.size < MAX_REMEMBERED) break;
      seen.delete(signature);
    }
  };
  return {
    /** Checks one request's signature headers; a request without them is left to Bolt, which refuses it. */
    check(headers: IncomingMessage['headers']): ReplayVerdict {
      const signature = headers['x-slack-signature'];
      const timestamp = Number(headers['x-slack-request-timestamp']);
      if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return { ok: true };
      const at = now();
      if (timestamp * 1000 > at + windowMs)
        return { ok: false, reason: 'request timestamp is in the future' };
      forget(at);
      if (seen.has(signature)) return { ok: false, reason: 'request was already received (a replay)' };
      seen.set(signature, at + windowMs);
      return { ok: true };
    },
  };
}

/** Puts the replay guard in front of every request listener Bolt registered on its HTTP server. */
export function guardAgainstReplays(server: Server, guard: ReturnType<typeof createReplayGuard>): void {
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const verdict = req.method === 'POST' ? guard.check(req.headers) : ({ ok: true } as const);
    if (!verdict.ok) {
      req.resume();
      res.writeHead(401, { 'content-type': 'text/plain' }).end(`refused: ${verdict.reason}`);
      return;
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
}
