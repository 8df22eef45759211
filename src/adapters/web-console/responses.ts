import type { FastifyReply } from 'fastify';
import { html } from './html.ts';
import { page } from './layout.ts';

/** Sends a whole page with a status. */
export function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/** The 403 page for a refused request, saying why and what to do. */
export function forbiddenPage(reply: FastifyReply, text: string, hint: string): FastifyReply {
  return sendPage(
    reply,
    403,
    page({
      title: 'Not allowed',
      body: html`<div class="notice error"><p>${text}</p><p class="hint">${hint}</p></div><p><a href="/admin">Back to the console</a></p>`,
    }),
  );
}
