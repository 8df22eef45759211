import { describe, expect, it } from 'vitest';
import { parseScrapedText } from '../../src/ingest/clean-text.ts';
import { extractHtml } from '../../src/ingest/extract-html.ts';
import { isFurnitureText } from '../../src/ingest/furniture-rules.ts';
import { furniturePages } from '../fixtures/furniture/pages.ts';

const PROSE =
  'The regulator said on Tuesday that the new rules would apply to every large platform operating in the bloc. ';

describe('inline furniture is taken out by general rules', () => {
  it.each(furniturePages().filter((page) => page.half === 'check'))(
    'leaves no furniture in the held-back page $id and keeps all four paragraphs',
    (page) => {
      const text =
        page.kind === 'text'
          ? parseScrapedText(page.input).text
          : (() => {
              const result = extractHtml(page.input, 'https://outlet.example/story');
              return result.ok ? result.page.text : '';
            })();
      for (const line of page.furniture) expect(text).not.toContain(line);
      for (const paragraph of page.expected.split('\n\n')) expect(text).toContain(paragraph);
    },
  );

  it.each([
    'Advertisement',
    'Story continues below advertisement',
    'Sign up for the Morning Memo newsletter',
    'Download our app for breaking news',
    'Listen to this article · 7 min',
    'Officials at the summit. (Photo by Kim Lee/AFP)',
    'Image credit: Staff',
    'Quotes delayed at least 20 minutes.',
    'You have read 4 of 10 free articles this month',
    'Jump to recipe',
  ])('calls %j furniture', (line) => {
    expect(isFurnitureText(line)).toBe(true);
  });

  it.each([
    'The company said it would appeal.',
    'Subscribers to the service will be refunded, the regulator said.',
    'Read the full ruling, the judge told the court, before you decide.',
    'Listening to critics, the ministry said it would delay the vote by a month.',
    PROSE.trim(),
  ])('keeps the story sentence %j', (line) => {
    expect(isFurnitureText(line)).toBe(false);
  });

  it('keeps a story block whose class merely negates a hint ("no_caption"), and drops a hinted box', () => {
    const html = `<html><body><article><h1>Rules</h1><div class="item no_caption"><p>${PROSE.repeat(3)}</p></div>
      <div class="newsletter-box"><p>Policy Daily, every weekday.</p></div><p>${PROSE.repeat(3)}</p></article></body></html>`;
    const result = extractHtml(html);
    expect(result.ok && result.page.text.split(PROSE.trim()).length - 1).toBe(6);
    expect(result.ok && result.page.text).not.toContain('Policy Daily');
  });
});
