import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readiness } from '../../core/readiness.ts';
import type { Logger } from '../../logger.ts';

/** A route handler as Bolt's customRoutes and node:http both call it. */
export type HealthHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** GET /healthz (the process answers) and GET /readyz (store reachable, index caught up, lag in JSON). */
export function healthRoutes(readiness: () => Promise<Readiness>): {
  healthz: HealthHandler;
  readyz: HealthHandler;
} {
  return {
    healthz: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    },
    readyz: (_req, res) => {
      readiness().then(
        (report) =>
          res
            .writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' })
            .end(JSON.stringify(report)),
        () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"ready":false}'),
      );
    },
  };
}

/** The health routes on a small HTTP server of their own, for instances without the Slack HTTP server. */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  readiness: () => Promise<Readiness>;
  logger: Logger;
  /** Pages under a path prefix on the same server (the admin console when Slack's HTTP server is absent). */
  web?: { prefix: string; listener: HealthHandler };
}): Promise<{ address(): AddressInfo; stop(): Promise<void> }> {
  const routes = healthRoutes(options.readiness);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const web = options.web;
    if (web && (path === web.prefix || path.startsWith(`${web.prefix}/`))) web.listener(req, res);
    else if (req.method !== 'GET' && req.method !== 'HEAD') res.writeHead(405).end();
    else if (path === '/healthz') routes.healthz(req, res);
    else if (path === '/readyz') routes.readyz(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  options.logger.info({ port: (server.address() as AddressInfo).port }, 'health server listening');
  return {
    address: () => server.address() as AddressInfo,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
