import { describe, expect, it } from 'vitest';
import { congressOn } from '../../../src/core/policy/bill-ids.ts';
import { parseFollowId } from '../../../src/core/policy/follow-id.ts';

const now = new Date('2026-12-02T12:00:00Z');
const read = (text: string) => parseFollowId(text, now);

describe('parseFollowId', () => {
  it.each([
    ['FCC-2026-0412', 'docket', 'FCC-2026-0412'],
    ['epa-hq-oar-2026-0001', 'docket', 'EPA-HQ-OAR-2026-0001'],
    ['FDA-2024-N-1234', 'docket', 'FDA-2024-N-1234'],
    ['GN Docket No. 26-118', 'docket', 'GN Docket No. 26-118'],
    ['wc docket no 17-108', 'docket', 'WC Docket No. 17-108'],
    ['2026-12345', 'document', '2026-12345'],
    ['H.R. 1234', 'bill', 'hr1234-119'],
    ['HR1234', 'bill', 'hr1234-119'],
    ['S. 56', 'bill', 's56-119'],
    ['S. 56 118th Congress', 'bill', 's56-118'],
    ['118th Congress H.R. 5', 'bill', 'hr5-118'],
    ['H.J.Res. 7', 'bill', 'hjres7-119'],
    ['hr1234-119', 'bill', 'hr1234-119'],
    ['2024/0001(COD)', 'procedure', '2024/0001(COD)'],
    ['2024/0001 (cod)', 'procedure', '2024/0001(COD)'],
    ['uk 3456', 'uk-bill', 'uk-bill-3456'],
    ['uk-bill-3921', 'uk-bill', 'uk-bill-3921'],
    ['Online Safety Bill', 'uk-bill', 'Online Safety Bill'],
    ['Data (Use and Access) Bill [HL]', 'uk-bill', 'Data (Use and Access) Bill [HL]'],
  ])('reads %s as a %s with id %s', (text, kind, id) => {
    expect(read(text)).toMatchObject({ kind, id });
  });

  it.each([
    'hello',
    '555-1234',
    '(202) 555-0143',
    '978-3-16-148410-0',
    '2026-12-02',
    '12345',
    'H.R. 1234 (140th Congress)',
    'Bill',
    '',
  ])('refuses %j, which is no followable id', (text) => {
    expect(read(text)).toBeUndefined();
  });

  it('dates a bill without a Congress by the Congress sitting then, which changes on 3 January of odd years', () => {
    expect(congressOn(new Date('2026-12-02T00:00:00Z'))).toBe(119);
    expect(congressOn(new Date('2025-01-02T12:00:00Z'))).toBe(118);
    expect(congressOn(new Date('2025-01-03T12:00:00Z'))).toBe(119);
    expect(congressOn(new Date('2027-06-01T00:00:00Z'))).toBe(120);
    expect(parseFollowId('S. 56', new Date('2027-06-01T00:00:00Z'))).toMatchObject({ id: 's56-120' });
  });
});
