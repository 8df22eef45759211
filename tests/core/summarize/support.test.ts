import { describe, expect, it } from 'vitest';
import { checkSupport } from '../../../src/core/summarize/support.ts';

const ARTICLE =
  'China’s top diplomat Wang Yi criticised a US-led boycott of Huawei. The company sued the US government over a 2019 law. It employs 194,000 people and builds 5G kit.';

describe('checkSupport', () => {
  it('accepts a paraphrase whose names and numbers all come from the article', () => {
    const verdict = checkSupport(
      'Wang Yi criticised the boycott. Huawei, with 194000 staff, sued over the 2019 law on 5G kit.',
      ARTICLE,
    );
    expect(verdict).toEqual({ supported: true, unsupported: [] });
  });

  it('rejects a number the article never states', () => {
    const verdict = checkSupport('Huawei sued the US government over a 2018 law.', ARTICLE);
    expect(verdict.supported).toBe(false);
    expect(verdict.unsupported).toEqual(['2018']);
  });

  it('rejects a capitalised name the article never mentions', () => {
    const verdict = checkSupport('Wang Yi and Xi Jinping criticised the boycott of ZTE.', ARTICLE);
    expect(verdict.supported).toBe(false);
    expect(verdict.unsupported).toEqual(['Xi', 'Jinping', 'ZTE']);
  });

  it('lets sentence openers and possessives through when the article has the word', () => {
    expect(checkSupport('The company’s lawsuit targets the US government.', ARTICLE).supported).toBe(true);
    expect(checkSupport('Huawei’s lawsuit targets the 2019 law.', ARTICLE).supported).toBe(true);
  });
});
