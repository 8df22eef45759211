import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanArticleText, isFurnitureLine, parseScrapedText } from '../../src/ingest/clean-text.ts';
import { SEED_SAMPLE } from '../helpers/temp-store.ts';

describe('parseScrapedText', () => {
  it('takes the first line of the seed as the headline and keeps the whole story', () => {
    const { title, text } = parseScrapedText(readFileSync(SEED_SAMPLE, 'utf8'));
    expect(title).toBe('China slams ‘immoral’ spying claims');
    expect(text.startsWith('China’s top diplomat has lashed out')).toBe(true);
    expect(text.endsWith('procuring Huawei’s equipment and technology services.')).toBe(true);
  });

  it('drops the seed’s furniture: share line, recent stories and the webinar promotions', () => {
    const { text } = parseScrapedText(readFileSync(SEED_SAMPLE, 'utf8'));
    for (const furniture of ['Share Story', 'Recent Stories', 'webinar', 'CFO', 'payment excellence']) {
      expect(text).not.toContain(furniture);
    }
  });

  it('given an empty file, returns no headline', () => {
    expect(parseScrapedText('\n\n  \n')).toEqual({ title: '', text: '' });
  });
});

describe('cleanArticleText', () => {
  it('removes chrome lines wherever they stand but keeps prose that mentions cookies in passing', () => {
    const text = [
      'Open Navigation Menu',
      'Regulators said the bakery chain broke consumer law by selling cookies with undeclared nuts in them.',
      'Save this story',
      'The fine was the largest of its kind this year, the agency confirmed on Tuesday.',
    ].join('\n');
    const cleaned = cleanArticleText(text);
    expect(cleaned).toContain('selling cookies with undeclared nuts');
    expect(cleaned).not.toContain('Open Navigation Menu');
    expect(cleaned).not.toContain('Save this story');
  });

  it('treats a "Related articles" heading before any prose as a menu, not the end of the story', () => {
    const text =
      'Related articles\nThe commission fined the platform for breaching its transparency obligations under the act.';
    expect(cleanArticleText(text)).toContain('The commission fined the platform');
  });

  it('recognises newsletter and cookie prompts as furniture', () => {
    expect(isFurnitureLine('Sign up for our daily newsletter')).toBe(true);
    expect(isFurnitureLine('We use cookies to personalise content')).toBe(true);
    expect(isFurnitureLine('The minister said the law would pass.')).toBe(false);
  });
});
