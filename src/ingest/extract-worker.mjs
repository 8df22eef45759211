// Worker-thread entry for tinypool: plain JS, because a worker does not inherit the parent's tsx hooks.
import { register } from 'tsx/esm/api';

register();
const { extractHtml } = await import('./extract-html.ts');

/** One extraction task: `{ html, url }` in, the ExtractResult out; `{ warm: true }` only proves the worker is up. */
export default function extract({ html, url, warm }) {
  if (warm) return null;
  return extractHtml(html, url);
}
