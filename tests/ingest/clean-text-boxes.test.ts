import { describe, expect, it } from 'vitest';
import { cleanArticleText } from '../../src/ingest/clean-text.ts';

const para = (n: number) =>
  `Paragraph ${n} of the story says something long enough to count as real prose here.`;

describe('cleanArticleText', () => {
  it('skips a "Read more" box inside the story and keeps the paragraphs after it', () => {
    const text = [
      para(1),
      para(2),
      'Read More',
      'Some other headline',
      'Another headline',
      para(3),
      para(4),
    ].join('\n');
    const cleaned = cleanArticleText(text);
    expect(cleaned).toContain(para(4));
    expect(cleaned).not.toContain('Some other headline');
  });

  it('still ends the story at a related box followed only by headlines', () => {
    const text = [para(1), para(2), 'Related stories', 'Headline one', 'Headline two'].join('\n');
    expect(cleanArticleText(text)).toBe([para(1), para(2)].join('\n'));
  });

  it('ends the story at comments even when comments are prose', () => {
    const text = [para(1), 'Comments', para(8), para(9)].join('\n');
    expect(cleanArticleText(text)).toBe(para(1));
  });
});
