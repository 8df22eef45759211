import { describe, expect, it } from 'vitest';
import { billLabel, congressGovBillUrl, congressOn } from '../../../src/core/policy/bill-ids.ts';
import { findPolicyCitations } from '../../../src/core/policy/policy-citations.ts';

const ON = new Date('2026-12-02T00:00:00Z');
const found = (text: string) => findPolicyCitations(text, ON).map((c) => [c.type, c.id, c.key]);

describe('primary-source identifiers in news text', () => {
  it.each([
    ['published at 91 FR 81234 last week', ['fr-citation', '91 FR 81234', 'fr-91-81234']],
    ['see 88 Fed. Reg. 75184 (Nov. 1, 2023)', ['fr-citation', '88 FR 75184', 'fr-88-75184']],
    ['[FR Doc. 2026-12345 Filed 11-26-26; 8:45 am]', ['fr-document', '2026-12345', '2026-12345']],
    ['comments on FCC-2026-0412 are due', ['docket', 'FCC-2026-0412', 'fcc-2026-0412']],
    ['docket EPA-HQ-OAR-2026-0001 opened', ['docket', 'EPA-HQ-OAR-2026-0001', 'epa-hq-oar-2026-0001']],
    ['document FCC-2026-0412-0001 in the docket', ['docket', 'FCC-2026-0412', 'fcc-2026-0412']],
    ['in GN Docket No. 26-118 the Commission', ['docket', 'GN Docket No. 26-118', 'gn-26-118']],
    ['the AI Act (CELEX 32024R1689) applies', ['celex', '32024R1689', '32024r1689']],
    ['procedure 2024/0001(COD) moved to plenary', ['eu-procedure', '2024/0001(COD)', '2024-0001-cod']],
    ['the House passed H.R. 1234 on Thursday', ['us-bill', 'H.R. 1234', 'hr1234-119']],
    ['S. 56 awaits a Senate vote', ['us-bill', 'S. 56', 's56-119']],
    ['H.R. 7521 in the 118th Congress', ['us-bill', 'H.R. 7521', 'hr7521-118']],
    ['the 117th Congress never voted on S. 3538', ['us-bill', 'S. 3538', 's3538-117']],
  ])('finds %j', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([
    ['a phone number', 'Call (202) 418-0500 or 1-888-225-5322 for help.'],
    ['an ISBN', 'Order it as ISBN 978-0-16-094502-1 or ISBN-13: 2026-12345.'],
    ['dates', 'The hearing runs from 2026-12-01 to 2026-12-15, or 2026/12/01.'],
    ['prices', 'Shares rose to $2026.12 and the fine was €2026-12345 or £1,234.56.'],
    ['a case number', 'Case 2024-CV-01234 was dismissed.'],
    ['a CVE and a COVID id', 'CVE-2024-3094 and COVID-2020-0001 are not dockets.'],
    ['an initial before a number', 'Mary S. 56, of Ohio, testified, as did U.S. 56 marshals.'],
    ['a version string', 'Version 2.0.2026-12345 fixed it; build 12026-123456 too.'],
    ['page numbers', 'Pages 2024-12345 of the transcript were sealed.'],
  ])('finds nothing in %s', (_what, text) => {
    expect(found(text)).toEqual([]);
  });

  it('lists each identifier once, in the order the text cites them, with its official page', () => {
    const cited = findPolicyCitations('2024/0001(COD) and H.R. 1234; again H.R. 1234 and 91 FR 81234.', ON);
    expect(cited.map((c) => c.url)).toEqual([
      'https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file?reference=2024/0001(COD)',
      'https://www.congress.gov/bill/119th-congress/house-bill/1234',
      'https://www.federalregister.gov/citation/91-FR-81234',
    ]);
  });
});

describe('US bill ids', () => {
  it('dates a Congress from 3 January of odd years', () => {
    expect(congressOn(new Date('2026-12-02'))).toBe(119);
    expect(congressOn(new Date('2027-01-02'))).toBe(119);
    expect(congressOn(new Date('2027-01-03'))).toBe(120);
  });

  it('writes a bill id as people and congress.gov do', () => {
    expect(billLabel('hjres12-121')).toBe('H.J.Res. 12 (121st Congress)');
    expect(congressGovBillUrl('s56-122')).toBe('https://www.congress.gov/bill/122nd-congress/senate-bill/56');
    expect(congressGovBillUrl('xx1-119')).toBeUndefined();
  });
});
