import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, dispatchLine } from '../../commands/dispatch.ts';
import { parseKeyValues, splitWords } from '../../commands/parse-text.ts';
import { parseSubscribeText } from '../../commands/subscribe-input.ts';
import type { Tenant } from '../../src/core/tenant.ts';
import { contextFor } from '../helpers/context.ts';
import { openFuzzCore } from '../helpers/fuzz-commands.ts';
import { PROTOTYPE_NAMES } from '../helpers/reply-checks.ts';

const TENANT: Tenant = { platform: 'console', id: 'edge' };
let fuzz: Awaited<ReturnType<typeof openFuzzCore>>;
beforeAll(async () => {
  fuzz = await openFuzzCore();
});
afterAll(async () => fuzz.close());
const run = (line: string) => dispatchLine(line, contextFor(fuzz, { tenant: TENANT }));
const text = (reply: Awaited<ReturnType<typeof run>>) =>
  reply.kind === 'notice' ? `${reply.text} ${reply.hint ?? ''}` : JSON.stringify(reply);

describe('command text parsing', () => {
  it('closes a quote left open at the end of the text', () => {
    expect(splitWords('add x "open banking')).toEqual(['add', 'x', '"open banking']);
  });

  it('still reads page:N typed after an open quote, and no key is found on the prototype', () => {
    const { values, rest } = parseKeyValues('"ai act page:2', ['page']);
    expect(values.page).toBe('2');
    expect(rest).toBe('"ai act');
    expect(parseKeyValues('x', ['page']).values.constructor).toBeUndefined();
  });

  it('takes words named like Object.prototype properties as topic words, not schedule keys', () => {
    for (const name of PROTOTYPE_NAMES) {
      expect(parseSubscribeText(`huawei ${name} x`)).toEqual({ topic: `huawei ${name} x` });
      expect(parseSubscribeText(`huawei ${name}:x`)).toEqual({ topic: `huawei ${name}:x` });
    }
  });
});

describe('names validated at the edge', () => {
  it('refuses a source name with a bidi override, and folds case when removing by name', async () => {
    const bad = await run('/sources add https://example.org/a.xml "Evil\u202egnp"');
    expect(text(bad)).toMatch(/cannot be used: it contains an invisible character \(U\+202E\)/);
    expect(await fuzz.core.sources.list(TENANT)).toEqual([]);
    const added = await run('/sources add https://example.org/a.xml FTC Press');
    expect(added).toMatchObject({ level: 'success' });
    expect(await run('/sources remove ftc press')).toMatchObject({ level: 'success' });
    await run('/sources add https://example.org/b.xml Old Wire');
    expect(await run('/sources remove "old wire"')).toMatchObject({ level: 'success' });
  });

  it('refuses typed options (Discord) carrying control characters the same way as text', async () => {
    const reply = await dispatch(
      { name: 'topics', options: { action: 'add', name: 'ok', query: 'q', aliases: ['a\u0007b'] } },
      contextFor(fuzz, { tenant: TENANT }),
    );
    expect(text(reply)).toMatch(/control character \(U\+0007\)/);
    expect((await fuzz.core.topics.list(TENANT)).some((t) => t.name === 'ok')).toBe(false);
  });

  it('keeps a typed option named __proto__ from replacing the options object’s prototype', async () => {
    const options = JSON.parse('{"action":"list","__proto__":{"isAdmin":true}}') as Record<string, unknown>;
    const reply = await dispatch({ name: 'topics', options }, contextFor(fuzz, { tenant: TENANT }));
    expect(reply.kind).toBe('list');
  });

  it('reads a line with newlines and tabs as spaces, and stores names in NFC', async () => {
    const reply = await run('/topics add\tcafe\n"cafe\u0301 culture"');
    expect(reply).toMatchObject({ level: 'success' });
    expect((await fuzz.core.topics.list(TENANT)).find((t) => t.name === 'cafe')?.query).toBe(
      'caf\u00e9 culture',
    );
  });
});
