import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findPageDates } from '../../../src/ingest/dates/find-dates.ts';
import { frequentDate } from '../../../src/ingest/dates/frequent-dates.ts';

const REFERENCE = new Date('2026-11-21T12:00:00Z');

function documentOf(html: string): Document {
  return parseHTML(`<!doctype html><html lang="en">${html}</html>`).document as unknown as Document;
}

describe('frequentDate', () => {
  it('takes the numeric date the markup repeats most, in attributes as in text', () => {
    const html = `<body><div id="app" data-created="2026-03-02" data-shown="2026/03/02"></div>
      <p>Build 2026-11-01</p><span>02.03.2026</span></body>`;
    expect(frequentDate(documentOf(html), REFERENCE)).toMatchObject({ day: '2026-03-02' });
  });

  it('ignores a date written only once, and dates after the fetch time', () => {
    const html = '<body><p>Build 2026-11-01</p><i data-x="2027-01-05"></i><i data-y="2027-01-05"></i></body>';
    expect(frequentDate(documentOf(html), REFERENCE)).toBeUndefined();
  });
});

describe('findPageDates: last resorts', () => {
  const shell = (head: string, body = '<div id="root"></div>') =>
    documentOf(`<head>${head}</head><body>${body}</body>`);

  it('dates a page that states only its last edit by that edit, as htmldate does', () => {
    const page = shell('<meta property="article:modified_time" content="2026-05-04T10:00:00Z">');
    const dates = findPageDates(page, { url: 'https://app.example/post', reference: REFERENCE });
    expect(dates.published).toMatchObject({ day: '2026-05-04' });
    expect(dates.modified).toMatchObject({ day: '2026-05-04' });
  });

  it('prefers the date the markup repeats to the last-edit date', () => {
    const page = shell(
      '<meta property="article:modified_time" content="2026-09-01T10:00:00Z">',
      '<div id="root" data-day="2026-05-04"></div><script>var d="2026-05-04";</script>',
    );
    const dates = findPageDates(page, { url: 'https://app.example/post', reference: REFERENCE });
    expect(dates.published?.day).toBe('2026-05-04');
    expect(dates.modified?.day).toBe('2026-09-01');
  });

  it('takes a publication key in the script state before a byline-looking block', () => {
    const page = shell(
      '',
      '<h1>Chip rules</h1><div class="meta">Events, 7 June 2026</div><script>var s={"datePublished":"2026-05-04T08:00:00Z"};</script>',
    );
    const dates = findPageDates(page, { url: 'https://app.example/post', reference: REFERENCE });
    expect(dates.published).toMatchObject({ day: '2026-05-04', from: 'script' });
  });

  it('reads a script-rendered page by the date its markup repeats', () => {
    const page = shell('', '<div id="root" data-day="2026-05-04"></div><script>var d="2026-05-04";</script>');
    const dates = findPageDates(page, { url: 'https://app.example/post', reference: REFERENCE });
    expect(dates.published?.day).toBe('2026-05-04');
  });
});
