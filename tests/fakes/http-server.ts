import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A route handler of the fake web server. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** A real HTTP server on 127.0.0.1 (and ::1 on the same port when the machine has IPv6) with swappable routes. */
export interface FakeWeb {
  port: number;
  url(path: string): string;
  route(path: string, handler: Handler): void;
  /** Every request seen, in order: method, path and headers. */
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  hasIPv6: boolean;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, host, () => resolve(true));
  });
}

/** Starts the fake web server; unknown paths answer 404. */
export async function startFakeWeb(): Promise<FakeWeb> {
  const routes = new Map<string, Handler>();
  const requests: FakeWeb['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ path: req.url ?? '/', headers: req.headers });
    const handler = routes.get((req.url ?? '/').split('?')[0] ?? '/');
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      await handler(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  };
  const v4 = createServer(handle);
  const v6 = createServer(handle);
  for (const server of [v4, v6]) server.on('connection', (socket) => sockets.add(socket));
  await listen(v4, 0, '127.0.0.1');
  const port = (v4.address() as AddressInfo).port;
  const hasIPv6 = await listen(v6, port, '::1');
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => routes.set(path, handler),
    requests,
    hasIPv6,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => v4.close(() => resolve()));
      if (hasIPv6) await new Promise<void>((resolve) => v6.close(() => resolve()));
    },
  };
}
