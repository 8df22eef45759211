import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findPageDates } from '../../../src/ingest/dates/find-dates.ts';
import { localeDate } from '../../../src/ingest/dates/locale-dates.ts';

describe('localeDate: languages chrono has no parser for, from ICU formats', () => {
  it.each([
    ['da', 'Publiceret 7. oktober 2026 kl. 10.00', [2026, 10, 7]],
    ['tr', 'Yayınlanma: 7 Ekim 2026 10:00', [2026, 10, 7]],
    ['pl', 'opublikowano 7 listopada 2026', [2026, 11, 7]],
    ['hr', 'Objavljeno 7. listopada 2026.', [2026, 10, 7]],
    ['hu', '2026. október 7. 10:00', [2026, 10, 7]],
    ['hu', '2026. okt. 7.', [2026, 10, 7]],
    ['cs', '7. října 2026', [2026, 10, 7]],
    ['ca', '7 d’octubre del 2026', [2026, 10, 7]],
    ['lt', '2026 m. spalio 7 d.', [2026, 10, 7]],
    ['no', 'Publisert 7. oktober 2026', [2026, 10, 7]],
  ])('reads a %s date in the order its locale writes it: %s', (language, text, [year, month, day]) => {
    expect(localeDate(text, language)).toEqual({ year, month, day });
  });

  it('reads non-Latin scripts whatever the page says its language is', () => {
    expect(localeDate('7 Οκτωβρίου 2026')).toEqual({ year: 2026, month: 10, day: 7 });
    expect(localeDate('7 октомври 2026 г.', 'en')).toEqual({ year: 2026, month: 10, day: 7 });
    expect(localeDate('2026년 10월 7일')).toEqual({ year: 2026, month: 10, day: 7 });
    expect(localeDate('7 באוקטובר 2026')).toEqual({ year: 2026, month: 10, day: 7 });
  });

  it('reads Latin-script month names only on a page in their language', () => {
    // "listopada" is November in Polish and October in Croatian: without the language it is neither.
    expect(localeDate('7 listopada 2026')).toBeUndefined();
    expect(localeDate('7 Ekim 2026', 'de')).toBeUndefined();
  });

  it('refuses a day the month does not have, and a month name inside another word', () => {
    expect(localeDate('31 Şubat 2026', 'tr')).toBeUndefined();
    expect(localeDate('7 Ekimler 2026', 'tr')).toBeUndefined();
  });
});

describe('findPageDates: bylines in those languages', () => {
  it('dates a Polish article from its byline, and leaves the same line on an English page undated', () => {
    const page = (lang: string) =>
      parseHTML(
        `<!doctype html><html lang="${lang}"><body><article><h1>Ustawa</h1><p class="date">7 listopada 2026</p><p>${'Sejm przyjął ustawę o usługach cyfrowych. '.repeat(4)}</p></article></body></html>`,
      ).document as unknown as Document;
    const reference = new Date('2026-11-21T12:00:00Z');
    expect(findPageDates(page('pl'), { url: 'https://news.example/a', reference }).published).toMatchObject({
      day: '2026-11-07',
      from: 'byline',
    });
    expect(findPageDates(page('en'), { url: 'https://news.example/a', reference }).published).toBeUndefined();
  });
});
