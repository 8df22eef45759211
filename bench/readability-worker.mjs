// Worker-thread entry for the extract bench's pool rows: plain Readability on linkedom, the peer side.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** One page in, Readability's text length out (the bench counts pages; the text stays in the worker). */
export default function extract({ html, warm }) {
  if (warm) return 0;
  const { document } = parseHTML(html);
  return new Readability(document).parse()?.textContent?.length ?? 0;
}
