import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractHtml, htmlToText } from '../src/ingest/extract-html.ts';
import { corpus } from './lib/corpora.ts';
import { textTokens, tokenF1 } from './lib/token-f1.ts';

/** Mean token F1 of extracted text against Readability's expected.html, and the share of exact titles. */
export async function run(): Promise<void> {
  const root = corpus('readability/test-pages');
  if (!root) return;
  const cases = readdirSync(root).sort();
  let f1Sum = 0;
  let titles = 0;
  let noArticle = 0;
  const worst: { name: string; f1: number }[] = [];
  for (const name of cases) {
    const source = readFileSync(join(root, name, 'source.html'), 'utf8');
    const expectedText = htmlToText(readFileSync(join(root, name, 'expected.html'), 'utf8'));
    const metadata = JSON.parse(readFileSync(join(root, name, 'expected-metadata.json'), 'utf8')) as {
      title?: string;
    };
    const result = extractHtml(source, 'http://fakehost/test/page.html');
    const text = result.ok ? result.page.text : '';
    if (!result.ok) noArticle++;
    const { f1 } = tokenF1(textTokens(text), textTokens(expectedText));
    f1Sum += f1;
    worst.push({ name, f1 });
    if (result.ok && (result.page.title ?? '') === (metadata.title ?? '')) titles++;
  }
  worst.sort((a, b) => a.f1 - b.f1);
  console.log(`readability test pages: ${cases.length}`);
  console.log(`mean token F1 of extracted text vs expected.html: ${(f1Sum / cases.length).toFixed(4)}`);
  console.log(
    `titles equal to expected-metadata.json: ${titles}/${cases.length} (${((100 * titles) / cases.length).toFixed(1)}%)`,
  );
  console.log(`pages where no article was found: ${noArticle}`);
  console.log(
    `lowest F1: ${worst
      .slice(0, 8)
      .map((w) => `${w.name} ${w.f1.toFixed(2)}`)
      .join(', ')}`,
  );
}
