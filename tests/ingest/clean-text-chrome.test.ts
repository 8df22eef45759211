import { describe, expect, it } from 'vitest';
import { summarizeExtractive } from '../../src/core/summarize/extractive.ts';
import { parseScrapedText } from '../../src/ingest/clean-text.ts';
import { splitGluedHeading, stripLineChrome } from '../../src/ingest/clean-text-chrome.ts';

const MENU =
  'Close Alert Search Home World Business Culture Gear Ideas Science Security Podcasts Video Games Jobs Deals';

describe('stripLineChrome', () => {
  it('drops a save prompt sentence with the menu glued in front of it', () => {
    const line = `Open Navigation Menu To return to this story, visit My Profile, then View saved stories.`;
    expect(stripLineChrome(line)).toEqual([]);
  });

  it('cuts a menu, byline, headline and save prompt run in front of the lede', () => {
    const line = `${MENU} Jane Roe Business Harbor Cranes Get a Second Life Photograph: Sam Poe/Pix Agency Save this story Save Save this story Save Port workers in Rotterdam rebuilt three cranes this spring. They now run on batteries.`;
    expect(stripLineChrome(line)).toEqual([
      'Port workers in Rotterdam rebuilt three cranes this spring. They now run on batteries.',
    ]);
  });

  it('cuts a "By … archive page" byline menu and the credit after it', () => {
    const line =
      'Topics Newsletters Events Podcasts Topics Newsletters Events Podcasts Cranes go electric By Jane Roe archive page Courtesy Pix Agency In the port of Rotterdam, cranes now run on batteries.';
    expect(stripLineChrome(line)).toEqual(['In the port of Rotterdam, cranes now run on batteries.']);
  });

  it('cuts a run of related headlines with their authors and keeps the paragraph after it', () => {
    const line =
      'Business The Harbor That Forgot Its Ships Jane Roe Science A Comet Returns After Ninety Years Sam Poe In the summer, the cranes sit idle for weeks.';
    expect(stripLineChrome(line)).toEqual(['In the summer, the cranes sit idle for weeks.']);
  });

  it('drops sponsor calls and keeps the story sentence beside them', () => {
    const line =
      'Are you ready to reach more buyers? Consider becoming a sponsor for The Harbor Summit. Learn more about the options here.';
    expect(stripLineChrome(line)).toEqual(['Are you ready to reach more buyers?']);
    expect(
      stripLineChrome(
        'Cranes were rebuilt. Join us for an evening of networking at our Harbor Summit in May!',
      ),
    ).toEqual(['Cranes were rebuilt.']);
  });

  it('stops at a copyright footer glued after the last sentence', () => {
    expect(
      stripLineChrome('The cranes run on batteries now. © 2023 Harbor Media. All rights reserved.'),
    ).toEqual(['The cranes run on batteries now.']);
  });

  it('keeps real sentences with many proper nouns, and a name that opens the lede', () => {
    const lede =
      'Google, Microsoft, Amazon and Meta told the European Commission on Monday that the Digital Markets Act needs changes.';
    expect(stripLineChrome(lede)).toEqual([lede]);
    const named =
      'Ken Doe ran the Port of Rotterdam for a decade, and he says the cranes were the hardest part.';
    expect(stripLineChrome(`Save this story Save ${named}`)).toEqual([named]);
  });

  it('keeps a line of sentence-case related headlines as it is (no Title-Case run to cut)', () => {
    const line =
      'Harbor cranes get a second life Why ports are going electric A comet returns after ninety years';
    expect(stripLineChrome(line)).toEqual([line]);
  });
});

describe('splitGluedHeading', () => {
  it('splits a heading from a sentence that opens with a common opener word', () => {
    expect(
      splitGluedHeading(
        "What's missing from the plan In their report, the auditors list six gaps in the budget.",
      ),
    ).toEqual(["What's missing from the plan", 'In their report, the auditors list six gaps in the budget.']);
  });

  it('splits a sentence-case heading from a sentence opening with a short clause', () => {
    expect(
      splitGluedHeading('Breaking down the numbers Apple aside, every maker sold fewer phones this quarter.'),
    ).toEqual(['Breaking down the numbers', 'Apple aside, every maker sold fewer phones this quarter.']);
  });

  it('leaves sentences whose words happen to be capitalised mid-way', () => {
    expect(
      splitGluedHeading(
        'Using new software to ask both Google Home and Amazon Alexa some 3,000 questions, the team found gaps.',
      ),
    ).toBeUndefined();
    expect(
      splitGluedHeading('According to Jane Roe of the port authority, the cranes will be rebuilt.'),
    ).toBeUndefined();
    expect(
      splitGluedHeading(
        'State councillor Wang Yi, Beijing’s foreign minister, made a veiled reference to attempts to boycott the firms.',
      ),
    ).toBeUndefined();
    expect(
      splitGluedHeading(
        'The chief executive Tim Cook, who spoke on Tuesday, said the rules would be met in full.',
      ),
    ).toBeUndefined();
    for (const line of [
      'The senator told The Associated Press on Tuesday that the bill would pass before the recess.',
      'Biden told The Washington Post in an interview that the export rules would stay in place.',
      "She told NBC's Today show that the company had not been warned about the breach at all.",
    ])
      expect(splitGluedHeading(line)).toBeUndefined();
  });

  it('keeps a lede whose subject is an official title and name', () => {
    for (const lede of [
      'Senate Majority Leader Chuck Schumer and House Speaker Mike Johnson agreed on Tuesday to a stopgap spending bill.',
      'The U.S. Department of Health and Human Services Office for Civil Rights (OCR) announced a settlement with the clinic.',
      'UK Competition and Markets Authority Chief Executive Sarah Cardell warned that cloud fees were too high.',
    ])
      expect(stripLineChrome(lede).join(' ')).toBe(lede);
  });
});

describe('a single scraped page', () => {
  it('gives a summary that starts with the story, not the menu or prompts', () => {
    const raw = [
      'Harbor Cranes Get a Second Life',
      'Open Navigation Menu To return to this story, visit My Profile, then View saved stories.',
      `${MENU} Jane Roe Business Harbor Cranes Get a Second Life Save this story Save Port workers in Rotterdam rebuilt three old cranes this spring, fitting each with a battery pack.`,
      'The port says the cranes now use a third less power than before, and the work cost less than one new crane.',
      'Business The Harbor That Forgot Its Ships Jane Roe Science A Comet Returns After Ninety Years Sam Poe Other ports in Europe are now asking for the plans, the port authority said on Tuesday.',
    ].join('\n');
    const { title, text } = parseScrapedText(raw);
    const summary = summarizeExtractive({ title, text });
    expect(summary.startsWith('Port workers in Rotterdam')).toBe(true);
    expect(text).not.toMatch(/Navigation|Save this story|Comet Returns/);
    expect(text).toContain('Other ports in Europe are now asking for the plans');
  });
});
