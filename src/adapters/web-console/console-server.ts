import { hkdfSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import csrfProtection from '@fastify/csrf-protection';
import formBody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import secureSession from '@fastify/secure-session';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { errorReference } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { AdminConsoleDeps } from './console-deps.ts';
import type { ConsoleSettings } from './console-settings.ts';
import { html } from './html.ts';
import { CONSOLE_CSS, page } from './layout.ts';
import { forbiddenPage, sendPage } from './responses.ts';
import { CSP_DIRECTIVES, sessionCookieOptions } from './security.ts';
import { installSignIn } from './sign-in-routes.ts';
import { installTenantPages } from './tenant-pages.ts';

/** The console as a request listener to mount under /admin on an existing HTTP server. */
export interface AdminConsole {
  listener(req: IncomingMessage, res: ServerResponse): void;
  close(): Promise<void>;
}

/**
 * Builds the console on Fastify with its official plugins: @fastify/secure-session (an encrypted,
 * expiring cookie), @fastify/csrf-protection (a token on every form), @fastify/helmet (the CSP and the
 * other security headers) and @fastify/formbody. It never listens itself: the serverFactory hands its
 * request handler to whichever server mounts it (Slack's receiver or the health server).
 */
export async function createAdminConsole(deps: AdminConsoleDeps): Promise<AdminConsole> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    // `/admin/` is the console as much as `/admin` is.
    routerOptions: { ignoreTrailingSlash: true },
    serverFactory: (fastifyHandler) => {
      handler = fastifyHandler;
      return createServer();
    },
  });
  await registerPlugins(app, deps.settings);
  app.get('/admin/assets/console.css', (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=300').send(CONSOLE_CSS),
  );
  installErrorPages(app, deps.logger);
  installSignIn(app, deps);
  installTenantPages(app, deps);
  await app.ready();
  const listener = handler;
  if (!listener) throw new Error('Fastify did not hand over its request handler');
  deps.logger.info({ url: deps.settings.publicUrl.href }, 'admin console mounted');
  return { listener, close: () => app.close() };
}

async function registerPlugins(app: FastifyInstance, settings: ConsoleSettings): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES } },
    // HSTS only means something over https; on plain http (a test, a laptop) it is left out.
    strictTransportSecurity: settings.secure,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(formBody);
  // A key derived from the secret, so that any string of 32+ characters is a valid key of the right size.
  const key = Buffer.from(
    hkdfSync('sha256', settings.sessionSecret, 'policywire-admin-console', 'session', 32),
  );
  await app.register(secureSession, {
    key,
    cookieName: 'pw_admin',
    expiry: settings.sessionMinutes * 60,
    cookie: sessionCookieOptions(settings),
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' });
  // Every POST carries the form's token (checked after the body is read); GETs change nothing.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'POST') return done();
    app.csrfProtection(request, reply, done);
  });
}

function installErrorPages(app: FastifyInstance, logger: Logger): void {
  app.setNotFoundHandler((_request, reply) =>
    sendPage(
      reply,
      404,
      page({
        title: 'Not found',
        body: html`<p>There is no such page. <a href="/admin">Back to the console</a></p>`,
      }),
    ),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_CSRF_MISSING_SECRET' || error.code === 'FST_CSRF_INVALID_TOKEN')
      return forbiddenPage(
        reply,
        'This form was refused: its security token is missing or wrong.',
        'The form may be from before you signed in again, or from another site. Reload the page and try again.',
      );
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return sendPage(
        reply,
        status,
        page({
          title: 'Bad request',
          body: html`<div class="notice error"><p>That request could not be read (${error.message}).</p></div>`,
        }),
      );
    const ref = errorReference();
    logger.error({ err: error, ref, path: request.url.split('?')[0] }, 'admin console request failed');
    return sendPage(
      reply,
      500,
      page({
        title: 'Something went wrong',
        body: html`<div class="notice error"><p>Sorry, something went wrong on our side (ref ${ref}).</p><p class="hint">Please try again in a minute.</p></div>`,
      }),
    );
  });
}
