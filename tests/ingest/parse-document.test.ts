import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/parse-document.ts';

describe('parseDocument', () => {
  it('reads the page body when PHP warnings are printed ahead of the <html> tag', () => {
    const html =
      '<br />\n<b>Warning</b>: Use of undefined constant in <b>/htdocs/wp.php</b> on line <b>9</b><br />\n' +
      '<!DOCTYPE html><html lang="de"><head><title>T</title></head><body><p class="date">3. Dezember 2011</p></body></html>';
    const document = parseDocument(html);
    expect(document.documentElement.tagName).toBe('HTML');
    expect(document.body.textContent).toContain('3. Dezember 2011');
  });

  it('keeps a page without an <html> tag whole when a script later writes "<html"', () => {
    const html =
      '<!DOCTYPE html><head><title>T</title></head><body><p>Article text</p>' +
      '<script>var s = "<html><body></body></html>";</script></body>';
    expect(parseDocument(html).querySelector('p')?.textContent).toBe('Article text');
  });

  it('wraps plain text in a document of its own', () => {
    expect(parseDocument('just words').body.textContent).toContain('just words');
  });
});
