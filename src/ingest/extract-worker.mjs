// Worker-thread entry for tinypool: plain JS, because a worker does not inherit the parent's tsx hooks.
import { register } from 'tsx/esm/api';

register();
const { extractHtml } = await import('./extract-html.ts');

/** One extraction task: `{ html, url }` in, the ExtractResult out. */
export default function extract({ html, url }) {
  return extractHtml(html, url);
}
