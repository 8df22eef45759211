import type { Reply } from '../../core/reply.ts';
import { CONSOLE_PREFIX } from './console-settings.ts';
import { html, replyHtml, type SafeHtml } from './html.ts';
import { type AdminSession, tenantPath } from './security.ts';

/** The console's pages, in the order the navigation lists them. */
export const PAGES = [
  { page: 'sources', title: 'Sources' },
  { page: 'topics', title: 'Topics' },
  { page: 'subscriptions', title: 'Subscriptions' },
  { page: 'digest', title: 'Digest preview' },
  { page: 'follows', title: 'Dockets & deadlines' },
  { page: 'deliveries', title: 'Delivery log' },
  { page: 'chart', title: 'Topic volume' },
] as const;

/** What every page is drawn with: its title and body, who is signed in, and a reply to show on top. */
export interface PageParts {
  title: string;
  body: SafeHtml;
  session?: AdminSession;
  csrf?: string;
  flash?: Reply;
}

/** A whole HTML document: the stylesheet is a file of ours (the CSP allows no inline style or script). */
export function page(parts: PageParts): string {
  const { session } = parts;
  const nav = session
    ? html`<nav><span class="who">${session.name} · ${session.tenant.platform} ${session.tenant.id}</span>${PAGES.map(
        (p) => html`<a href="${tenantPath(session.tenant, p.page)}">${p.title}</a>`,
      )}<form method="post" action="${CONSOLE_PREFIX}/logout"><input type="hidden" name="_csrf" value="${parts.csrf ?? ''}"><button type="submit">Sign out</button></form></nav>`
    : '';
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${parts.title} · Policy Wire admin</title><link rel="stylesheet" href="${CONSOLE_PREFIX}/assets/console.css"></head>
<body><header><h1>Policy Wire admin</h1>${nav}</header><main><h2>${parts.title}</h2>${parts.flash ? replyHtml(parts.flash) : ''}${parts.body}</main></body></html>`
    .value;
}

/** A hidden CSRF field for a form. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** The console's stylesheet, served from /admin/assets/console.css. */
export const CONSOLE_CSS = `
body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d1f23}
header{background:#1f3a5f;color:#fff;padding:12px 24px}
header h1{margin:0 0 8px;font-size:20px}
nav{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
nav a{color:#dfe9f7}
nav .who{font-weight:600;margin-right:12px}
nav form{margin-left:auto}
main{padding:16px 24px;max-width:1100px}
section.reply,form.box,table{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:12px 16px;margin:12px 0}
table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e5e8ec;padding:6px 8px;text-align:left;vertical-align:top}
.notice{border-left:6px solid #2f6fba;background:#fff;padding:8px 12px;margin:12px 0}
.notice.success{border-color:#2e8b57}.notice.error{border-color:#c0392b}.notice.warning{border-color:#d68910}
.hint{color:#5a6270}
label{display:inline-block;margin:4px 12px 4px 0}
input[type=text]{padding:4px 6px;min-width:220px}
button{padding:4px 12px;cursor:pointer}
.signin a{display:inline-block;margin:8px 12px 8px 0;padding:10px 18px;background:#1f3a5f;color:#fff;border-radius:6px;text-decoration:none}
img.chart{max-width:100%;background:#fff;border:1px solid #d5d9e0}
`;
