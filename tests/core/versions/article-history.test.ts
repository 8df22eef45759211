import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/temp-store.ts';

const URL_A = 'https://courts.example.org/challenge';
const FIRST =
  'The Federal Court heard the challenge brought by Acme Networks against the telecoms ban on Monday. ' +
  'A ruling is due on Friday, lawyers for the company said. ' +
  'The regulator argued that the ban protects critical networks.';
const MATERIAL =
  'The Federal Court heard the challenge brought by Acme Networks against the telecoms ban on Monday. ' +
  'The court rejected the challenge on Friday, upholding the ban. ' +
  'The regulator argued that the ban protects critical networks.';
const TYPO = FIRST.replace('regulator argued', 'regulater argued').replace('Networks', 'Netwroks');
const REWORDED =
  'On Monday the Federal Court heard Acme Networks’ challenge to the telecoms ban. ' +
  'Lawyers for the company said a ruling is due on Friday. ' +
  'Critical networks are protected by the ban, the regulator argued.';

describe('article versions', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore();
  });
  afterEach(async () => t.close());

  const save = (text: string, title = 'Court hears Acme challenge to telecoms ban') =>
    t.core.writer.save({ url: URL_A, title, text, source: 'Outlet A' });

  it('a verdict that replaces "a ruling is due" is a material change, said in one sentence quoting both versions', async () => {
    const { article } = await save(FIRST);
    t.clock.set('2026-11-30T13:00:00.000Z');
    await save(MATERIAL, 'Court rejects Acme challenge to telecoms ban');
    const history = await t.core.history.get(article.id);
    expect(history?.versions).toHaveLength(2);
    const latest = history!.versions[1]!;
    expect(latest.material).toBe(true);
    expect(latest.changes).toContain('verdict added: reject');
    expect(latest.at).toBe('2026-11-30T13:00:00.000Z');
    expect(latest.whatChanged).toBe(
      'Update: the court rejected the challenge on Friday, upholding the ban; earlier reports said a ruling is due on Friday, lawyers for the company said.',
    );
  });

  it('a typo fix in a word and in a name is a new version but not a material one', async () => {
    const { article } = await save(FIRST);
    await save(TYPO);
    const history = await t.core.history.get(article.id);
    expect(history?.versions).toHaveLength(2);
    expect(history!.versions[1]).toMatchObject({ material: false, changes: [] });
  });

  it('reworded sentences with the same facts are not a material change', async () => {
    const { article } = await save(FIRST);
    await save(REWORDED);
    const record = await t.core.history.get(article.id);
    expect(record!.versions[1]!.material).toBe(false);
    expect(t.core.history.changeSince(record!, record!.versions[0]!.hash)?.material).toBe(false);
  });

  it('a changed fine amount is material; the same text ingested again adds no version', async () => {
    const fined = 'The regulator fined Acme Networks €5 million on Monday for failing to secure its network.';
    const { article } = await save(fined, 'Acme fined');
    await save(fined, 'Acme fined');
    await save(fined.replace('€5 million', '€50 million'), 'Acme fined');
    const record = await t.core.history.get(article.id);
    expect(record!.versions).toHaveLength(2);
    expect(record!.versions[1]!.material).toBe(true);
    expect(record!.versions[1]!.changes.some((line) => line.startsWith('figure added'))).toBe(true);
  });

  it('changeSince compares the version a reader saw with the latest, across a typo fix in between', async () => {
    const { article } = await save(FIRST);
    await save(TYPO);
    await save(MATERIAL);
    const record = (await t.core.history.get(article.id))!;
    const [first, typo, latest] = record.versions;
    expect(t.core.history.changeSince(record, first!.hash)?.material).toBe(true);
    expect(t.core.history.changeSince(record, typo!.hash)?.material).toBe(true);
    expect(t.core.history.changeSince(record, latest!.hash)).toBeUndefined();
    expect(t.core.history.changeSince(record, 'unknown')).toBeUndefined();
  });
});
