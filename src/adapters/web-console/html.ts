import type { Reply } from '../../core/reply.ts';

/** HTML that is already escaped; the only kind a page may contain unescaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function part(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(part).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** A template whose every interpolated value is escaped, unless it is SafeHtml (or a list of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) out += part(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** A command's reply as the chat would show it, in HTML: a notice, a list, stories or a digest. */
export function replyHtml(reply: Reply): SafeHtml {
  switch (reply.kind) {
    case 'notice':
      return html`<div class="notice ${reply.level}" role="status"><p>${reply.text}</p>${
        reply.hint ? html`<p class="hint">${reply.hint}</p>` : ''
      }</div>`;
    case 'list':
      return html`<section class="reply"><h3>${reply.title}</h3><ul>${reply.items.map(
        (item) =>
          html`<li><strong>${item.label}</strong>${item.detail ? html`<br><span>${item.detail}</span>` : ''}</li>`,
      )}</ul>${reply.footer ? html`<p class="hint">${reply.footer}</p>` : ''}</section>`;
    case 'stories':
      return html`<section class="reply"><h3>${reply.title}</h3>${reply.stories.map(storyHtml)}${
        reply.footer ? html`<p class="hint">${reply.footer}</p>` : ''
      }</section>`;
    case 'digest':
      return html`<section class="reply"><h3>${reply.title}</h3>${reply.subtitle ? html`<p>${reply.subtitle}</p>` : ''}${reply.sections.map(
        (section) => html`<h4>${section.topic}</h4>${section.stories.map(storyHtml)}`,
      )}${reply.footer ? html`<p class="hint">${reply.footer}</p>` : ''}</section>`;
  }
}

function storyHtml(story: { title: string; url: string; source: string; summary: string }): SafeHtml {
  // Only http(s) links are made clickable: a stored URL must never become a javascript: link.
  const link = /^https?:\/\//i.test(story.url) ? story.url : undefined;
  return html`<article class="story"><h5>${link ? html`<a href="${link}" rel="noopener noreferrer">${story.title}</a>` : story.title}</h5><p class="source">${story.source}</p><p>${story.summary}</p></article>`;
}
