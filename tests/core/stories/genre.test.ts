import { describe, expect, it } from 'vitest';
import { genreOf, reportedParagraphs } from '../../../src/core/stories/genre.ts';

describe('genreOf: markets stories', () => {
  it('tells a markets story by a move of something traded in its headline: tokens, REITs, bonds', () => {
    expect(genreOf('Acme token sheds a third as fraud suit deepens lender woes', '')).toBe('market');
    expect(genreOf('Apartment REITs sag as rent lawsuit rattles sector', '')).toBe('market');
  });

  it('reads a headline percentage and move verb as a price move only when the move runs into its level', () => {
    expect(genreOf('Acme slides 4% after the ruling', '')).toBe('market');
    expect(genreOf('Acme sheds a third after the ruling', '')).toBe('market');
    expect(genreOf('Ban hits Half-Life 2 pirates hard', '')).toBe('news');
    // A rules explainer: "10%" and "dropped" are both there, but far apart and about no price.
    expect(genreOf("India's final labelling rules: the 10% label and what was dropped", '')).toBe('news');
  });

  it('tells a markets story by three price moves with their size in its body, a report by one or two', () => {
    const markets = [
      'Shares of landlords lost ground on Wednesday after the lawsuit.',
      'The residential index closed down 2.3%. Larchmont fell 4.1% and Crestpoint dropped 3.6%.',
      'The broader market was mixed: the S&P 500 edged up 0.2%.',
    ].join('\n\n');
    expect(genreOf('Landlords under pressure after lawsuit', markets)).toBe('market');
    const report = [
      'The Justice Department sued Acme on Wednesday, saying its software raised rents, officials said.',
      'Shares of listed landlords fell 3% after the news. Acme said it would fight the case.',
    ].join('\n\n');
    expect(genreOf('US sues Acme over rent software', report)).toBe('news');
    // Three moves of statistics, and nothing traded in the lede ("trading standards" comes later): a regulator's figures.
    const statistics = [
      'The regulator published its annual complaints figures on Monday.',
      'Complaints rose 20% to 41,000. Fines jumped 35% over the year.',
      'Resolved cases fell 4% and appeals to trading standards were up 12%, it said.',
    ].join('\n\n');
    expect(genreOf('Watchdog reports record complaints', statistics)).toBe('news');
  });
});

describe('genreOf: unlabelled opinion pieces', () => {
  it('tells an opinion piece that argues (a question, a "should") and attributes next to nothing', () => {
    const body = [
      'It is tempting to celebrate. The Council dropped the scanning mandate.',
      'Who decides whether a measure is reasonable? A regulator will.',
      'The Parliament should insist on a clear protection for encryption.',
    ].join('\n\n');
    expect(genreOf('The chat-control fight is not over', body)).toBe('opinion');
  });

  it('keeps a chatty report that argues but says who said what as news', () => {
    const body = [
      'The governor vetoed the bill last night. Can it come back? I would bet on a task force instead.',
      'The veto message says it would duplicate federal efforts. Delgado says she will try an override.',
    ].join('\n\n');
    expect(genreOf('The frontier AI bill is dead', body)).toBe('news');
  });

  it('does not read "Annex I" as a writer speaking, nor a trade brief\'s advice as argument', () => {
    const body =
      'The decision took effect on Nov. 12. Recipients must apply the rules in Annex I on onward transfers. Companies should keep SCCs in place.';
    expect(genreOf('Adequacy decision: what changes for transfers', body)).toBe('news');
  });
});

describe('reportedParagraphs: "separate"', () => {
  it('reads "a separate case" or "is separate from" as a recap, "a separate rate class" as the report', () => {
    const body = [
      'The governor signed a law on Thursday making data centres pay for grid upgrades.',
      'The law creates a separate rate class for facilities drawing more than 75 megawatts.',
      'The signing follows a veto of a separate bill on AI safety.',
      'The suit is separate from the 38 million dollar settlement reached with the agency.',
      'The regulator is separately consulting on industry codes.',
    ].join('\n\n');
    expect(reportedParagraphs(body).reported).toEqual([
      'The governor signed a law on Thursday making data centres pay for grid upgrades.',
      'The law creates a separate rate class for facilities drawing more than 75 megawatts.',
    ]);
    expect(
      reportedParagraphs('Lead.\n\nCredit header data is sold separately from credit files.').recaps,
    ).toBe(0);
  });
});
