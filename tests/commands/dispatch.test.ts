import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../commands/define.ts';
import { dispatch, dispatchLine } from '../../commands/dispatch.ts';
import { contextFor } from '../helpers/context.ts';
import { createSeededCore, type createTestCore } from '../helpers/temp-store.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

describe('dispatch', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await createSeededCore();
  });
  afterAll(async () => t.close());

  it('given /news huawei, replies with the seed story, its summary and link', async () => {
    const reply = await dispatchLine('/news huawei', contextFor(t));
    expect(reply.kind).toBe('stories');
    if (reply.kind !== 'stories') return;
    const [story] = reply.stories;
    expect(story?.title).toBe('China slams ‘immoral’ spying claims');
    expect(story?.summary).toMatch(/Huawei|Wang Yi/);
    expect(story?.url).toMatch(/^file:\/\/.*china-slams-immoral-spying-claims\.txt$/);
  });

  it('given an unknown command, says so and points at /help', async () => {
    const reply = await dispatchLine('/frobnicate now', contextFor(t));
    expect(reply).toMatchObject({
      kind: 'notice',
      level: 'error',
      text: 'Unknown command /frobnicate.',
      hint: 'Type /help to see the commands.',
    });
  });

  it('given an empty query, replies with a validation message and the usage', async () => {
    const reply = await dispatchLine('/news   ', contextFor(t));
    expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
    if (reply.kind !== 'notice') return;
    expect(reply.text).toMatch(/query is empty/);
    expect(reply.hint).toContain('/news <query>');
  });

  it('given a 10,000-character query, refuses it as too long', async () => {
    const reply = await dispatchLine(`/news ${'x'.repeat(10_000)}`, contextFor(t));
    expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
    if (reply.kind === 'notice') expect(reply.text).toMatch(/too long \(10006 characters\)/);
  });

  it('given page=0, replies with a validation message', async () => {
    const reply = await dispatch({ name: 'news', options: { query: 'huawei', page: 0 } }, contextFor(t));
    expect(reply).toMatchObject({ kind: 'notice', level: 'error', text: 'Invalid input: page starts at 1.' });
  });

  it('given a query that matches nothing, says so with a hint', async () => {
    const reply = await dispatchLine('/news zanzibar', contextFor(t));
    expect(reply).toMatchObject({ kind: 'notice', level: 'info', text: 'Nothing matches "zanzibar" yet.' });
  });

  it('refuses an admin command to a non-admin and changes nothing', async () => {
    const ctx = contextFor(t, { isAdmin: false });
    const reply = await dispatchLine('/sources add https://example.org/feed.xml', ctx);
    expect(reply).toMatchObject({
      kind: 'notice',
      level: 'error',
      text: 'Only workspace admins can use /sources.',
    });
    expect(await t.core.sources.list(ctx.tenant)).toEqual([]);
  });

  it('turns a crash inside a command into an apology with a reference, and logs it', async () => {
    const boom = defineCommand({
      name: 'boom',
      description: 'fails',
      usage: ['/boom'],
      options: z.object({}),
      parseText: () => ({}),
      run: async () => {
        throw new Error('database on fire');
      },
    });
    const reply = await dispatch({ name: 'boom', text: '' }, contextFor(t), [boom as never]);
    expect(reply.kind).toBe('notice');
    if (reply.kind === 'notice') {
      expect(reply.text).toMatch(/^Sorry, something went wrong on our side \(ref [a-z0-9]+\)\.$/);
      expect(reply.text).not.toContain('database on fire');
    }
  });

  it('lists the commands in /help and hides admin ones from non-admins', async () => {
    const asAdmin = await dispatchLine('/help', contextFor(t));
    const asMember = await dispatchLine('/help', contextFor(t, { isAdmin: false }));
    const labels = (r: typeof asAdmin) => (r.kind === 'list' ? r.items.map((i) => i.label) : []);
    expect(labels(asAdmin).some((l) => l.startsWith('/sources'))).toBe(true);
    expect(labels(asMember).some((l) => l.startsWith('/sources'))).toBe(false);
    expect(labels(asMember).some((l) => l.startsWith('/news'))).toBe(true);
  });
});
