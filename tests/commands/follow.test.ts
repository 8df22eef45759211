import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, dispatchLine } from '../../commands/dispatch.ts';
import { findCommand } from '../../commands/index.ts';
import type { Tenant } from '../../src/core/tenant.ts';
import { contextFor } from '../helpers/context.ts';
import { createTestCore, type TestCore } from '../helpers/temp-store.ts';

let t: TestCore;
beforeEach(async () => {
  t = await createTestCore({ now: '2026-12-02T12:00:00Z' });
});
afterEach(async () => {
  await t.close();
});

const follow = (id: string, options: Parameters<typeof contextFor>[1] = {}) =>
  dispatch({ name: 'follow', options: { id } }, contextFor(t, options));

describe('/follow, /unfollow and /following', () => {
  it('lets only admins follow, and tells a plain member who can', async () => {
    const reply = await follow('FCC-2026-0412', { isAdmin: false });
    expect(reply).toMatchObject({ kind: 'notice', level: 'error', text: expect.stringContaining('admin') });
    expect(await t.digests.follows.list({ platform: 'console', id: 'local' }, 'C1')).toEqual([]);
  });

  it('refuses an id it cannot read, with the forms it can', async () => {
    const reply = await follow('call 555-1234');
    expect(reply).toMatchObject({
      kind: 'notice',
      level: 'error',
      text: expect.stringContaining('not an id'),
    });
    expect(reply.kind === 'notice' ? reply.hint : '').toContain('2024/0001(COD)');
  });

  it('follows per channel: once each, listed in that channel only, and polled through a Federal Register source', async () => {
    expect(await follow('GN Docket No. 26-118', { channelId: 'C1' })).toMatchObject({ level: 'success' });
    expect(await follow('gn docket no 26-118', { channelId: 'C1' })).toMatchObject({
      level: 'info',
      text: expect.stringContaining('already follows'),
    });
    await follow('H.R. 1234', { channelId: 'C2' });
    const listed = await dispatch(
      { name: 'following', options: {} },
      contextFor(t, { channelId: 'C1', isAdmin: false }),
    );
    expect(listed.kind === 'list' ? listed.items.map((item) => item.label) : []).toEqual([
      'GN Docket No. 26-118',
    ]);
    const sources = await t.core.sources.list({ platform: 'console', id: 'local' });
    expect(sources.map((source) => decodeURIComponent(source.url))).toEqual([
      'https://www.federalregister.gov/api/v1/documents.json?conditions[docket_id]=GN+Docket+No.+26-118&order=newest&per_page=100',
    ]);
  });

  it('says which key a bill needs when congress.gov has none', async () => {
    const reply = await follow('S. 56');
    expect(reply).toMatchObject({
      level: 'warning',
      text: expect.stringContaining('S. 56 (119th Congress)'),
    });
    expect(reply.kind === 'notice' ? reply.hint : '').toContain('CONGRESS_GOV_API_KEY');
  });

  it('keeps tenants apart and removes a source on /unfollow only when no other channel needs it', async () => {
    const other: Tenant = { platform: 'slack', id: 'T0OTHER' };
    await follow('2026-12345', { channelId: 'C1' });
    await follow('2026-12345', { channelId: 'C2' });
    await follow('2026-12345', { tenant: other, channelId: 'C1' });
    const local = { platform: 'console' as const, id: 'local' };
    expect(await t.core.sources.list(local)).toHaveLength(1);
    const unfollow = (channelId: string) =>
      dispatch({ name: 'unfollow', options: { id: '2026-12345' } }, contextFor(t, { channelId }));
    expect(await unfollow('C1')).toMatchObject({ level: 'success' });
    expect(await t.core.sources.list(local)).toHaveLength(1);
    await unfollow('C2');
    expect(await t.core.sources.list(local)).toEqual([]);
    expect(await unfollow('C2')).toMatchObject({
      level: 'info',
      text: expect.stringContaining('does not follow'),
    });
    expect(await t.digests.follows.list(other, 'C1')).toHaveLength(1);
  });

  it('reads its options from text the way Slack and the console pass them', () => {
    const command = findCommand('follow')!;
    expect(command.parseText('EPA-HQ-OAR-2026-0001 remind:7,1 tz:Europe/London')).toEqual({
      id: 'EPA-HQ-OAR-2026-0001',
      remind: '7,1',
      tz: 'Europe/London',
    });
    expect(command.parseText('GN Docket No. 26-118')).toEqual({ id: 'GN Docket No. 26-118' });
  });

  it('refuses reminder days it cannot use', async () => {
    const reply = await dispatch(
      { name: 'follow', options: { id: 'FCC-2026-0412', remind: '0,99' } },
      contextFor(t),
    );
    expect(reply).toMatchObject({ level: 'error' });
  });
});

describe('/follow with an option written without its colon', () => {
  it('names the slip instead of listing only the id forms', async () => {
    const reply = await dispatchLine('/follow FTC-2026-0202 remind 7,1', contextFor(t));
    expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
    expect(reply.kind === 'notice' ? reply.hint : '').toMatch(/remind:7,1/);
  });
});
