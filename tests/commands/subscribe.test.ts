import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchLine } from '../../commands/dispatch.ts';
import { parseSubscribeText } from '../../commands/subscribe-input.ts';
import type { Reply } from '../../src/core/reply.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { contextFor } from '../helpers/context.ts';
import { createTestCore, type TestCore } from '../helpers/temp-store.ts';

let t: TestCore;
beforeEach(async () => {
  t = await createTestCore({ now: '2026-11-01T12:00:00Z' });
});
afterEach(async () => {
  await t.close();
});

const subscribe = (text: string) => dispatchLine(`/subscribe ${text}`, contextFor(t));
const text = (reply: Reply) =>
  reply.kind === 'notice' ? `${reply.text} ${reply.hint ?? ''}` : JSON.stringify(reply);

describe('/subscribe days', () => {
  it('refuses a day list with a misspelt day, naming it and the forms that work, and saves nothing', async () => {
    const reply = await subscribe('huawei mon,funday');
    expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
    expect(text(reply)).toMatch(/"funday" is not a day name/);
    expect(text(reply)).toMatch(/weekdays, weekends, daily, day names like mon,wed,fri or monday/);
    expect(text(reply)).toMatch(/mon-fri/);
    expect(await t.digests.stores.subscriptions.list(CONSOLE_TENANT)).toEqual([]);
    expect(text(await subscribe('huawei mon-fryday'))).toMatch(/"fryday" is not a day name/);
  });

  it('keeps dashed and comma words with no day in them as topic words', async () => {
    expect(await subscribe('sat-nav')).toMatchObject({ level: 'success' });
    expect(await subscribe('gps sat-nav')).toMatchObject({ level: 'success' });
    expect(await subscribe('huawei,zte mon,wed')).toMatchObject({ level: 'success' });
    const saved = await t.digests.stores.subscriptions.get(CONSOLE_TENANT, 'C1');
    expect(saved?.topics).toEqual(['sat-nav', 'gps sat-nav', 'huawei,zte']);
    expect(saved?.weekdays).toEqual([1, 3]);
  });
});

describe('/subscribe words that name no topic', () => {
  it('accepts them as a free search and says so, with where the named topics are', async () => {
    const reply = await subscribe('nosuchtopic');
    expect(reply).toMatchObject({ kind: 'notice', level: 'success' });
    expect(text(reply)).toMatch(/Added "nosuchtopic" to this channel's digest as a free search/);
    expect(text(reply)).toMatch(/not one of this workspace's named topics \(\/topics lists them\)/);
  });

  it('says nothing of the kind for a named topic', async () => {
    const reply = await subscribe('huawei');
    expect(text(reply)).toMatch(/Added Huawei to this channel's digest\./);
    expect(text(reply)).not.toMatch(/free search/);
  });
});

describe('/subscribe counts', () => {
  it('agree with their number: a cap of one is "1 mention an hour", not "1 mentions"', async () => {
    const reply = await subscribe('huawei cap 1');
    expect(text(reply)).toMatch(/at most 1 mention an hour/);
    const notify = await subscribe('zte notify @policy cap 1');
    expect(text(notify)).toMatch(/at most once per story and 1 time an hour/);
  });
});

describe('/subscribe with a bare time and zone', () => {
  it('reads "9:00 Europe/Berlin" after the topic as the time and zone, not as topic words', async () => {
    const reply = await subscribe('huawei 9:00 Europe/Berlin');
    expect(text(reply)).toMatch(/Added Huawei to this channel's digest\./);
    const saved = await t.digests.stores.subscriptions.get(CONSOLE_TENANT, 'C1');
    expect(saved?.topics).toEqual(['huawei']);
    expect(saved).toMatchObject({ time: '09:00', timeZone: 'Europe/Berlin' });
  });

  it('refuses a misspelt bare zone with suggestions and saves nothing', async () => {
    const reply = await subscribe('huawei 7am Europe/Berlinn');
    expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
    expect(text(reply)).toMatch(/"Europe\/Berlinn" is not a time zone we know/);
    expect(await t.digests.stores.subscriptions.list(CONSOLE_TENANT)).toEqual([]);
  });

  it('keeps bare numbers and words before any topic as the topic', async () => {
    expect(parseSubscribeText('5g 2026')).toEqual({ topic: '5g 2026' });
    expect(parseSubscribeText('9:00')).toEqual({ topic: '9:00' });
    expect(parseSubscribeText('trade Asia/Pacific')).toEqual({ topic: 'trade Asia/Pacific' });
    expect(parseSubscribeText('top 5 apps')).toEqual({ topic: 'top 5 apps' });
    expect(parseSubscribeText('pacific Pacific/Rim')).toEqual({ topic: 'pacific Pacific/Rim' });
    // A dotted number with no zone after it may be a version; a lower-case abbreviation may be a word.
    expect(parseSubscribeText('ios 17.10')).toEqual({ topic: 'ios 17.10' });
    expect(parseSubscribeText('huawei est')).toEqual({ topic: 'huawei est' });
  });

  it.each([
    ['huawei 9 am US/Eastern', '09:00', 'America/New_York'],
    ['huawei 5:30 pm', '17:30', undefined],
    ['huawei 9h30 Canada/Pacific', '09:30', 'America/Vancouver'],
    ['huawei 9.30 EST', '09:30', 'America/New_York'],
    ['huawei 9am ET', '09:00', 'America/New_York'],
    ['huawei 7.45 pm BST', '19:45', 'Europe/London'],
    ['huawei 9.30am', '09:30', undefined],
    ['huawei at 8:00 tz cet', '08:00', 'Europe/Brussels'],
  ])('reads %s as a time and zone typed without at and tz', async (line, time, zone) => {
    expect(await subscribe(line)).toMatchObject({ kind: 'notice', level: 'success' });
    const saved = await t.digests.stores.subscriptions.get(CONSOLE_TENANT, 'C1');
    expect(saved?.topics).toEqual(['huawei']);
    expect(saved?.time).toBe(time);
    if (zone) expect(saved?.timeZone).toBe(zone);
  });

  it.each([
    ['huawei 25:00', /"25:00" is not a time of day/],
    ['huawei 13pm', /"13pm" is not a time of day/],
    ['huawei 9:00 10:00', /two times were given \(9:00, 10:00\); keep one/],
    ['huawei 9:00 at 10:00', /two times were given \(9:00, 10:00\); keep one/],
    ['huawei tz Europe/London Europe/Berlin', /two time zones were given \(Europe\/London, Europe\/Berlin\)/],
    ['huawei 8:15 IST', /"IST" names more than one time zone \(India, Ireland or Israel: use Asia\/Kolkata/],
  ])('refuses %s, saying which time or zone is wrong, and saves nothing', async (line, message) => {
    const reply = await subscribe(line);
    expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
    expect(text(reply)).toMatch(message);
    expect(await t.digests.stores.subscriptions.list(CONSOLE_TENANT)).toEqual([]);
  });
});
