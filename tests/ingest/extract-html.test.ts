import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractHtml, hasArticleText } from '../../src/ingest/extract-html.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/html/${name}`, import.meta.url), 'utf8');

describe('extractHtml', () => {
  it('reads the body, title, outlet, author, date and canonical URL of a news page', () => {
    const result = extractHtml(fixture('ftc-article.html'), 'https://gazette.example/news/123');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { page } = result;
    expect(page.title).toBe('Regulator opens inquiry into chip export licences');
    expect(page.siteName).toBe('Policy Gazette');
    expect(page.author).toBe('Dana Whitfield');
    expect(page.publishedAt).toBe('2026-11-28T09:30:00.000Z');
    expect(page.canonicalUrl).toBe('https://gazette.example/news/chip-export-inquiry?utm_source=rss');
    expect(page.text).toContain('formal inquiry into how export licences');
    expect(page.text).toContain('invited companies to submit evidence');
  });

  it('leaves navigation, related headlines and the footer out of the text', () => {
    const result = extractHtml(fixture('ftc-article.html'));
    if (!result.ok) throw new Error(result.reason);
    expect(result.page.text).not.toMatch(/Recent Stories|Other headline|newsletter|cookies|Home/);
  });

  it('given a page with no article, says so instead of storing chrome', () => {
    const result = extractHtml(fixture('no-article.html'));
    expect(result).toEqual({ ok: false, reason: 'no article found on the page (too little readable text)' });
  });

  it('keeps a formula whose renderer wraps it in a class Readability reads as a menu', () => {
    const prose =
      'The quadratic formula gives both roots of any second-degree polynomial equation in one line. '.repeat(
        4,
      );
    const formula = (n: number) =>
      `<mjx-container class="MathJax CtxtMenu_Attached_0"><mjx-assistive-mml><math><mi>x</mi><mo>=</mo><mi>root${n}</mi></math></mjx-assistive-mml></mjx-container>`;
    const html = `<html><body><article><h1>Roots</h1><p>${prose}</p><p>Written out: ${formula(1)}</p>${formula(2)}<p>${prose}</p></article></body></html>`;
    const result = extractHtml(html);
    if (!result.ok) throw new Error(result.reason);
    expect(result.page.text).toContain('root1');
    expect(result.page.text).toContain('root2');
  });

  it('reads a table header cell saying "Comment" as part of the table, not as the end of the story', () => {
    const prose =
      'The scheduler keeps every queued task in one table and retries it when a worker fails. '.repeat(4);
    const table =
      '<table><tr><td><p><b>Field</b></p></td><td><p><b>Comment</b></p></td></tr>' +
      '<tr><td><p>state</p></td><td><p>enqueued or started</p></td></tr></table>';
    const html = `<html><body><article><h1>Tasks</h1><p>${prose}</p>${table}<p>${prose}</p><p>After the table the story goes on to explain retries in detail.</p></article></body></html>`;
    const result = extractHtml(html);
    if (!result.ok) throw new Error(result.reason);
    expect(result.page.text).toContain('Field Comment');
    expect(result.page.text).toContain('state enqueued or started');
    expect(result.page.text).toContain('the story goes on to explain retries');
  });

  it('counts characters for scripts written without spaces', () => {
    expect(hasArticleText('短'.repeat(130))).toBe(true);
    expect(hasArticleText('two words')).toBe(false);
  });
});

describe('extractHtml and the plain-text chrome rules', () => {
  it('keeps a Title-Case table row of an HTML article, which a plain-text scrape would lose as a menu run', () => {
    const row = 'Senate Commerce Committee Chair Maria Cantwell Washington Democrat Since January 2021';
    const prose = (n: number) =>
      `<p>The committee heard evidence on the data bill for the ${n}th time on Tuesday, and members said a vote could come before the recess ends.</p>`;
    const html = `<html><head><title>Data bill hearing</title></head><body><article><h1>Data bill hearing</h1>${prose(1)}${prose(2)}<table><tr><td>${row}</td></tr></table>${prose(3)}${prose(4)}</article></body></html>`;
    const result = extractHtml(html, 'https://news.example/data-bill');
    expect(result.ok && result.page.text).toContain(row);
  });
});
