import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/system-clock.ts';
import { runCli } from '../helpers/cli.ts';
import { storePolicyArticle } from '../helpers/policy-articles.ts';
import { createTestCore, type TestCore } from '../helpers/temp-store.ts';

let t: TestCore;
// The CLI runs on the real clock: dates are set relative to today (UTC).
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestCore({ clock: systemClock });
  await storePolicyArticle(t, {
    number: '2026-40001',
    title: 'Later Rule',
    closesOn: day(30),
    docketIds: ['FTC-2026-0401'],
  });
  await storePolicyArticle(t, {
    number: '2026-40002',
    title: 'Sooner Rule',
    closesOn: day(5),
    docketIds: ['FTC-2026-0402'],
  });
  await storePolicyArticle(t, { number: '2026-40003', title: 'Closed Rule', closesOn: day(-1) });
  await storePolicyArticle(t, { number: '2026-40004', title: 'Rule Without Comments' });
  await t.stores.close();
});
afterAll(async () => {
  await t.close();
});

describe('policywire deadlines', () => {
  it('prints the open comment periods as JSON, soonest first, closed ones left out', () => {
    const { code, stdout, stderr } = runCli(['deadlines', '--json'], { STORE_URL: t.storeUrl });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { deadlines } = JSON.parse(stdout) as { deadlines: Record<string, unknown>[] };
    expect(deadlines.map((d) => d.documentNumber)).toEqual(['2026-40002', '2026-40001']);
    expect(deadlines[0]).toEqual({
      documentNumber: '2026-40002',
      title: 'Sooner Rule',
      url: 'https://www.federalregister.gov/d/2026-40002',
      commentUrl: 'https://www.regulations.gov/commenton/2026-40002',
      closesOn: day(5),
      daysLeft: 5,
      docketIds: ['FTC-2026-0402'],
      agencies: ['Federal Trade Commission'],
    });
  });

  it('keeps to the next N days with --days, and refuses a --days that is not a number', () => {
    const within = runCli(['deadlines', '--days', '7', '--json'], { STORE_URL: t.storeUrl });
    expect(
      (JSON.parse(within.stdout) as { deadlines: { title: string }[] }).deadlines.map((d) => d.title),
    ).toEqual(['Sooner Rule']);
    const bad = runCli(['deadlines', '--days', 'soon'], { STORE_URL: t.storeUrl });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--days');
  });
});
