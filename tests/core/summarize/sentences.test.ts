import { describe, expect, it } from 'vitest';
import { splitSentences, splitSentenceUnits, wordCount } from '../../../src/core/summarize/sentences.ts';

describe('splitSentences', () => {
  it('keeps titles before names whole (Mr., Dr., Sen.)', () => {
    expect(splitSentences('Mr. Smith met Dr. Jones. Sen. Warren did not attend.')).toEqual([
      'Mr. Smith met Dr. Jones.',
      'Sen. Warren did not attend.',
    ]);
  });

  it('keeps U.S. inside a sentence but ends the sentence when a new one opens after it', () => {
    expect(
      splitSentences('The U.S. Commerce Department acted. Huawei moved to the U.S. The move was quiet.'),
    ).toEqual(['The U.S. Commerce Department acted.', 'Huawei moved to the U.S.', 'The move was quiet.']);
  });

  it('does not split at month abbreviations, times or decimals', () => {
    expect(
      splitSentences(
        'The rule took effect on Jan. 5 at 9 a.m. local time. Shares fell 3.5% to $1.2bn. Then they rose.',
      ),
    ).toEqual([
      'The rule took effect on Jan. 5 at 9 a.m. local time.',
      'Shares fell 3.5% to $1.2bn.',
      'Then they rose.',
    ]);
  });

  it('keeps initials with the surname', () => {
    expect(splitSentences('John F. Kennedy spoke first. J. R. R. Tolkien wrote books.')).toEqual([
      'John F. Kennedy spoke first.',
      'J. R. R. Tolkien wrote books.',
    ]);
  });

  it('ends a sentence at a company suffix only when a sentence opener follows', () => {
    expect(
      splitSentences(
        'Huawei Technologies Co. Ltd. denied it. Orders went to Apple Inc. The rest went elsewhere.',
      ),
    ).toEqual([
      'Huawei Technologies Co. Ltd. denied it.',
      'Orders went to Apple Inc.',
      'The rest went elsewhere.',
    ]);
  });

  it('keeps a short quotation whole and ends the sentence after its closing mark', () => {
    const text =
      'Wang said: “We oppose groundless accusations. Such practices are abnormal.” The EU listened.';
    expect(splitSentences(text)).toEqual([
      'Wang said: “We oppose groundless accusations. Such practices are abnormal.”',
      'The EU listened.',
    ]);
    expect(splitSentences('"It is over. We won," she said. Nobody argued.')).toEqual([
      '"It is over. We won," she said.',
      'Nobody argued.',
    ]);
  });

  it('splits at question marks, exclamation marks and ellipses before a capital', () => {
    expect(splitSentences('Is it safe? Nobody knows! Wait... Then came the answer.')).toEqual([
      'Is it safe?',
      'Nobody knows!',
      'Wait...',
      'Then came the answer.',
    ]);
  });

  it('makes each bullet or numbered item its own unit, without its marker', () => {
    const units = splitSentenceUnits(
      'The bill would:\n- ban the apps\n• fine the firms. Twice.\n2. create a regulator',
    );
    expect(units.map((u) => u.text)).toEqual([
      'The bill would:',
      'ban the apps',
      'fine the firms.',
      'Twice.',
      'create a regulator',
    ]);
    expect(units.map((u) => u.bullet)).toEqual([false, true, true, true, true]);
  });

  it('joins a hard-wrapped line that continues in lower case, and treats other lines as paragraphs', () => {
    const units = splitSentenceUnits(
      'The agency said the rule\nwould apply next year.\nShare Story:\nA new paragraph starts.',
    );
    expect(units.map((u) => u.text)).toEqual([
      'The agency said the rule would apply next year.',
      'Share Story:',
      'A new paragraph starts.',
    ]);
    expect(units.map((u) => u.paragraph)).toEqual([0, 1, 2]);
    expect(units.map((u) => u.terminated)).toEqual([true, false, true]);
  });

  it('handles pre-tokenized text with spaces before the full stop', () => {
    expect(
      splitSentences(
        "Merson restarted the row on Sunday . 'Just been watching , ' he wrote . Townsend replied .",
      ),
    ).toEqual([
      'Merson restarted the row on Sunday .',
      "'Just been watching , ' he wrote .",
      'Townsend replied .',
    ]);
  });

  it('returns nothing for empty or blank text and stops at the limit', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n\t ')).toEqual([]);
    expect(splitSentenceUnits('One is here. Two is here. Three is here.', 2).map((u) => u.text)).toEqual([
      'One is here.',
      'Two is here.',
    ]);
  });

  it('counts words by whitespace', () => {
    expect(wordCount('  China’s top  diplomat\nspoke. ')).toBe(4);
    expect(wordCount('')).toBe(0);
  });
});
