import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchLine } from '../../commands/dispatch.ts';
import type { Tenant } from '../../src/core/tenant.ts';
import { contextFor } from '../helpers/context.ts';
import { createTestCore, type TestCore } from '../helpers/temp-store.ts';

const T1: Tenant = { platform: 'slack', id: 'T1' };
const T2: Tenant = { platform: 'slack', id: 'T2' };
let host: TestCore;

beforeAll(async () => {
  host = await createTestCore({ now: '2026-11-01T12:00:00Z' });
  const core = host.core;
  await core.writer.save({
    url: 'https://bank.example/psd3',
    title: 'Brussels proposes PSD3 payment rules',
    source: 'Brussels Brief',
    publishedAt: '2026-10-30T10:00:00Z',
    text: 'The European Commission proposed PSD3, the successor to the payment services directive, to widen open banking.',
  });
});
afterAll(async () => host.close());

const run = (line: string, tenant = T1, admin = true) =>
  dispatchLine(line, contextFor(host, { tenant, isAdmin: admin }));

describe('/topics', () => {
  it('lists the built-in taxonomy to anyone', async () => {
    const reply = await run('/topics list', T1, false);
    expect(reply.kind).toBe('list');
    const labels = reply.kind === 'list' ? reply.items.map((i) => i.label) : [];
    expect(labels).toContain('ai-regulation');
    expect(labels).toContain('huawei');
  });

  it('lets an admin add a topic that applies at once to articles stored before it existed', async () => {
    const added = await run('/topics add open-banking "open banking" PSD3 "payment services directive"');
    expect(added).toMatchObject({ kind: 'notice', level: 'success' });
    const news = await run('/news topic:open-banking');
    expect(news.kind).toBe('stories');
    if (news.kind === 'stories') {
      expect(news.stories[0]!.title).toMatch(/PSD3/);
      expect(news.stories[0]!.topics).toContain('open-banking');
    }
  });

  it('tells an admin how to quote a phrase when an unquoted one was split into query and aliases', async () => {
    const split = await run('/topics add chips export controls');
    expect(split).toMatchObject({ kind: 'notice', level: 'success' });
    const hint = split.kind === 'notice' ? (split.hint ?? '') : '';
    expect(hint).toContain('Each word after the query is an alias of its own');
    expect(hint).toContain('/topics add chips "export controls"');
    expect(hint).not.toContain('--replace');
    const quoted = await run('/topics add chips "export controls" chip-exports');
    expect(quoted.kind === 'notice' && quoted.hint).not.toContain('alias of its own');
    // A quoted alias of several words, or a quote mark in a word, shows the split was meant.
    for (const line of [
      '/topics add chips export "chip exports"',
      '/topics add gdpr "GDPR" "data protection"',
      '/topics add obrien O"Brien act',
    ]) {
      const reply = await run(line);
      expect(reply.kind === 'notice' && reply.hint, line).not.toContain('alias of its own');
    }
  });

  it('keeps one workspace’s topics from another', async () => {
    const list = await run('/topics list', T2, false);
    const labels = list.kind === 'list' ? list.items.map((i) => i.label) : [];
    expect(labels.join(' ')).not.toMatch(/open-banking/);
    const news = await run('/news topic:open-banking', T2);
    expect(news).toMatchObject({ kind: 'notice', level: 'error' });
    const own = await run('/news psd3', T2);
    expect(own.kind === 'stories' && own.stories[0]!.topics).not.toContain('open-banking');
  });

  it('refuses add and remove to non-admins, with a hint', async () => {
    for (const line of ['/topics add x "y"', '/topics remove open-banking']) {
      const reply = await run(line, T1, false);
      expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
      expect(reply.kind === 'notice' && reply.text).toMatch(/Only workspace admins/);
    }
  });

  it('explains bad input: missing query, bad name, unknown action, built-in removal', async () => {
    const noQuery = await run('/topics add lonely');
    expect(noQuery.kind === 'notice' && noQuery.text).toMatch(/needs a query/);
    const badName = await run('/topics add "Bad Name!" "x"');
    expect(badName.kind === 'notice' && `${badName.text} ${badName.hint}`).toMatch(/lower-case/);
    const badAction = await run('/topics rename a b');
    expect(badAction.kind === 'notice' && badAction.text).toMatch(/choose list, add or remove/);
    const builtIn = await run('/topics remove huawei');
    expect(builtIn.kind === 'notice' && builtIn.text).toMatch(/built-in topic/);
  });

  it('removes a tenant topic, after which filtering by it is an error', async () => {
    expect(await run('/topics remove open-banking')).toMatchObject({ kind: 'notice', level: 'success' });
    expect(await run('/news topic:open-banking')).toMatchObject({ kind: 'notice', level: 'error' });
  });
});
