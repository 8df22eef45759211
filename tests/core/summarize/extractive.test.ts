import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createExtractiveSummarizer,
  selectSentences,
  summarizeExtractive,
  wordBudget,
} from '../../../src/core/summarize/extractive.ts';
import { DEFAULT_WEIGHTS, scoreSentences, vectorize } from '../../../src/core/summarize/rank.ts';
import { splitSentences, splitSentenceUnits, wordCount } from '../../../src/core/summarize/sentences.ts';
import { parseScrapedText } from '../../../src/ingest/clean-text.ts';

const seed = parseScrapedText(
  readFileSync(new URL('../../../samples/china-slams-immoral-spying-claims.txt', import.meta.url), 'utf8'),
);

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

const ARTICLE = {
  title: 'Regulator fines chip maker over export breaches',
  text: [
    'The Commerce Department fined a chip maker $300 million on Tuesday for shipping hard drives to Huawei.',
    'Officials said the shipments broke export rules adopted in 2020 to restrict Huawei’s access to chips.',
    '',
    'The company said it had co-operated fully with the investigation. It did not admit wrongdoing.',
    'Analysts said the fine was the largest of its kind. Export controls have tightened every year since.',
    '',
    'Share Story:',
    'Subscribe to our newsletter for the latest news.',
  ].join('\n'),
};

describe('summarizeExtractive', () => {
  it('summarizes the seed article with its key actors and none of the page furniture', () => {
    const summary = summarizeExtractive(seed);
    expect(summary).toMatch(/Huawei|Wang Yi/);
    for (const furniture of ['Share Story', 'Recent Stories', 'webinar', 'CFO'])
      expect(summary).not.toContain(furniture);
    expect(wordCount(summary)).toBeLessThanOrEqual(70);
    expect(splitSentences(summary).length).toBeGreaterThanOrEqual(2);
  });

  it('never lets chrome that survived cleaning into the summary', () => {
    const summary = summarizeExtractive(ARTICLE);
    expect(summary).not.toMatch(/Share Story|newsletter/);
    expect(summary).toContain('Huawei');
  });

  it('uses only whole sentences copied from the body, in body order', () => {
    const chosen = selectSentences(ARTICLE);
    expect(chosen.length).toBeGreaterThanOrEqual(2);
    expect(chosen.length).toBeLessThanOrEqual(3);
    const body = flat(ARTICLE.text);
    let last = -1;
    for (const sentence of chosen) {
      const at = body.indexOf(sentence.text);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
  });

  it('keeps to the word and sentence budgets it is given', () => {
    for (const [sentences, words] of [
      [3, 70],
      [2, 40],
      [1, 25],
    ] as const) {
      const summary = summarizeExtractive(seed, sentences, words);
      expect(wordCount(summary)).toBeLessThanOrEqual(words);
      expect(splitSentences(summary).length).toBeLessThanOrEqual(sentences);
    }
  });

  it('counts a byline line above the lede as no sentence, so the lede keeps the first place', () => {
    const lede = [
      'BRUSSELS (Wire) - European regulators have fined the chip maker for shipping restricted parts.',
      'The fine means the company will have to change how it vets resellers.',
    ];
    const byline = 'By Staff Writers | November 18, 2026 at 2:26 PM - Updated 4:46 PM';
    // Position alone: centrality off, so the scores are the lead prior.
    const positionOnly = { ...DEFAULT_WEIGHTS, forward: 0, backward: 0 };
    const score = (lines: string[]) => {
      const sentences = splitSentenceUnits(lines.join('\n\n'));
      const scores = scoreSentences(sentences, vectorize(sentences, ''), positionOnly);
      return sentences.map((sentence, i) => [sentence.text, scores[i]] as const);
    };
    const plain = new Map(score(lede));
    const withByline = new Map(score([byline, ...lede]));
    for (const sentence of lede) expect(withByline.get(sentence)).toBeCloseTo(plain.get(sentence)!, 10);
  });

  it('still favours the first units of a text that has no full stop anywhere', () => {
    const lines = [
      'Regulators fine the chip maker for shipping restricted parts',
      'The company must change how it vets resellers',
      'An appeal is expected within weeks',
    ];
    const positionOnly = { ...DEFAULT_WEIGHTS, forward: 0, backward: 0, title: 0 };
    const sentences = splitSentenceUnits(lines.join('\n\n'));
    expect(sentences.every((s) => !s.terminated)).toBe(true);
    const scores = [...scoreSentences(sentences, vectorize(sentences, ''), positionOnly)];
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
  });

  it('keeps favouring the first units of a transcript whose only full stop is on its last line', () => {
    const lines = [
      'Regulators fine the chip maker for shipping restricted parts',
      'The company must change how it vets resellers',
      'An appeal is expected within weeks',
      'The hearing is adjourned.',
    ];
    const positionOnly = { ...DEFAULT_WEIGHTS, forward: 0, backward: 0, title: 0 };
    const sentences = splitSentenceUnits(lines.join('\n\n'));
    expect(sentences.filter((s) => s.terminated)).toHaveLength(1);
    const scores = [...scoreSentences(sentences, vectorize(sentences, ''), positionOnly)];
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
  });

  it('never repeats the headline, even when the body starts with it', () => {
    const title = 'EU opens antitrust probe into cloud deals';
    const text = `${title}\n\nThe European Commission opened an antitrust investigation into cloud licensing deals on Monday. Regulators will examine whether the deals lock customers in. The companies said they would co-operate.`;
    const summary = summarizeExtractive({ title, text });
    expect(summary).not.toContain(title);
    expect(summary).toContain('The European Commission opened an antitrust investigation');
    const echo = summarizeExtractive({
      title: 'Huawei sues US government.',
      text: 'Huawei sues US government. Huawei has filed a lawsuit in Texas against a federal procurement ban on its equipment. The company says the ban is unconstitutional.',
    });
    expect(echo).not.toMatch(/^Huawei sues US government\./);
  });

  it('is deterministic: the same input always gives the same summary', async () => {
    const summarizer = createExtractiveSummarizer();
    const first = await summarizer.summarize(seed);
    for (let i = 0; i < 5; i++) expect(await summarizer.summarize({ ...seed })).toBe(first);
    expect(summarizer.name).toBe('extractive');
  });

  it('given a body of one over-long sentence, returns its opening words, as many as the budget, marked as cut', () => {
    const text = `${Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ')}.`;
    const summary = summarizeExtractive({ title: '', text });
    expect(summary.endsWith('…')).toBe(true);
    expect(wordCount(summary)).toBe(wordBudget(120));
    expect(text.startsWith(summary.slice(0, -1))).toBe(true);
  });

  it('given an empty body, returns an empty summary', () => {
    expect(summarizeExtractive({ title: 'Headline', text: '' })).toBe('');
    expect(summarizeExtractive({ title: 'Headline', text: '   \n ' })).toBe('');
  });

  it('on random text never throws, stays within budget and copies only from the body', () => {
    const word = fc.oneof(
      fc.constantFrom(
        'Mr.',
        'U.S.',
        'Jan.',
        '3.5',
        'e.g.',
        '“Yes.”',
        '"No,"',
        '...',
        '•',
        '-',
        '1.',
        'Huawei',
        'the',
        'policy',
      ),
      fc.string({ minLength: 1, maxLength: 8 }),
    );
    const separator = fc.constantFrom(' ', ' ', ' ', '. ', '? ', '\n', '\n\n', '! ', '\t');
    const text = fc
      .array(fc.tuple(word, separator), { maxLength: 150 })
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(
        text,
        fc.string({ maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 5, max: 90 }),
        (body, title, sentences, words) => {
          const summary = summarizeExtractive({ title, text: body }, sentences, words);
          expect(wordCount(summary)).toBeLessThanOrEqual(words);
          const chosen = selectSentences({ title, text: body }, sentences, words);
          for (const sentence of chosen) expect(flat(body)).toContain(sentence.text);
          if (chosen.length > 0) expect(summary).toBe(chosen.map((s) => s.text).join(' '));
          // The one exception to whole sentences: nothing fits, so the opening words are cut and marked.
          else expect(flat(body)).toContain(summary.endsWith('…') ? summary.slice(0, -1) : summary);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('gives a long article a longer budget than a short one, never under 50 or over 90 words', () => {
    expect(wordBudget(100)).toBe(71);
    expect(wordBudget(1_000)).toBe(80);
    expect(wordBudget(10_000)).toBe(90);
    expect(wordBudget(0)).toBe(70);
    expect(wordBudget(300, { min: 50, max: 90, base: 0, perWord: 0.1 })).toBe(50);
    for (let words = 0; words < 5_000; words += 250) {
      expect(wordBudget(words + 250)).toBeGreaterThanOrEqual(wordBudget(words));
    }
  });

  it('lets a long article summary use more than 70 words while a fixed budget still holds', () => {
    // Three 24-word sentences open a 1,300-word piece (the rest is short notes no summary would take):
    // 72 words fit its 83-word budget, not the old fixed 70.
    const lead = [
      'The European regulator fined three cloud providers a combined 400 million euros on Tuesday for moving customer records abroad without telling the people concerned.',
      'Officials said the companies had ignored two earlier warnings, and that each firm must now appoint an independent auditor who reports directly to Brussels.',
      'Industry groups called the penalty disproportionate and promised an appeal, while consumer advocates argued that smaller fines had never changed how those businesses behaved.',
    ];
    const notes = Array.from({ length: 400 }, (_, i) => `Note ${i} here.`).join(' ');
    const text = [...lead, notes].join('\n\n');
    const input = { title: 'Cloud providers fined over data transfers', text };
    const summary = summarizeExtractive(input);
    expect(summary).toBe(lead.join(' '));
    expect(wordCount(summary)).toBe(72);
    expect(wordCount(summarizeExtractive(input, 3, 70))).toBeLessThanOrEqual(70);
  });
});
