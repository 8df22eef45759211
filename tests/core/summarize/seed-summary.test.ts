import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeExtractive } from '../../../src/core/summarize/extractive.ts';
import { splitSentences } from '../../../src/core/summarize/sentences.ts';
import { parseScrapedText } from '../../../src/ingest/clean-text.ts';
import { SEED_SAMPLE } from '../../helpers/temp-store.ts';

describe('summary of the seed article', () => {
  const doc = parseScrapedText(readFileSync(SEED_SAMPLE, 'utf8'));
  const summary = summarizeExtractive(doc);
  const bodySentences = splitSentences(doc.text);

  it('is two or three whole sentences of the body, within about 70 words', () => {
    const sentences = splitSentences(summary);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(3);
    for (const sentence of sentences) expect(bodySentences).toContain(sentence);
    expect(summary.split(/\s+/).length).toBeLessThanOrEqual(70);
  });

  it('names Huawei or Wang Yi, never repeats the headline and carries no furniture', () => {
    expect(summary).toMatch(/Huawei|Wang Yi/);
    expect(summary).not.toContain(doc.title);
    for (const bad of ['Share Story', 'Recent Stories', 'webinar', 'CFO']) expect(summary).not.toContain(bad);
  });
});
