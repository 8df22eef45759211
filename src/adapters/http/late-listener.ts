import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request listener for a server's routes that is mounted before the part serving them is built. */
export interface LateListener {
  listener(req: IncomingMessage, res: ServerResponse): void;
  /** Hands the requests to the part once it is ready. */
  set(target: (req: IncomingMessage, res: ServerResponse) => void): void;
}

/**
 * Bolt fixes its routes when the Slack app is built, but the admin console needs the Slack adapter's
 * rights check to exist first: the route is mounted at once and answers 503 until the console is set.
 */
export function createLateListener(): LateListener {
  let target: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  return {
    listener(req, res) {
      if (target) return target(req, res);
      req.resume();
      res
        .writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' })
        .end('starting, try again shortly');
    },
    set(next) {
      target = next;
    },
  };
}
