import { afterEach, describe, expect, it } from 'vitest';
import type { Tenant } from '../../../src/core/tenant.ts';
import { placeTags } from '../../../src/core/topics/places.ts';
import { BUILT_IN_TOPICS } from '../../../src/core/topics/taxonomy.ts';
import { createTestCore } from '../../helpers/temp-store.ts';

const T1: Tenant = { platform: 'slack', id: 'T1' };
const T2: Tenant = { platform: 'slack', id: 'T2' };

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function service() {
  const test = await createTestCore({ now: '2026-11-01T12:00:00Z' });
  cleanup = test.close;
  return test.core.topics;
}

describe('topic taxonomy and tagging', () => {
  it('ships every topic the issue names', () => {
    const names = BUILT_IN_TOPICS.map((t) => t.name);
    for (const name of [
      '5g-telecom-security',
      'ai-regulation',
      'antitrust-competition',
      'privacy-data-protection',
      'export-controls-chips',
      'online-safety-moderation',
      'platform-regulation',
      'cybersecurity',
      'tiktok-app-bans',
      'spectrum-net-neutrality',
      'digital-taxes',
      'huawei',
    ])
      expect(names).toContain(name);
    expect(BUILT_IN_TOPICS.find((t) => t.name === 'huawei')?.aliases).toContain('HiSilicon');
  });

  it('tags HiSilicon as Huawei: an alias in the title is enough', async () => {
    const topics = await service();
    const tags = topics.tagsFor({
      title: 'HiSilicon designs a new chip',
      text: 'The chip designer showed a modem.',
    });
    expect(tags).toContain('huawei');
  });

  it('does not tag a passing body mention in a long article', async () => {
    const topics = await service();
    const filler = 'Markets moved on interest rates and oil prices. '.repeat(80);
    const tags = topics.tagsFor({
      title: 'Stocks end the week higher',
      text: `${filler} Huawei was not discussed much.`,
    });
    expect(tags).not.toContain('huawei');
  });

  it('tags stemmed alias phrases: "export controls" matches "export control"', async () => {
    const topics = await service();
    const text = 'The export control rules expand. Officials defended the export controls again.';
    expect(topics.tagsFor({ title: 'New chip rules', text })).toContain('export-controls-chips');
  });

  it('finds agencies and the jurisdictions they imply, case-sensitively', () => {
    expect(placeTags({ title: 'FTC sues over merger', text: 'The agency filed a complaint.' })).toEqual(
      expect.arrayContaining(['agency:ftc', 'jurisdiction:us']),
    );
    expect(placeTags({ title: 'CNIL fines Google', text: 'The regulator acted.' })).toEqual(
      expect.arrayContaining(['agency:cnil', 'jurisdiction:fr']),
    );
    expect(placeTags({ title: 'Let us talk', text: 'Tell us about it. Give us a call.' })).toEqual([]);
    expect(
      placeTags({ title: 'ICO token sale booms', text: 'An ICO raised money for a crypto startup.' }),
    ).not.toContain('agency:ico');
    expect(placeTags({ title: 'MIIT issues rules', text: 'Beijing regulators said.' })).toContain(
      'jurisdiction:cn',
    );
  });

  it('adds, lists, resolves and removes a tenant topic, never showing it to another tenant', async () => {
    const topics = await service();
    await topics.add(T1, {
      name: 'open-banking',
      label: 'Open banking',
      query: 'open banking',
      aliases: ['PSD2'],
      builtIn: false,
    });
    expect((await topics.list(T1)).map((t) => t.name)).toContain('open-banking');
    expect((await topics.list(T2)).map((t) => t.name)).not.toContain('open-banking');
    expect((await topics.resolve(T1, 'psd2')).name).toBe('open-banking');
    expect((await topics.resolve(T2, 'open banking')).builtIn).toBe(false);
    expect((await topics.resolve(T1, 'Hisilicon')).name).toBe('huawei');
    expect(await topics.aliasesFor(T1)).toEqual(new Map([['open-banking', ['open banking', 'PSD2']]]));
    expect(await topics.tenantTags(T1, { title: 'PSD2 review', text: 'Banks.' })).toEqual(['open-banking']);
    expect(await topics.tenantTags(T2, { title: 'PSD2 review', text: 'Banks.' })).toEqual([]);
    expect(await topics.remove(T1, 'open-banking')).toBe(true);
    expect(await topics.remove(T1, 'open-banking')).toBe(false);
  });

  it('resolves an unknown name to a free query topic, e.g. for /digest "open banking"', async () => {
    const topics = await service();
    const topic = await topics.resolve(T1, 'Open Banking!');
    expect(topic).toMatchObject({ name: 'open-banking', query: 'Open Banking!', builtIn: false });
  });
});
